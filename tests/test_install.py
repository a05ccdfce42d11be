"""errcat as another API team gets it: a source distribution built from a copy of this
repository, a wheel built from that, as pip builds one from an index, and the wheel installed
(not editable, without extras) into a fresh virtualenv; then `errcat new`, `mkdocs build
--strict` and `errcat check`; and `errcat import` of the table this site started from."""

from __future__ import annotations

import email.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from sitecheck import PACKAGE_PARTS, ROOT, Site

pytestmark = pytest.mark.xdist_group("install")  # one build and one virtualenv for the module

# The seed table, as the repository keeps it (tests/test_catalog.py checks it is the seed).
SEED_TABLE = ROOT / "tests" / "data" / "seed-error-codes.md"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
# Where the package's links point: this repository and the site it publishes (mkdocs.yml).
REPOSITORY = "https://github.com/pbx-docs/error-codes"
SITE = "https://pbx-docs.github.io/error-codes/"
# What `python -m build` does, without its isolated environments: call setuptools' hook
# (build_sdist or build_wheel) in the current folder; it prints the file's name last.
BUILD = "import sys; from setuptools import build_meta; print(getattr(build_meta, sys.argv[1])(sys.argv[2]))"
# Not copied from the repository: caches and what builds make (nothing a clone has), and
# the real catalog and record, which are the site's, not the package's.
NOT_COPIED = frozenset(
    {".git", ".venv", ".cache", ".mypy_cache", ".ruff_cache", ".pytest_cache", "site", "test-output", "build"}
    | {"catalog.yaml", "published-codes.txt"}
)


