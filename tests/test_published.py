"""Codes never disappear: the published record only grows, and the catalog keeps every code in it."""

from __future__ import annotations

import subprocess

import pytest

from errcat import PUBLISHED_NAME, check_project
from errcat.catalog.published import read_published
from sitecheck import ROOT

pytestmark = pytest.mark.real_catalog  # every test here reads the real record, or its history

OLD_PATH = "tests/published-codes.txt"  # where the record lived, code-only, before it recorded categories


def test_the_real_record_reads_without_problems():
    records, problems = read_published(ROOT / PUBLISHED_NAME)
    assert problems == []
    assert len(records) >= 61  # the seed's codes, at least


def test_the_real_catalog_and_record_agree():
    catalog, problems = check_project(ROOT, ROOT / "docs")
    assert problems == [], "\n".join(map(str, problems))
    assert catalog is not None


def git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout


def earlier_versions() -> list[tuple[str, str, str]]:
    """(commit, path, text) of every committed version of the record, old path included."""
    if git("rev-parse", "--is-shallow-repository").strip() == "true":
        pytest.skip("a shallow clone has no history to compare the record with (fetch with --unshallow)")
    versions = []
    for path in (PUBLISHED_NAME, OLD_PATH):
        for commit in git("log", "--format=%H", "--", path).split():
            try:
                versions.append((commit, path, git("show", f"{commit}:{path}")))
            except subprocess.CalledProcessError:
                continue  # the commit that deleted it
    return versions


def test_the_record_only_grows():
    """Every line of every committed version of the record is still in it."""
    try:
        git("rev-parse", "HEAD")
    except (subprocess.CalledProcessError, FileNotFoundError):
        pytest.skip("not a git checkout")
    current, _ = read_published(ROOT / PUBLISHED_NAME)
    locations = {(record.code, record.category) for record in current}
    codes = {record.code for record in current}
    versions = earlier_versions()
    assert versions, "no committed version of the record was found"
    lost = []
    for commit, path, text in versions:
        for line in text.splitlines():
            parts = line.split()
            if not parts or line.startswith("#"):
                continue
            code = int(parts[0])
            # The first record listed codes only; later ones list code and category.
            if (len(parts) == 1 and code not in codes) or (len(parts) == 2 and (code, parts[1]) not in locations):
                lost.append(f"{path} at {commit[:10]}: `{line}`")
    assert not lost, (
        f"{PUBLISHED_NAME} only grows, but these lines of earlier versions are gone; put them back:\n" + "\n".join(lost)
    )


def test_a_record_that_never_ends_is_refused(tmp_path):
    # Like the catalog, the record is read to at most its cap: a link to a device says 0 bytes.
    (tmp_path / PUBLISHED_NAME).symlink_to("/dev/zero")
    records, problems = read_published(tmp_path / PUBLISHED_NAME)
    assert records == []
    assert [str(problem) for problem in problems] == [
        "published-codes.txt:1: the file is larger than 16,777,216 bytes, the most the record may have"
    ]
