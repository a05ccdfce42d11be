"""`errcat check` in a site's folder checks what the build will: the catalog and record that
mkdocs.yml's errcat entry names, with its options, each problem on its own file's line."""

from __future__ import annotations

import subprocess
from pathlib import Path

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


def test_a_catalog_named_on_the_command_line_is_checked_as_before(tmp_path: Path):
    root = site(tmp_path)
    done = check(root, "errors/api.yaml", "--published", "errors/published.txt")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("api.yaml: 1 code in 1 category, no problems (")
