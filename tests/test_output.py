"""The permanent pages across builds into the same site folder (issue 25).

MkDocs empties the site folder before each build; errcat sets its /codes/ folder aside
first and puts it back after, writing only the pages that changed. Whatever changed in
between, the result is exactly what a build into a new folder gives.
"""

from __future__ import annotations

import os
from pathlib import Path

from errcat.render import GeneratedFile
from errcat.render.output import KEPT, set_aside, write_files
from sitecheck import built_site, make_project, record_of
from synthetic import generate_catalog


def tree(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*") if path.is_file()}


def pages(**codes: str) -> list[GeneratedFile]:
    return [GeneratedFile(f"codes/{code}/index.html", content) for code, content in codes.items()]


def test_only_what_changed_is_written_and_what_went_is_deleted(tmp_path: Path):
    site = tmp_path / "site"
    set_aside(site, "codes")  # nothing to set aside yet
    assert write_files(site, pages(a="one", b="two", c="three"), "codes") == 3
    unchanged = (site / "codes/a/index.html").stat()

    set_aside(site, "codes")
    assert (site / f"{KEPT}codes").is_dir() and not (site / "codes").exists()
    written = write_files(site, pages(a="one", b="TWO", d="four"), "codes")

    assert written == 2  # b changed, d is new; a is as it was, c is gone
    assert tree(site) == {"codes/a/index.html": b"one", "codes/b/index.html": b"TWO", "codes/d/index.html": b"four"}
    assert (site / "codes/a/index.html").stat().st_mtime_ns == unchanged.st_mtime_ns
    assert (site / "codes/a/index.html").stat().st_ino == unchanged.st_ino


def test_a_folder_left_aside_by_a_failed_build_is_used_by_the_next(tmp_path: Path):
    site = tmp_path / "site"
    write_files(site, pages(a="one"), "codes")
    set_aside(site, "codes")  # the build then failed: MkDocs emptied the site, nothing was put back
    set_aside(site, "codes")
    assert (site / f"{KEPT}codes").is_dir()
    assert write_files(site, pages(a="one", b="two"), "codes") == 1
    assert tree(site) == {"codes/a/index.html": b"one", "codes/b/index.html": b"two"}


def test_a_folder_someone_else_wrote_meanwhile_is_written_afresh(tmp_path: Path):
    site = tmp_path / "site"
    write_files(site, pages(a="one", b="two"), "codes")
    set_aside(site, "codes")
    (site / "codes" / "other").mkdir(parents=True)  # another plugin's file, written during the build
    (site / "codes" / "other" / "x.txt").write_text("x")
    assert write_files(site, pages(a="one"), "codes") == 1
    assert tree(site) == {"codes/a/index.html": b"one", "codes/other/x.txt": b"x"}
    assert not any(name.startswith(KEPT) for name in os.listdir(site))


def test_a_second_build_into_the_same_folder_equals_a_fresh_one(tmp_path: Path):
    catalog = generate_catalog(40)
    project = make_project(tmp_path / "project", catalog)
    site = tmp_path / "site"
    first = tree(built_site(project, site).root / "codes")

    # One message changed, one code added: its page is new, the other's rewritten.
    changed = catalog.replace(
        "    codes:\n",
        '    codes:\n      - code: 99999\n        message: "ADDED"\n'
        '        description: "A code added between the builds."\n',
        1,
    )
    first_message = next(line for line in changed.splitlines() if "message:" in line and "ADDED" not in line)
    changed = changed.replace(first_message, first_message[:-1] + ' EDITED"', 1)
    (project / "catalog.yaml").write_text(changed, encoding="utf-8")
    (project / "published-codes.txt").write_text(record_of(project / "catalog.yaml"), encoding="utf-8")

    again = built_site(project, site)
    fresh = built_site(project, tmp_path / "fresh")
    assert tree(again.root) == tree(fresh.root)
    assert not any(name.startswith(KEPT) for name in os.listdir(site))
    second = tree(site / "codes")
    assert set(second) - set(first) == {"99999/index.html"}
    assert sum(first[path] != second[path] for path in first) == 1
