"""errcat as another API team gets it: a non-editable `pip install` into a fresh
virtualenv, from a copy of this repository in another folder, then `errcat new`,
`mkdocs build --strict` and `errcat check`; and `errcat import` of the table this site
started from."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sitecheck import ROOT, Site

# The seed table, as the repository keeps it (tests/test_catalog.py checks it is the seed).
SEED_TABLE = ROOT / "tests" / "data" / "seed-error-codes.md"
# What a source distribution of errcat holds: a copy of these, and nothing of this site.
PACKAGE_PARTS = ("pyproject.toml", "README.md", "hooks")


def run(command: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", PIP_DISABLE_PIP_VERSION_CHECK="1", **env)
    environment.pop("VIRTUAL_ENV", None)
    return subprocess.run(command, cwd=cwd, env=environment, capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def venv(tmp_path_factory) -> Path:
    """A fresh virtualenv with errcat installed, not editable, from another folder."""
    where = tmp_path_factory.mktemp("install")
    source = where / "errcat-source"
    source.mkdir()
    for part in PACKAGE_PARTS:
        if (ROOT / part).is_dir():
            shutil.copytree(ROOT / part, source / part, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(ROOT / part, source / part)
    env = where / "venv"
    created = run([sys.executable, "-m", "venv", str(env)], where)
    assert created.returncode == 0, created.stderr
    installed = run([str(env / "bin" / "pip"), "install", "--quiet", str(source)], where)
    assert installed.returncode == 0, installed.stderr
    shutil.rmtree(source)  # nothing may depend on the folder it was installed from
    return env


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
        "engines/mkdocs/templates/any/404.html",
        "engines/mkdocs/templates/material/partials/search.html",
        "clients/templates/python/__init__.py.txt",
        "clients/templates/typescript/index.js.txt",
        "clients/templates/typescript/index.d.ts.txt",
        "commands/workflows/pages.yml",
        "commands/workflows/check.yml",
    ):
        assert (package / shipped).is_file(), shipped


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
