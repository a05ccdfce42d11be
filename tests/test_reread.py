"""A catalog read again after an edit (reread.py, under `mkdocs serve`) is what a fresh read gives.

Every test reads the same project twice after each edit: once from the last read, once
afresh, and compares the models, where each category and code is written, and the problems.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from errcat.catalog.check import Project, check_project
from errcat.catalog.reread import LastRead
from errcat.catalog.schema import Schema
from fuzzing import edits
from sitecheck import SEED_CATALOG, SEED_PUBLISHED
from synthetic import generate_catalog

SCHEMA = Schema()
_scratch = tempfile.TemporaryDirectory(prefix="errcat-reread-")


def outcome(project: Path, last: LastRead | None = None, docs: Path | None = None) -> tuple[object, ...]:
    """What a build learns from a read: the model, every line it locates, the problems;
    and whether the read was one again (no model built afresh)."""
    timings: dict[str, float] = {}
    catalog, problems = check_project(Project(project), docs, SCHEMA, timings, last)
    lines = [(c.location, [e.location for e in c.codes]) for c in catalog.categories] if catalog else None
    return (catalog, lines, problems), "model" not in timings and catalog is not None


def project(where: Path, catalog: str, record: str = SEED_PUBLISHED) -> Path:
    where.mkdir(parents=True, exist_ok=True)
    (where / "catalog.yaml").write_text(catalog, encoding="utf-8")
    (where / "published-codes.txt").write_text(record, encoding="utf-8")
    return where


def edit_and_compare(root: Path, last: LastRead, text: str) -> bool:
    """Write `text` as the catalog; assert the read again equals a fresh one. True if it was one again."""
    (root / "catalog.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
    again, reread = outcome(root, last)
    fresh, _ = outcome(root)
    assert again == fresh
    return reread


def description_edit(text: str, number: int, words: str) -> str:
    found = list(re.finditer(r"^( +description: )(.*)$", text, re.M))
    match = found[number % len(found)]
    return text[: match.start(2)] + words + text[match.end(2) :]


def test_a_one_line_edit_is_read_again_and_equals_a_fresh_read(tmp_path: Path):
    root = project(tmp_path, SEED_CATALOG)
    last = LastRead()
    _, reread = outcome(root, last)
    assert not reread  # the first read is a fresh one
    text = SEED_CATALOG
    for number in range(8):
        text = description_edit(text, number * 7, f"Edited {number}, the *line* changed.")
        assert edit_and_compare(root, last, text)


def test_lines_added_inside_a_category_move_every_later_location(tmp_path: Path):
    root = project(tmp_path, SEED_CATALOG)
    last = LastRead()
    outcome(root, last)
    text = description_edit(SEED_CATALOG, 3, "|\n          Two lines\n          of text.\n")
    assert edit_and_compare(root, last, text)
    assert edit_and_compare(root, last, description_edit(text, 40, "Shorter again."))


def test_edits_around_the_categories_and_across_them_are_read_afresh(tmp_path: Path):
    root = project(tmp_path, SEED_CATALOG)
    last = LastRead()
    outcome(root, last)
    above = "# moved down\n" + SEED_CATALOG
    assert not edit_and_compare(root, last, above)
    both = description_edit(description_edit(above, 0, "First."), 60, "Last.")
    assert not edit_and_compare(root, last, both)
    # ...and the read afresh is kept: the next edit inside a category is read again.
    assert edit_and_compare(root, last, description_edit(both, 30, "Middle."))


def test_a_problem_is_reported_as_a_fresh_read_reports_it_and_the_fix_is_read_again(tmp_path: Path):
    root = project(tmp_path, SEED_CATALOG)
    last = LastRead()
    outcome(root, last)
    codes = re.findall(r"^      - code: (\d+)$", SEED_CATALOG, re.M)
    duplicate = SEED_CATALOG.replace(f"- code: {codes[-1]}\n", f"- code: {codes[0]}\n", 1)
    assert not edit_and_compare(root, last, duplicate)  # a duplicate across two categories
    again, _ = outcome(root, last)
    assert any("duplicate code" in problem.message for problem in again[2])
    assert edit_and_compare(root, last, description_edit(SEED_CATALOG, 5, "Fixed."))


def test_a_kept_block_scalar_ends_where_the_next_category_begins():
    """`|+` keeps the empty lines after it: read alone, with the other categories blanked
    out, it must not keep theirs."""
    text = generate_catalog(30, categories=3)
    starts = [match.start() for match in re.finditer(r"^  - id: ", text, re.M)]
    first_end = starts[1]
    text = text[:first_end].rstrip("\n") + "\n        note: |+\n          Kept.\n\n\n" + text[first_end:]
    root = project(Path(_scratch.name) / "kept", text, record_for(text))
    last = LastRead()
    (catalog, _, problems), _ = outcome(root, last)
    assert problems == [] and catalog is not None
    assert edit_and_compare(root, last, description_edit(text, 1, "Edited."))
    again, _ = outcome(root, last)
    assert again[0].categories[0].codes[-1].note == "Kept.\n\n\n"


@pytest.mark.parametrize(
    "line",
    [
        "...",  # the end of the document: the categories after it are another
        "x: 1",  # a key of the catalog's own, between two categories
        '    description: "left open',  # a quote the next category's text would close
        "  - id: new",  # a category of its own
    ],
)
def test_a_line_that_ends_the_category_early_is_read_afresh(tmp_path: Path, line: str):
    text = generate_catalog(30, categories=3, code_type="text")
    text = text.replace("code_type: text\n", "", 1) + "code_type: text\n"  # a key after the categories
    root = project(tmp_path, text, record_for(text))
    last = LastRead()
    outcome(root, last)
    second = text.index("\n  - id: ", text.index("  - id: ") + 1)
    inside = text.index("\n", text.index("      - code:", second) + 1)
    assert not edit_and_compare(root, last, text[:inside] + "\n" + line + text[inside:])
    for trailer in ("", "code_type: integer\n"):  # with nothing after the categories, and with a key
        bare = generate_catalog(30, categories=3) + trailer
        root = project(tmp_path / f"bare{len(trailer)}", bare, record_for(bare))
        last = LastRead()
        outcome(root, last)
        middle = bare.index("\n  - id: ", bare.index("  - id: ") + 1)
        at = bare.index("\n  - id: ", middle + 1)  # the middle category's last line: the next begins after it
        assert not edit_and_compare(root, last, bare[:at] + "\n" + line + bare[at:])


def test_a_text_catalog_with_its_code_type_last_is_read_again(tmp_path: Path):
    text = generate_catalog(40, categories=4, code_type="text")
    text = text.replace("code_type: text\n", "", 1) + "code_type: text\n"
    root = project(tmp_path, text, record_for(text))
    last = LastRead()
    (catalog, _, problems), _ = outcome(root, last)
    assert problems == [] and catalog is not None and catalog.code_type == "text"
    assert edit_and_compare(root, last, description_edit(text, 12, "Edited."))
    assert not edit_and_compare(root, last, description_edit(text, 12, "Edited.").replace("code_type: text\n", ""))


def test_the_record_and_the_sites_own_pages_are_checked_again(tmp_path: Path):
    root = project(tmp_path / "p", SEED_CATALOG)
    docs = tmp_path / "docs"
    docs.mkdir()
    last = LastRead()
    outcome(root, last, docs)
    category = re.findall(r"^  - id: (\S+)$", SEED_CATALOG, re.M)[0]
    (docs / f"{category}.md").write_text("# Mine\n", encoding="utf-8")
    (again, _, problems), _ = outcome(root, last, docs)
    assert again is None and any("taken by the site's own pages" in problem.message for problem in problems)
    (docs / f"{category}.md").unlink()
    outcome(root, last, docs)
    record = (root / "published-codes.txt").read_text(encoding="utf-8")
    (root / "published-codes.txt").write_text(record.replace(f" {category}\n", " elsewhere\n", 1), encoding="utf-8")
    text = description_edit(SEED_CATALOG, 2, "Edited.")
    (root / "catalog.yaml").write_text(text, encoding="utf-8")
    again_outcome, _ = outcome(root, last, docs)  # the catalog read again, the changed record checked
    assert again_outcome == outcome(root, None, docs)[0] and again_outcome[2]


def record_for(text: str) -> str:
    from errcat import read_catalog

    path = Path(_scratch.name) / "record-source.yaml"
    path.write_text(text, encoding="utf-8")
    catalog, problems = read_catalog(path)
    assert catalog is not None, problems
    return "".join(f"{error.code} {category.id}\n" for category, error in catalog.codes())


# Pieces that test where a category's text ends: a block scalar that keeps its empty
# lines, a quote left open, a new category, the code type, a comment, a line at the left.
PIECES = [
    "|+\n",
    '"left open\n',
    "  - id: new\n    title: New\n    codes: []\n",
    "code_type: text\n",
    "#\n",
    "x: 1\n",
    "[a,\n",
    "...\n",
]


@settings(
    max_examples=150,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    st.lists(
        st.one_of(
            edits,
            st.tuples(st.integers(0, 200), st.sampled_from(["Edited.", "`x`", '"q"', "a: b", "|", "|+", ""])),
            st.tuples(st.integers(0, 200), st.sampled_from(PIECES), st.integers(0, 2000)),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_any_edits_read_again_equal_a_fresh_read(steps: list[object]):
    root = Path(_scratch.name) / "any"
    project(root, SEED_CATALOG)
    last = LastRead()
    outcome(root, last)
    text = SEED_CATALOG
    for step in steps:
        if isinstance(step, tuple) and len(step) == 2:
            text = description_edit(text, *step)
        elif isinstance(step, tuple):
            _, piece, at = step
            lines = text.split("\n")
            place = at % len(lines)
            text = "\n".join([*lines[:place], piece.rstrip("\n"), *lines[place:]])
        else:
            text = step.apply(text)  # type: ignore[attr-defined]
        edit_and_compare(root, last, text)


@pytest.mark.parametrize("code_type", ["integer", "text"])
def test_most_one_line_edits_of_a_large_catalog_are_read_again(tmp_path: Path, code_type: str):
    text = generate_catalog(400, code_type=code_type)
    root = project(tmp_path, text, record_for(text))
    last = LastRead()
    outcome(root, last)
    results = []
    for number in range(10):
        text = description_edit(text, number * 37, f"Edited {number}.")
        results.append(edit_and_compare(root, last, text))
    assert all(results)


def test_a_record_without_end_is_refused_when_read_again(tmp_path: Path):
    """The record is read bounded under `mkdocs serve` too: a link to /dev/zero is refused, not read forever."""
    root = project(tmp_path, SEED_CATALOG)
    last = LastRead()
    outcome(root, last)
    (root / "published-codes.txt").unlink()
    (root / "published-codes.txt").symlink_to("/dev/zero")
    (again, _, problems), _ = outcome(root, last)
    assert again is None and [problem.location.path for problem in problems] == ["published-codes.txt"]
    assert "larger than" in problems[0].message
