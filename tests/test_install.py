"""errcat as another API team gets it: a source distribution built from a copy of this
repository, a wheel built from that, as pip builds one from an index, and the wheel installed
(not editable, without extras) into a fresh virtualenv; then `errcat new`, `mkdocs build
--strict` and `errcat check`; `errcat import` of the table this site started from; and the
guide, docs/errcat.md, followed to the letter in a fresh folder, with text codes."""

from __future__ import annotations

import email.parser
import json
import os
import re
import shutil
import socket
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
    # Installed from a wheel on this machine, which CI cannot reach: its release, said in one line.
    assert requirements[0] == f"errcat[material]=={PYPROJECT['project']['version']}", requirements
    assert requirements[1:] == [f"mkdocs=={versions[0]}", f"mkdocs-material=={versions[1]}"]
    note = new.stdout.splitlines()[-1]
    assert note.startswith("requirements.in: errcat was installed from file://") and "names the release" in note
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
            [str(bin / "errcat"), "client", language, f"dist/{language}", "--name", name, "--version", "1.0.0"]
            + ["--base-url", "https://acme.github.io/errors/"],  # site_url is this machine's until SITE_URL is set
            site,
        )
        assert made.returncode == 0, made.stderr
    again = run([str(bin / "errcat"), "new", "acme"], tmp_path)
    assert again.returncode == 1 and "is not empty" in again.stderr


def test_errcat_import_of_the_seed_table_gives_61_codes_verbatim_that_build(venv: Path, tmp_path: Path):
    bin = venv / "bin"
    new = run([str(bin / "errcat"), "new", "pbx", "--title", "PBX"], tmp_path)
    assert new.returncode == 0, new.stderr
    site = tmp_path / "pbx"
    imported = run([str(bin / "errcat"), "import", str(SEED_TABLE)], site)  # in place of the samples
    assert imported.returncode == 0, imported.stderr
    assert "in place of errcat new's samples: 61 codes" in imported.stdout
    refused = run([str(bin / "errcat"), "import", str(SEED_TABLE)], site)  # the team's catalog now
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


# --- the guide, followed to the letter ----------------------------------------------------

GUIDE = ROOT / "docs" / "errcat.md"
# The table a new team brings, beside the folder the guide starts in: text codes, sentences.
TEAM_TABLE = """\
Error Code,Error Message,Description,HTTP status
card_declined,The card was declined by its issuer.,"The issuer refused the charge, and says no more.",402
insufficient_funds,The card has insufficient funds to complete the purchase.,The account cannot cover the amount.,402
rate-limit-exceeded,Too many requests hit the API too quickly.,Retry with exponential backoff.,429
"""
# The install block, as the guide has it: in the test, the module's virtualenv stands for it.
INSTALL = ["python3 -m venv .venv", 'pip install "errcat[material] @ git+https://github.com/pbx-docs/error-codes"']
# What `mkdocs serve` is in the test: served on a free port until the home page answers, then stopped.
SERVE = """\
serve() {
  local log
  log=$(mktemp)
  mkdocs serve --dev-addr "127.0.0.1:$PORT" > "$log" 2>&1 &
  local server=$!
  until python -c "$PAGE_HAS_TABLE" "http://127.0.0.1:$PORT/" 2>/dev/null; do
    kill -0 "$server" || { cat "$log"; return 1; }
    sleep 0.2
  done
  kill "$server"; wait "$server" || true
  echo "served http://127.0.0.1:$PORT/"
}
"""


# The guide's walk-through, section by section, whose ```sh blocks the test runs in order;
# and its other sections with ```sh blocks, each another way that a test of its own covers.
WALK_THROUGH = ("Install", "A new site in one command", "Bring an existing table", "Publish it")
OTHER_WAYS = {"Bring your codes": "tests/test_sources.py"}  # a JSON or YAML file instead of a table


def guide_blocks() -> dict[str, list[str]]:
    """The ```sh blocks of docs/errcat.md by the section they are in, in order."""
    blocks: dict[str, list[str]] = {}
    for section in re.split(r"^## ", GUIDE.read_text(encoding="utf-8"), flags=re.M)[1:]:
        title, _, body = section.partition("\n")
        found = re.findall(r"^```sh\n(.*?)^```", body, re.M | re.S)
        if found:
            blocks[title.strip()] = found
    return blocks


def guide_script(venv: Path) -> str:
    """The walk-through's ```sh blocks, in order, as one shell script. The guide's two
    install lines are the module's virtualenv (the wheel built from this checkout, not
    editable; the git URL needs the network): `.venv` is a link to it. `mkdocs serve` runs
    until it serves the home page."""
    blocks = guide_blocks()
    assert list(blocks) == [title for title in blocks if title in WALK_THROUGH or title in OTHER_WAYS], (
        "a section of the guide with commands that no test runs"
    )
    assert [title for title in blocks if title in WALK_THROUGH] == list(WALK_THROUGH)
    lines = [line for title in WALK_THROUGH for block in blocks[title] for line in block.splitlines()]
    assert [line for line in lines if line in INSTALL] == INSTALL, "the guide's install lines changed"
    script = ["set -euo pipefail", SERVE]
    for line in lines:
        if line == INSTALL[0]:
            script.append(f"ln -s {venv} .venv")
        elif line == INSTALL[1]:
            continue
        elif line == "mkdocs serve":
            script.append("serve")
        else:
            script.append(f"echo '$ {line}'; {line}")
    return "\n".join(script) + "\n"


def test_the_guide_works_as_written_in_a_fresh_folder_with_text_codes(venv: Path, tmp_path: Path):
    folder = tmp_path / "fresh"
    folder.mkdir()
    (folder / "errors.csv").write_text(TEAM_TABLE, encoding="utf-8")  # the guide's ../errors.csv
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    page_has_table = (
        "import sys, urllib.request as u; sys.exit('errcat-index' not in u.urlopen(sys.argv[1]).read().decode())"
    )
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "PORT": str(port), "PAGE_HAS_TABLE": page_has_table}
    env |= {"NO_MKDOCS_2_WARNING": "1"}  # Material's notice of its successor, which is not errcat's to give
    env |= {"GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@example.org", "GIT_COMMITTER_NAME": "A"}
    env |= {"GIT_COMMITTER_EMAIL": "a@example.org", "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}
    done = subprocess.run(
        ["bash", "-c", guide_script(venv)],
        cwd=folder,
        env={**{k: v for k, v in os.environ.items() if k in ("HOME", "LANG", "TMPDIR")}, **env},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    assert re.search(rf"errcat {PYPROJECT['project']['version']} from {re.escape(str(venv))}/\S+/errcat\n", out)
    assert f"served http://127.0.0.1:{port}/" in out
    assert "catalog.yaml and published-codes.txt in place of errcat new's samples: 3 codes" in out
    assert "catalog.yaml: 3 codes in 1 category, no problems" in out  # errcat check, after the import
    # Nothing failed that the guide does not announce: every line of errors is MkDocs' own INFO.
    assert [line for line in done.stderr.splitlines() if not line.startswith("INFO")] == [], done.stderr
    index = Site(folder / "my-errors" / "site").page("")
    rows = [row.select("td")[0].get_text() for row in index.select("table.errcat-index tbody tr")]
    assert rows == ["card_declined", "insufficient_funds", "rate-limit-exceeded"]
    assert "code_type: text\n" in (folder / "my-errors" / "catalog.yaml").read_text(encoding="utf-8")
