"""errcat on the versions it accepts: every dependency at its floor at once, the newest, and
beside a site's own pin of Material.

pyproject.toml names ranges, never one version (a site locks what it builds with, as this
one does in requirements/site.txt). Here a virtual environment holds errcat, installed from
this checkout (a wheel, not editable), with every dependency at the floor pyproject.toml
names: MkDocs 1.6.0, Material 9.5.0, Markdown 3.6 and so on. It is made once, in
.cache/versions/, and kept while the floors stay the same; when errcat's sources change,
errcat alone is installed again. The example site with text codes (with its history) and
this site (on its seed catalog) are built in it and in the suite's own environment, the
newest: what errcat makes must be the same, its plain paths standing in for the parts of
speedups.py, and Material's own search partial for errcat's copy of 9.8.2's.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.version import Version

from casecheck import CASES, expected_lines
from sitecheck import (
    PACKAGE_PARTS,
    ROOT,
    SEED_CATALOG,
    SEED_PUBLISHED,
    Site,
    built_site,
    copy_package_source,
    make_project,
)
from test_text_codes import scripted_example

pytestmark = pytest.mark.xdist_group("versions")  # one environment and one set of builds for the module

CACHE = ROOT / ".cache" / "versions"
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
SITE_PINS = ROOT / "requirements" / "site.txt"
# Each site built, and the path its site_url gives the pages that link from the host's root (404).
SITES = {"text-codes": "/errors/", "pbx": "/error-codes/"}
# Not errcat's: Material's bundles (named by a hash of their content), and the sitemap
# (MkDocs 1.6.0 writes a changefreq that 1.6.1 does not).
NOT_ERRCATS = ("assets/javascripts/", "assets/stylesheets/", "sitemap.xml")


def floors() -> dict[str, str]:
    """Every dependency of errcat and of errcat[material,patterns], at the lowest version it accepts."""
    found = {}
    extras = PROJECT["optional-dependencies"]
    for text in [*PROJECT["dependencies"], *extras["material"], *extras["patterns"]]:
        requirement = Requirement(text)
        lowest = [spec.version for spec in requirement.specifier if spec.operator == ">="]
        assert len(lowest) == 1, f"{text}: a dependency names its floor, as >="
        found[requirement.name] = lowest[0]
    return found


def pip(*args: str) -> subprocess.CompletedProcess[str]:
    """The suite's pip (`--python` points it at another environment)."""
    env = dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1")
    env.pop("VIRTUAL_ENV", None)
    return subprocess.run([sys.executable, "-m", "pip", *args], capture_output=True, text=True, env=env, timeout=900)


def source_digest() -> str:
    """A hash of what errcat's wheel is built from."""
    digest = hashlib.sha256()
    for part in PACKAGE_PARTS:
        path = ROOT / part
        for file in sorted(path.rglob("*")) if path.is_dir() else [path]:
            relative = file.relative_to(ROOT)
            if file.is_file() and not any(p == "__pycache__" or p.endswith(".egg-info") for p in relative.parts):
                digest.update(relative.as_posix().encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def errcat_wheel(digest: str, where: Path) -> Path:
    """errcat's wheel, built from a copy of this checkout, kept while its sources are the same."""
    folder = CACHE / "wheels" / digest
    made = sorted(folder.glob("errcat-*.whl"))
    if made:
        return made[0]
    shutil.rmtree(CACHE / "wheels", ignore_errors=True)
    source = copy_package_source(where / "errcat-source")
    built = pip("wheel", "--quiet", "--no-deps", "--wheel-dir", str(folder), str(source))
    assert built.returncode == 0, built.stderr
    (made,) = folder.glob("errcat-*.whl")
    return made


@dataclass(frozen=True)
class Environment:
    python: Path
    wheel: Path

    def install(self, *args: str) -> subprocess.CompletedProcess[str]:
        return pip("--python", str(self.python), "install", "--quiet", *args)


@pytest.fixture(scope="module")
def oldest(tmp_path_factory: pytest.TempPathFactory) -> Environment:
    """errcat, not editable, with every dependency at its floor: made once, then kept."""
    lowest = floors()
    pins = "".join(f"{name}=={version}\n" for name, version in lowest.items())
    name = f"mkdocs-{lowest['mkdocs']}+mkdocs-material-{lowest['mkdocs-material']}"
    folder, digest = CACHE / name, source_digest()
    environment = Environment(folder / "bin" / "python", errcat_wheel(digest, tmp_path_factory.mktemp("wheel")))
    made_with, installed = folder / "floors.txt", folder / "errcat-source.txt"
    if not made_with.is_file() or made_with.read_text() != pins:
        for old in CACHE.iterdir():
            if old.name != "wheels":
                shutil.rmtree(old)
        subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True, timeout=120)
        done = environment.install(f"errcat[material,patterns] @ {environment.wheel.as_uri()}", *pins.split())
        assert done.returncode == 0, done.stderr
        made_with.write_text(pins)
    elif not installed.is_file() or installed.read_text() != digest:
        done = environment.install("--no-deps", "--force-reinstall", str(environment.wheel))
        assert done.returncode == 0, done.stderr
    installed.write_text(digest)
    return environment


@pytest.fixture(scope="module")
def builds(oldest: Environment, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Site, Site]]:
    """Each site built with the newest versions (the suite's) and with the oldest: (newest, oldest)."""
    where = tmp_path_factory.mktemp("versions")
    projects = {
        "text-codes": scripted_example(where / "text-codes"),
        "pbx": make_project(where / "pbx", SEED_CATALOG, SEED_PUBLISHED),
    }
    return {
        name: (
            built_site(project, where / f"{name}-newest"),
            built_site(project, where / f"{name}-oldest", oldest.python),
        )
        for name, project in projects.items()
    }


