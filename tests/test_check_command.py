"""`errcat check` in a site's folder checks what the build will: the catalog and record that
mkdocs.yml's errcat entry names, with its options, each problem on its own file's line."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from errcat.commands.cli import main
from sitecheck import ERRCAT, mkdocs_env

CATALOG = """\
categories:
  - id: general
    title: General
    codes:
      - code: 1
        message: OK
        description: It worked.
"""
MKDOCS_YML = """\
site_name: Example
site_url: https://docs.example.org/
plugins:
  - search
  - errcat:
      catalog: errors/api.yaml
      published: errors/published.txt
      permalinks: by-code
"""


def site(where: Path, catalog: str = CATALOG) -> Path:
    (where / "errors").mkdir(parents=True)
    (where / "docs").mkdir()
    (where / "docs" / "index.md").write_text("# Example\n\n<!-- errcat:index -->\n")
    (where / "mkdocs.yml").write_text(MKDOCS_YML)
    (where / "errors" / "api.yaml").write_text(catalog)
    (where / "errors" / "published.txt").write_text("1 general\n")
    return where


def check(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*ERRCAT, "check", *args], cwd=folder, env=mkdocs_env(), capture_output=True, text=True)


def test_the_catalog_and_record_that_mkdocs_yml_names_are_checked(tmp_path: Path):
    done = check(site(tmp_path))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("errors/api.yaml: 1 code in 1 category, no problems (")


def test_a_problem_is_reported_on_the_named_files_line_with_the_entrys_options(tmp_path: Path):
    # `by-code` is this site's folder of permanent pages: no category may take it.
    root = site(tmp_path, CATALOG.replace("  - id: general\n", "  - id: by-code\n"))
    (root / "errors" / "published.txt").write_text("1 by-code\n")
    done = check(root)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.splitlines()[0] == "the error-code catalog has 1 problem:"
    assert done.stderr.splitlines()[1].startswith("errors/api.yaml:2: category id 'by-code' ")


def test_a_mkdocs_yml_without_errcat_is_one_line(tmp_path: Path):
    (tmp_path / "mkdocs.yml").write_text("site_name: Mine\nplugins:\n  - search\n")
    done = check(tmp_path)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"errcat check: {tmp_path / 'mkdocs.yml'}: the site does not use errcat (add `- errcat` to its plugins)"
    ]


def test_a_catalog_named_on_the_command_line_is_checked_and_named_as_given(tmp_path: Path):
    root = site(tmp_path)
    done = check(root, "errors/api.yaml", "--published", "errors/published.txt")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("errors/api.yaml: 1 code in 1 category, no problems (")


# --- the config file, found as MkDocs finds it ------------------------------------------------


def run(folder: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """`errcat ARGS` in `folder`, in this process."""
    cwd = Path.cwd()
    os.chdir(folder)
    try:
        status = main(list(args))
    finally:
        os.chdir(cwd)
    out, err = capsys.readouterr()
    return status, out, err


def test_a_site_whose_config_is_mkdocs_yaml_is_checked(tmp_path: Path, capsys):
    root = site(tmp_path)
    (root / "mkdocs.yml").rename(root / "mkdocs.yaml")
    status, out, err = run(root, capsys, "check")
    assert (status, err) == (0, "")
    assert out.startswith("errors/api.yaml: 1 code in 1 category, no problems (")


def test_mkdocs_yml_comes_before_mkdocs_yaml_as_in_mkdocs(tmp_path: Path, capsys):
    root = site(tmp_path)
    (root / "mkdocs.yaml").write_text("site_name: Other\nplugins:\n  - search\n")  # no errcat: not read
    status, out, _ = run(root, capsys, "check")
    assert status == 0 and out.startswith("errors/api.yaml: ")


@pytest.mark.parametrize("option", ["-f", "--config-file"])
def test_a_config_file_named_with_f_is_read_from_any_folder(tmp_path: Path, capsys, option: str):
    root = site(tmp_path / "site")
    (root / "mkdocs.yml").rename(root / "docs-site.yml")
    status, out, err = run(tmp_path, capsys, "check", option, "site/docs-site.yml")
    assert (status, err) == (0, "")
    assert out.startswith("errors/api.yaml: 1 code in 1 category, no problems (")


def test_a_config_file_that_does_not_exist_is_one_line(tmp_path: Path, capsys):
    status, out, err = run(site(tmp_path), capsys, "check", "-f", "mkdocs.yaml")
    assert (status, out, err) == (1, "", "errcat check: config file 'mkdocs.yaml' does not exist\n")


def test_an_option_error_names_the_config_file_as_given(tmp_path: Path, capsys):
    root = site(tmp_path / "site")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("permalinks: by-code", "permalinks: 7"))
    status, _, err = run(tmp_path, capsys, "check", "-f", "site/mkdocs.yml")
    assert status == 1
    assert err == ("errcat check: site/mkdocs.yml: plugin 'errcat': 'permalinks' must be a text, found int 7\n")


def test_diff_and_client_read_the_config_file_named_with_f(tmp_path: Path, capsys):
    root = site(tmp_path / "site")
    (root / "mkdocs.yml").rename(root / "mkdocs.yaml")
    git = ["git", "-C", str(root), "-c", "user.name=Test", "-c", "user.email=test@example.org"]
    subprocess.run([*git, "init", "-q", "-b", "main"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "-c", "commit.gpgsign=false", "commit", "-q", "-m", "Base"], check=True)
    status, out, err = run(tmp_path, capsys, "diff", "main", "-f", "site/mkdocs.yaml")
    assert (status, err) == (0, "")
    assert out == "**Error codes:** no change to the codes of `errors/api.yaml` since `main`.\n"
    status, out, err = run(
        tmp_path,
        capsys,
        "client",
        "python",
        "out",
        "--name",
        "example_errors",
        "--version",
        "1.0",
        "-f",
        "site/mkdocs.yaml",
    )
    assert (status, err) == (0, "")
    data = json.loads(next((tmp_path / "out").rglob("*.json")).read_text())
    assert [code["url"] for code in data["codes"]] == ["https://docs.example.org/by-code/1/"]
