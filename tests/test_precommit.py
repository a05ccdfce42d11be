"""Checking without building: `python -m errcat check` installed, and through pre-commit."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from sitecheck import ROOT, SEED_CATALOG, SEED_PUBLISHED, copy_package_source

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
LOCAL_HOOK = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"][0]


# What `python scripts/check` needs of the package's dependencies: all but the site's builder
# and the renderer's (Babel writes counts and days in the site's language: pages only).
NOT_NEEDED_BY_THE_CHECK = {"mkdocs", "mkdocs-material", "Markdown", "nh3", "babel"}
# RE2, for a catalog with a code_pattern: an extra of the package, which the hooks install.
PATTERNS = PYPROJECT["project"]["optional-dependencies"]["patterns"]


def test_the_local_hook_installs_what_the_package_needs():
    pins = {
        re.split(r"[<>=]", dependency)[0]: dependency for dependency in PYPROJECT["project"]["dependencies"] + PATTERNS
    }
    for dependency in LOCAL_HOOK["additional_dependencies"]:
        assert pins[re.split(r"[<>=]", dependency)[0]] == dependency
    listed = {re.split(r"[<>=]", dependency)[0] for dependency in LOCAL_HOOK["additional_dependencies"]}
    assert listed == set(pins) - NOT_NEEDED_BY_THE_CHECK


def test_the_hook_repository_entry_is_the_installed_command():
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["entry"] == "errcat check"
    assert PYPROJECT["project"]["scripts"]["errcat"] == "errcat.commands.cli:main"
    assert hook["files"] == LOCAL_HOOK["files"]
    assert hook["additional_dependencies"] == PATTERNS  # pre-commit installs the package without extras


def test_an_installed_package_checks_a_catalog_from_anywhere(tmp_path: Path):
    """`pip install .` (not editable) gives a working `python -m errcat check`, schema included."""
    target = tmp_path / "installed"
    source = copy_package_source(tmp_path / "source")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--no-deps",
            "--target",
            str(target),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert (target / "errcat" / "catalog.schema.json").is_file()
    project = tmp_path / "elsewhere"
    project.mkdir()
    (project / "catalog.yaml").write_text(SEED_CATALOG, encoding="utf-8")
    (project / "published-codes.txt").write_text(SEED_PUBLISHED, encoding="utf-8")
    # Run from a folder that has no hooks/: only the installed package can be imported.
    env = dict(os.environ, PYTHONPATH=str(target), PYTHONSAFEPATH="1")
    command = [sys.executable, "-m", "errcat", "check", "catalog.yaml"]
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "no problems" in result.stdout
    located = subprocess.run(
        [sys.executable, "-c", "import errcat; print(errcat.__file__)"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    assert located.stdout.startswith(str(target))
    (project / "catalog.yaml").write_text((project / "catalog.yaml").read_text().replace("code: 70093", "code: 010"))
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "'010' is not written as a plain decimal number (YAML reads it as 8)" in result.stderr


def git(where: Path, *args: str) -> None:
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.org",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.org",
    )
    subprocess.run(["git", *args], cwd=where, env=env, check=True, capture_output=True)


def test_pre_commit_runs_the_check_on_a_commit(tmp_path: Path):
    pre_commit = shutil.which("pre-commit", path=str(Path(sys.executable).parent))
    if pre_commit is None:
        pytest.skip("pre-commit is not installed (scripts/test installs it)")
    # A repository of its own, made of this working tree's files (committed or not): the
    # checkout itself may be an unpacked archive, with no git history at all.
    clone = tmp_path / "clone"
    # The frozen seed catalog: what the hook does does not depend on what the catalog says.
    for name in (".pre-commit-config.yaml", "scripts/check", "pyproject.toml"):
        (clone / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, clone / name)
    (clone / "catalog.yaml").write_text(SEED_CATALOG, encoding="utf-8")
    (clone / "published-codes.txt").write_text(SEED_PUBLISHED, encoding="utf-8")
    for folder in ("hooks", "docs"):
        shutil.copytree(ROOT / folder, clone / folder, ignore=shutil.ignore_patterns("__pycache__"))
    git(clone, "init", "--quiet", "-b", "main")
    git(clone, "add", "-A")
    git(clone, "commit", "--quiet", "-m", "as in the working tree")
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "cache"))
    subprocess.run([pre_commit, "install"], cwd=clone, env=env, check=True, capture_output=True)
    catalog = clone / "catalog.yaml"
    first = yaml.safe_load(catalog.read_text())["categories"][0]["id"]  # whichever it is
    catalog.write_text(catalog.read_text().replace(f"  - id: {first}\n", "  - id: using\n", 1))
    git(clone, "add", "catalog.yaml")
    result = subprocess.run(
        ["git", "commit", "-m", "broken"],
        cwd=clone,
        env={
            **env,
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.org",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.org",
        },
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode != 0, "the commit of a broken catalog went through"
    assert "category id 'using' is taken by the site's own pages" in result.stdout + result.stderr