def test_the_oldest_environment_holds_every_floor_with_every_speedup_off(oldest: Environment):
    script = (
        "import json; from importlib.metadata import version;"
        "from errcat.engines.mkdocs import speedups as s;"
        f"print(json.dumps([{{n: version(n) for n in {list(floors())!r}}},"
        " [s.SearchSpeedups().enabled_here(), s.ServeSpeedups().enabled_here(), s.known_search_partial()]]))"
    )
    result = subprocess.run([str(oldest.python), "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    versions, speedups = json.loads(result.stdout)
    assert {name: Version(version) for name, version in versions.items()} == {
        name: Version(version) for name, version in floors().items()
    }
    assert (Version(versions["mkdocs"]), Version(versions["mkdocs-material"])) == (Version("1.6"), Version("9.5"))
    assert speedups == [False, False, False]


def errcat_output(site: Site) -> dict[str, object]:
    """What errcat makes of a site, apart from what the theme puts around it: each page's
    content (without Material's edit button) and the parts of errcat around it, the search
    entries, and every other file whole, but for NOT_ERRCATS."""
    found: dict[str, object] = {}
    for path in sorted(site.root.rglob("*")):
        name = path.relative_to(site.root).as_posix()
        if not path.is_file() or name.startswith(NOT_ERRCATS):
            continue
        if name == "search/search_index.json":
            found[name] = json.loads(path.read_text(encoding="utf-8"))["docs"]
            continue
        page = site.page(name) if path.suffix == ".html" else None
        article = page.select_one("article") if page is not None else None
        if page is None or article is None:
            found[name] = path.read_bytes()
            continue
        for button in article.select(".md-content__button"):
            button.decompose()
        found[name] = [str(article)] + [str(e) for e in page.find_all(["meta", "link", "script"]) if "errcat" in str(e)]
    return found


@pytest.mark.parametrize("name", SITES)
def test_the_oldest_versions_make_the_same_pages_files_and_search_entries(builds, name: str):
    newest, oldest = (errcat_output(site) for site in builds[name])
    assert len(newest) > 20
    assert [file for file in sorted(newest.keys() | oldest.keys()) if newest.get(file) != oldest.get(file)] == []


@pytest.mark.parametrize("name", SITES)
def test_with_the_oldest_versions_every_code_has_its_anchor_row_and_permanent_page(builds, name: str):
    site = builds[name][1]
    codes = json.loads((site.root / "catalog.json").read_text(encoding="utf-8"))["codes"]
    rows = [row.select("td")[0].get_text() for row in site.page("").select("table.errcat-index tbody tr")]
    assert rows == [str(record["code"]) for record in codes]
    for record in codes:
        code, category = str(record["code"]), record["category"]["id"]
        assert site.page(f"{category}/").find("h2", id=code) is not None, code
        permanent = (site.root / "codes" / code / "index.html").read_text(encoding="utf-8")
        assert f'content="0; url=../../{category}/#{code}"' in permanent, code
    assert site.page("404.html").find(id="errcat-404") is not None
    checked, broken = site.check_links(SITES[name])
    assert checked > 100 and broken == []


def test_materials_own_search_partial_stays_where_errcats_copy_is_of_another_version(builds):
    for name in SITES:
        newest, oldest = (site.page("").select_one("div.md-search") for site in builds[name])
        assert newest["aria-label"] == "Search"  # errcat's copy, of Material 9.8.2's own
        assert not oldest.has_attr("aria-label")  # Material 9.5.0's own partial...
        assert not oldest.select_one(".md-search__scrollwrap").has_attr("tabindex")  # ... as 9.5.0 wrote it


def test_broken_catalogs_give_the_same_problems_with_the_oldest_versions(oldest: Environment, tmp_path: Path):
    # PyYAML, jsonschema and fastjsonschema at their floors: the loader and every check.
    script = (
        "import json, sys, tempfile, pathlib; sys.path.insert(0, sys.argv[1]);"
        "from casecheck import CASES, case_problems;"
        "print(json.dumps({c.name: [str(p) for p in case_problems(c, pathlib.Path(tempfile.mkdtemp(dir=sys.argv[2])))]"
        " for c in CASES}))"
    )
    result = subprocess.run(
        [str(oldest.python), "-c", script, str(ROOT / "tests"), str(tmp_path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {case.name: expected_lines(case) for case in CASES}


def test_a_site_that_pins_another_material_can_install_errcat(oldest: Environment):
    # Resolution only (--dry-run), in the oldest environment: what it lacks is fetched as
    # metadata, nothing is installed. (9.5.0 is installed above, 9.8.2 in the suite's own.)
    result = oldest.install("--dry-run", f"errcat[material] @ {oldest.wheel.as_uri()}", "mkdocs-material==9.7.6")
    assert result.returncode == 0, result.stderr


def test_a_material_older_than_errcat_accepts_is_refused_by_pip(oldest: Environment):
    result = oldest.install("--dry-run", f"errcat[material] @ {oldest.wheel.as_uri()}", "mkdocs-material==9.4.14")
    assert result.returncode != 0 and "ResolutionImpossible" in result.stderr


def test_this_site_builds_with_its_own_pins():
    # scripts/venv.sh installs requirements/site.txt: the suite runs on exactly those.
    from importlib.metadata import version

    pins = [line.split("==") for line in SITE_PINS.read_text().splitlines() if line and not line.startswith("#")]
    assert {"mkdocs", "mkdocs-material"} <= {name for name, _ in pins}
    assert [(name, version(name)) for name, _ in pins] == [(name, pinned) for name, pinned in pins]