def run(command: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", PIP_DISABLE_PIP_VERSION_CHECK="1", **env)
    environment.pop("VIRTUAL_ENV", None)
    return subprocess.run(command, cwd=cwd, env=environment, capture_output=True, text=True, timeout=900)


@dataclass(frozen=True)
class Built:
    sdist: Path
    wheel: Path
    venv: Path  # with the wheel installed
    package_files: list[str]  # the files of hooks/errcat/ the distributions were built from


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Built:
    where = tmp_path_factory.mktemp("install")
    source = where / "repository"
    shutil.copytree(ROOT, source, ignore=not_copied)
    package = source / "hooks" / "errcat"
    package_files = sorted(path.relative_to(package).as_posix() for path in package.rglob("*") if path.is_file())
    env = where / "venv"
    # Without a pip of its own (installing one takes seconds): this process's pip installs into it.
    created = run([sys.executable, "-m", "venv", "--without-pip", str(env)], where)
    assert created.returncode == 0, created.stderr
    python = str(env / "bin" / "python")
    pip = [sys.executable, "-m", "pip", "--python", python]
    # What the build needs, as pyproject.toml names it (the isolated build's environment).
    required = run([*pip, "install", "--quiet", *PYPROJECT["build-system"]["requires"]], where)
    assert required.returncode == 0, required.stderr
    dist = where / "dist"
    made = run([python, "-c", BUILD, "build_sdist", str(dist)], source)
    assert made.returncode == 0, made.stderr
    sdist = dist / made.stdout.splitlines()[-1]
    with tarfile.open(sdist) as archive:
        archive.extractall(where / "unpacked", filter="data")
    made = run([python, "-c", BUILD, "build_wheel", str(dist)], where / "unpacked" / sdist.name.removesuffix(".tar.gz"))
    assert made.returncode == 0, made.stderr
    wheel = dist / made.stdout.splitlines()[-1]
    installed = run([*pip, "install", "--quiet", f"{wheel}[material]"], where)  # as docs/errcat.md says
    assert installed.returncode == 0, installed.stderr
    # Nothing may depend on the folders it was built in.
    shutil.rmtree(source)
    shutil.rmtree(where / "unpacked")
    return Built(sdist, wheel, env, package_files)


def not_copied(folder: str, names: list[str]) -> set[str]:
    top = Path(folder) == ROOT
    return {
        name for name in names if (top and name in NOT_COPIED) or name == "__pycache__" or name.endswith(".egg-info")
    }


@pytest.fixture(scope="module")
def venv(built: Built) -> Path:
    """A fresh virtualenv with errcat installed from its wheel."""
    return built.venv


def test_the_install_is_not_editable_and_ships_its_files(venv: Path):
    show = run(
        [str(venv / "bin" / "python"), "-c", "import errcat, pathlib; print(pathlib.Path(errcat.__file__).parent)"],
        venv,
    )
    package = Path(show.stdout.strip())
    assert package.is_relative_to(venv), package  # in the venv's site-packages, not a checkout
    for shipped in (
        "catalog.schema.json",
        "catalog-json.schema.json",
        "assets/errcat.js",
        "assets/errcat.css",
        "render/templates/404.html",
        "engines/mkdocs/templates/material/partials/search.html",
        "clients/templates/python/__init__.py.txt",
        "clients/templates/typescript/index.js.txt",
        "clients/templates/typescript/index.d.ts.txt",
        "commands/workflows/pages.yml",
        "commands/workflows/check.yml",
        "py.typed",
    ):
        assert (package / shipped).is_file(), shipped


def test_the_wheel_holds_every_file_of_the_package_folder_and_the_licence(built: Built):
    with zipfile.ZipFile(built.wheel) as wheel:
        names = wheel.namelist()
        licence = wheel.read(f"errcat-{PYPROJECT['project']['version']}.dist-info/licenses/LICENSE")
    assert "py.typed" in built.package_files
    # Code, schemas, assets, templates, client templates: whatever folder a module moves to.
    assert sorted(name.removeprefix("errcat/") for name in names if name.startswith("errcat/")) == built.package_files
    assert licence == (ROOT / "LICENSE").read_bytes()
    assert licence.startswith(b"MIT License\n\nCopyright (c) 2026 the errcat contributors\n")


def test_the_metadata_names_the_licence_links_python_versions_and_extras(built: Built):
    with zipfile.ZipFile(built.wheel) as wheel:
        (name,) = [name for name in wheel.namelist() if name.endswith(".dist-info/METADATA")]
        metadata = email.parser.Parser().parsestr(wheel.read(name).decode("utf-8"))
    assert metadata["License-Expression"] == "MIT"
    assert metadata.get_all("License-File") == ["LICENSE"]
    classifiers = metadata.get_all("Classifier")
    for version in ("3.11", "3.12", "3.13", "3.14"):
        assert f"Programming Language :: Python :: {version}" in classifiers
    assert "Typing :: Typed" in classifiers
    assert [c for c in classifiers if c.startswith("Development Status :: ")]
    assert metadata["Requires-Python"] == ">=3.11"
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert f'"{SITE}"' in config and f"repo_url: {REPOSITORY}\n" in config  # where the site is published
    urls = dict(url.split(", ", 1) for url in metadata.get_all("Project-URL"))
    assert set(urls) == {"Homepage", "Documentation", "Source", "Issues", "Changelog"}
    for url in urls.values():
        assert is_in_this_repository(url), url
    # RE2 only with the extra; the test extra has it.
    requires = metadata.get_all("Requires-Dist")
    assert [r for r in requires if "re2" in r] == ['google-re2<2,>=1.1; extra == "patterns"']
    assert 'errcat[material,patterns]; extra == "test"' in requires
    # The description an index shows, with links that work off GitHub.
    assert metadata["Description-Content-Type"] == "text/markdown"
    description = metadata.get_payload()
    assert description.startswith("# errcat\n")
    links = re.findall(r"\]\(([^)\s]+)\)", description)
    assert links and all(link.startswith("https://") for link in links), links
    for link in links:
        assert is_in_this_repository(link) or not link.startswith((REPOSITORY, SITE)), link


def test_the_sdist_holds_the_package_and_what_builds_it_and_no_tests(built: Built):
    with tarfile.open(built.sdist) as archive:
        files = {member.name.split("/", 1)[1] for member in archive.getmembers() if member.isfile()}
    assert {name.split("/")[0] for name in files} == set(PACKAGE_PARTS) | {"PKG-INFO", "setup.cfg"}
    assert {name.split("/")[1] for name in files if name.startswith("hooks/")} == {"errcat", "errcat.egg-info"}
    assert not [name for name in files if name.startswith("tests") or "conftest" in name]
    assert sorted(name.removeprefix("hooks/errcat/") for name in files if name.startswith("hooks/errcat/")) == (
        built.package_files
    )


def test_the_install_goes_without_re2_until_a_catalog_has_a_code_pattern(venv: Path, tmp_path: Path):
    # So every other test of this module runs errcat without RE2.
    assert run([str(venv / "bin" / "python"), "-c", "import re2"], tmp_path).returncode == 1
    (tmp_path / "catalog.yaml").write_text(
        'code_type: text\ncode_pattern: "[A-Z]+"\ncategories:\n  - id: a\n    title: A\n    codes:\n'
        "      - code: AB\n        message: M\n        description: D.\n",
        encoding="utf-8",
    )
    (tmp_path / "published-codes.txt").write_text("AB a\n", encoding="utf-8")
    checked = run([str(venv / "bin" / "errcat"), "check"], tmp_path)
    assert checked.returncode == 1
    assert checked.stderr.splitlines()[1:] == [
        "catalog.yaml:2: code_pattern '[A-Z]+' cannot be used: it is matched with RE2, and google-re2 is not"
        " installed: pip install 'errcat[patterns]'"
    ]


def is_in_this_repository(url: str) -> bool:
    """Whether a link points at what exists here: the repository, its issues, a file of it
    on main, or a page of the site built from docs/."""
    if url in (REPOSITORY, f"{REPOSITORY}/issues"):
        return True
    if url.startswith(f"{REPOSITORY}/blob/main/"):
        return (ROOT / url.removeprefix(f"{REPOSITORY}/blob/main/")).is_file()
    if url.startswith(SITE) and url.endswith("/"):
        return (ROOT / "docs" / f"{url.removeprefix(SITE).rstrip('/') or 'index'}.md").is_file()
    return False


def test_errcat_new_gives_a_site_that_builds_strictly_and_checks(venv: Path, tmp_path: Path):
    bin = venv / "bin"
    new = run([str(bin / "errcat"), "new", "acme", "--title", "Acme API errors"], tmp_path)
    assert new.returncode == 0, new.stderr
    site = tmp_path / "acme"
    for name in (
        "mkdocs.yml",
        "catalog.yaml",
        "published-codes.txt",
        "docs/index.md",
        "README.md",
        ".github/workflows/pages.yml",
        ".github/dependabot.yml",
        "requirements.in",
        "requirements.txt",
    ):
        assert (site / name).is_file(), name
    # errcat as it was installed, with Material, and the MkDocs and Material it was made with, pinned.
    versions = run(
        [
            str(bin / "python"),
            "-c",
            "from importlib.metadata import version as v; print(v('mkdocs'), v('mkdocs-material'))",
        ],
        site,
    ).stdout.split()
    requirements = [line for line in (site / "requirements.in").read_text().splitlines() if not line.startswith("#")]
    assert requirements[0].startswith("errcat[material] @ file://"), requirements
    assert requirements[1:] == [f"mkdocs=={versions[0]}", f"mkdocs-material=={versions[1]}"]
    readme = (site / "README.md").read_text()
    assert readme.count("```sh") == 1 and "mkdocs serve" in readme and "errcat check" in readme
    built = run([str(bin / "mkdocs"), "build", "--strict"], site)
    assert built.returncode == 0, built.stderr
    index = Site(site / "site").page("")
    assert index.title.get_text().startswith("Acme API errors")
    assert [row.select("td")[0].get_text() for row in index.select("table.errcat-index tbody tr")] == [
        "0",
        "40001",
        "40401",
    ]
    checked = run([str(bin / "errcat"), "check"], site)
    assert checked.returncode == 0, checked.stderr
    assert "3 codes in 2 categories, no problems" in checked.stdout
    # The installed command makes the client packages, from its own templates.
    for language, name in (("python", "acme_errors"), ("typescript", "acme-errors")):
        made = run(
            [str(bin / "errcat"), "client", language, f"dist/{language}", "--name", name, "--version", "1.0.0"], site
        )
        assert made.returncode == 0, made.stderr
    again = run([str(bin / "errcat"), "new", "acme"], tmp_path)
    assert again.returncode == 1 and "is not empty" in again.stderr


def test_errcat_import_of_the_seed_table_gives_61_codes_verbatim_that_build(venv: Path, tmp_path: Path):
    bin = venv / "bin"
    new = run([str(bin / "errcat"), "new", "pbx", "--title", "PBX"], tmp_path)
    assert new.returncode == 0, new.stderr
    site = tmp_path / "pbx"
    refused = run([str(bin / "errcat"), "import", str(SEED_TABLE)], site)
    assert refused.returncode == 1 and "pass --force to overwrite" in refused.stderr
    imported = run([str(bin / "errcat"), "import", str(SEED_TABLE), "--force"], site)
    assert imported.returncode == 0, imported.stderr
    assert "61 codes" in imported.stdout
    catalog = run(
        [
            str(bin / "python"),
            "-c",
            "import json, errcat; c, p = errcat.read_catalog(__import__('pathlib').Path('catalog.yaml'));"
            " print(json.dumps([[e.code, e.message, e.description] for _, e in c.codes()]))",
        ],
        site,
    )
    codes = json.loads(catalog.stdout)
    assert len(codes) == 61
    table = seed_rows()
    assert codes == table  # code, message and description exactly as the table has them
    # Typos included: it is what the API returns, so it is what people search for.
    assert [70130, "CAHNNEL ID NOT FOUND", "The call channel ID does not exist."] in codes
    built = run([str(bin / "mkdocs"), "build", "--strict"], site)
    assert built.returncode == 0, built.stderr
    assert run([str(bin / "errcat"), "check"], site).returncode == 0


def seed_rows() -> list[list[object]]:
    """The seed table's rows, read here independently of errcat: wrapped rows joined."""
    rows, pending = [], ""
    for line in SEED_TABLE.read_text(encoding="utf-8").splitlines():
        if not (line.startswith("|") or pending):
            continue
        pending = f"{pending} {line.strip()}" if pending else line.strip()
        if not pending.endswith("|"):
            continue
        cells = [cell.strip() for cell in pending.strip("|").split("|")]
        pending = ""
        if cells[0] in ("Error Code",) or set(cells[0]) <= {"-"}:
            continue
        rows.append([int(cells[0]), cells[1], cells[2]])
    return rows
