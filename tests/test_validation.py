"""Broken catalogs produce exact `catalog.yaml:LINE: ...` messages, all at once.

Each folder of tests/cases holds a broken catalog.yaml and the expected.txt it must
produce, one problem a line. To add a case, add a folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sitecheck import ROOT, build

from errcat import read_catalog

CASES = sorted(path for path in (ROOT / "tests" / "cases").iterdir() if (path / "catalog.yaml").exists())


def expected_lines(case: Path) -> list[str]:
    return (case / "expected.txt").read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_broken_catalog_reports_exact_problems(case: Path):
    catalog, problems = read_catalog(case / "catalog.yaml", "catalog.yaml")
    assert catalog is None
    assert [str(problem) for problem in problems] == expected_lines(case)


def test_cases_cover_every_rule():
    # One case per rule of the issue, so that deleting a case does not go unnoticed.
    names = {case.name for case in CASES}
    assert {
        "yaml-syntax-error", "empty-document", "not-a-mapping", "duplicate-keys", "unknown-keys",
        "missing-fields", "wrong-types", "duplicate-code", "category-ids", "empty-category",
        "see-also", "several-problems", "no-categories",
    } <= names


def test_problems_are_sorted_by_line():
    for case in CASES:
        _, problems = read_catalog(case / "catalog.yaml", "catalog.yaml")
        lines = [problem.location.line for problem in problems]
        assert lines == sorted(lines), case.name


def test_several_independent_problems_are_all_reported():
    lines = expected_lines(ROOT / "tests" / "cases" / "several-problems")
    kinds = ["unknown field", "must be an integer", "malformed", "duplicate key", "duplicate code", "not a code", "no codes"]
    for kind in kinds:
        assert any(kind in line for line in lines), kind


def test_real_catalog_has_no_problems():
    catalog, problems = read_catalog(ROOT / "catalog.yaml")
    assert problems == []
    assert catalog is not None


@pytest.mark.parametrize("name", ["several-problems", "yaml-syntax-error", "duplicate-keys"])
def test_build_stops_with_every_message_and_no_traceback(project, tmp_path, name):
    case = ROOT / "tests" / "cases" / name
    result = build(project((case / "catalog.yaml").read_text()), tmp_path / "site")
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
