"""The real catalog's invariants: every seed code is there with its message verbatim.

The seed table is where the catalog started, not a cage around it: codes may be added,
and descriptions, examples and categories improved. These tests check only what no good
pull request changes. Rendering is tested on fixture catalogs (tests/fixtures/).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from errcat import Catalog
from sitecheck import ROOT

# A copy of ../shared/seed/error-codes.md, the table the catalog started from.
SEED = ROOT / "tests" / "data" / "seed-error-codes.md"


def read_seed_table(path: Path) -> dict[int, tuple[str, str]]:
    """code -> (message, description) from the seed's Markdown table.

    The seed breaks some rows across two lines: a row is complete when it ends in '|'.
    """
    rows, pending = [], ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if not pending and not line.startswith("| "):
            continue
        pending = f"{pending} {line}" if pending else line
        if pending.rstrip().endswith("|"):
            rows.append(pending)
            pending = ""
    table = {}
    for row in rows:
        cells = [cell.strip() for cell in row.strip().strip("|").split("|")]
        if re.fullmatch(r"-?\d+", cells[0]):
            table[int(cells[0])] = (cells[1], " ".join(cells[2].split()))
    return table


@pytest.fixture(scope="module")
def seed() -> dict[int, tuple[str, str]]:
    return read_seed_table(SEED)


def test_seed_table_is_read_whole(seed):
    # The seed has 61 codes, two of them on rows broken across lines.
    assert len(seed) == 61
    assert seed[60002][1].endswith("The number sub-organization has reached the limit.")


def test_every_seed_code_is_in_the_catalog_with_its_message_verbatim(catalog: Catalog, seed):
    messages = {error.code: error.message for _, error in catalog.codes()}
    missing = sorted(set(seed) - set(messages))
    assert not missing, f"seed codes missing from catalog.yaml: {missing}"
    wrong = {code: (messages[code], message) for code, (message, _) in seed.items() if messages[code] != message}
    assert not wrong, f"messages that differ from the seed (catalog, seed): {wrong}"


def test_known_typos_are_kept(catalog: Catalog):
    messages = {error.code: error.message for _, error in catalog.codes()}
    assert messages[70130] == "CAHNNEL ID NOT FOUND"
    assert messages[70524] == "CAN'T CHECKOUT WHEN PMS CHECKIN"
    assert messages[70537] == "RESPONSE_ERRCODE_DEST_NOT_EXISTED"
    assert messages[70536] == "RESPONSE_ERRCODE_LANGUAGE_NOT_EXISTED"


def test_the_frozen_seed_fixture_is_the_seed(seed):
    # Rendering and browser tests build tests/fixtures/seed/catalog.yaml; it is the seed
    # table, descriptions and examples included ("X. Example Scenario: A; B" in the
    # seed is description X with examples A and B).
    from errcat import read_catalog
    from sitecheck import SEED_PROJECT

    fixture, problems = read_catalog(SEED_PROJECT / "catalog.yaml")
    assert problems == [] and fixture is not None
    assert {error.code for _, error in fixture.codes()} == set(seed)
    for _, error in fixture.codes():
        text = error.description
        if error.examples:
            text += " Example Scenario: " + "; ".join(error.examples)
        assert (error.message, text.lower()) == (seed[error.code][0], seed[error.code][1].lower()), error.code


@pytest.mark.real_catalog
def test_header_comment_documents_every_field_and_rule():
    header = "".join(line for line in (ROOT / "catalog.yaml").read_text().splitlines(True) if line.startswith("#"))
    for field in (
        "id:",
        "title:",
        "description:",
        "codes:",
        "code:",
        "message:",
        "examples:",
        "see_also:",
        "status:",
        "note:",
        "moved_from:",
        "former_ids:",
    ):
        assert field in header, field
    for rule in ("verbatim", "exactly one category", "Never delete"):
        assert rule in header, rule
