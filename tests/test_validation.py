"""Broken catalogs produce exact `catalog.yaml:LINE: ...` messages, all at once.

Each folder of tests/cases holds a broken catalog.yaml and the expected.txt it must
produce, one problem a line; with a published-codes.txt beside it, the record is
checked too, as the build does. The site's own pages are those of this project's docs/.
Binary inputs (bytes that are not UTF-8) are written as catalog.yaml.hex. To add a
case, add a folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from casecheck import CASES, SCHEMA, case_problems, expected_lines
from errcat import read_catalog, site_paths_of
from sitecheck import ROOT, build


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_broken_catalog_reports_exact_problems(case: Path, tmp_path: Path):
    assert [str(problem) for problem in case_problems(case, tmp_path)] == expected_lines(case)


def test_cases_cover_every_rule():
    # One case per rule of the issue, so that deleting a case does not go unnoticed.
    names = {case.name for case in CASES}
    assert {
        "yaml-syntax-error",
        "empty-document",
        "not-a-mapping",
        "duplicate-keys",
        "unknown-keys",
        "missing-fields",
        "wrong-types",
        "duplicate-code",
        "category-ids",
        "empty-category",
        "see-also",
        "several-problems",
        "no-categories",
        # What a catalog never needs, and lines that stay right (issue 9).
        "yaml-anchors-aliases-merge-keys",
        "yaml-tags",
        "number-forms",
        "control-characters",
        "invalid-utf8",
        "id-pattern",
        "deep-nesting",
        "wrong-shapes",
        "two-documents",
        # Moves, renames and the published record (issue 8).
        "moves-and-renames",
        "site-path-collisions",
        "published-deleted-code",
        "published-moved-without-moved-from",
        "published-new-codes",
        "published-renamed-without-former-ids",
        "published-moved-from-never-published",
        "published-malformed-lines",
        # A new team's first hour (issue 36): advice that fits, samples that give way.
        "yaml-indented-too-far",
        "yaml-indented-too-little",
        "yaml-list-item-misaligned",
        "yaml-tab-indentation",
        "yaml-unclosed-quote",
        "text-codes-without-code-type",
        "text-codes-duplicate",
        "published-samples-replaced",
        "published-samples-when-publishing",
    } <= names


def test_problems_are_sorted_by_file_and_line(tmp_path: Path):
    for case in CASES:
        problems = case_problems(case, tmp_path)
        places = [(problem.location.path != "catalog.yaml", problem.location.line) for problem in problems]
        assert places == sorted(places), case.name


def test_several_independent_problems_are_all_reported():
    lines = expected_lines(ROOT / "tests" / "cases" / "several-problems")
    kinds = [
        "unknown field",
        "must be an integer",
        "malformed",
        "duplicate key",
        "duplicate code",
        "not a code",
        "no codes",
    ]
    for kind in kinds:
        assert any(kind in line for line in lines), kind


@pytest.mark.real_catalog
def test_real_catalog_has_no_problems():
    catalog, problems = read_catalog(ROOT / "catalog.yaml", site_paths=site_paths_of(ROOT / "docs"))
    assert problems == []
    assert catalog is not None


def test_build_stops_with_every_message_and_no_traceback(project, tmp_path):
    # End to end, once: the golden cases above check every message without MkDocs.
    case = ROOT / "tests" / "cases" / "several-problems"
    result = build(project((case / "catalog.yaml").read_text(), ""), tmp_path / "site")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    for line in expected_lines(case):
        assert line in output
    assert "Traceback" not in output
    assert not (tmp_path / "site" / "index.html").exists()


def test_a_decimal_code_is_rejected_even_where_json_schema_would_accept_it(tmp_path):
    # JSON Schema counts 4.0 as an integer, so an editor lets `code: 4.0` pass; the build
    # is stricter (the schema cannot say it): an anchor must be the code's digits.
    path = tmp_path / "catalog.yaml"
    path.write_text(
        "categories:\n  - id: general\n    title: General status\n    codes:\n"
        "      - code: 4.0\n        message: X\n        description: Y.\n",
        encoding="utf-8",
    )
    _, problems = read_catalog(path, "catalog.yaml")
    assert [str(p) for p in problems] == [
        "catalog.yaml:5: 'code' of code entry 1 of category 'general' must be an integer, found a decimal number (4.0)"
    ]


def test_a_file_over_the_size_cap_is_refused_before_it_is_read(tmp_path, monkeypatch):
    import errcat.catalog.load

    monkeypatch.setattr(errcat.catalog.load, "MAX_BYTES", 1000)
    path = tmp_path / "catalog.yaml"
    path.write_text("categories:\n" + "# padding\n" * 200, encoding="utf-8")
    catalog, problems = read_catalog(path, "catalog.yaml", schema=SCHEMA)
    assert catalog is None
    assert [str(problem) for problem in problems] == [
        "catalog.yaml:1: the file is larger than 1,000 bytes, the most a catalog may have (split long"
        " descriptions, or raise MAX_BYTES in hooks/errcat/catalog/load.py if the catalog really is this large)"
    ]


def test_a_catalog_that_never_ends_is_refused(tmp_path):
    # A pull request can make catalog.yaml a link to a device: its size says 0.
    path = tmp_path / "catalog.yaml"
    path.symlink_to("/dev/zero")
    catalog, problems = read_catalog(path, "catalog.yaml", schema=SCHEMA)
    assert catalog is None
    assert [problem.message.split(" (")[0] for problem in problems] == [
        "the file is larger than 16,777,216 bytes, the most a catalog may have"
    ]


def test_the_size_cap_is_several_times_a_large_catalog():
    from errcat.catalog.load import MAX_BYTES
    from synthetic import generate_catalog

    assert 5 * len(generate_catalog(10_000).encode("utf-8")) <= MAX_BYTES
