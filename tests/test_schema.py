"""One contract: the JSON Schema editors use and the build's validator agree.

The validator checks structure with hooks/errcat/catalog.schema.json itself; these tests
prove that a plain JSON Schema validator, as a YAML language server runs it, rejects
what the build rejects for a structural reason, and accepts the real catalog.
"""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
import yaml

from errcat.catalog.load import load_file
from errcat.catalog.schema import SCHEMA_PATH, Schema
from sitecheck import ROOT
from test_validation import CASES

SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
EDITOR = jsonschema.Draft7Validator(SCHEMA)

# Cases whose problems are structural: an editor flags each of them as you type.
STRUCTURAL = {
    "unknown-keys",
    "missing-fields",
    "wrong-types",
    "category-ids",
    "empty-category",
    "no-categories",
    "not-a-mapping",
    "status",
    "several-problems",
    "see-also",
    "id-pattern",
    "wrong-shapes",
    "text-codes-unsafe-in-url",
    "moves-and-renames",
    "category-not-a-mapping",
}


def test_schema_is_a_valid_json_schema():
    jsonschema.Draft7Validator.check_schema(SCHEMA)


@pytest.mark.real_catalog
def test_catalog_points_editors_at_the_schema():
    first_line = (ROOT / "catalog.yaml").read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first_line)
    assert match, first_line
    assert (ROOT / match.group(1)).resolve() == SCHEMA_PATH


@pytest.mark.real_catalog
def test_real_catalog_passes_the_schema():
    data = yaml.safe_load((ROOT / "catalog.yaml").read_text(encoding="utf-8"))
    assert list(EDITOR.iter_errors(data)) == []


@pytest.mark.parametrize("case", [case for case in CASES if case.name in STRUCTURAL], ids=lambda case: case.name)
def test_editor_flags_every_structural_golden_case(case):
    data = yaml.safe_load((case / "catalog.yaml").read_text(encoding="utf-8"))
    assert not EDITOR.is_valid(data)


# Cases that load into a mapping, with nothing the loader itself refused (an alias, a
# tag, a control character): what an editor's YAML parser and the build both read alike.
LOADABLE = [
    case
    for case in CASES
    if (case / "catalog.yaml").exists()
    and (loaded := load_file(case / "catalog.yaml"))[0] is not None
    and not loaded[1]
    and not (case / "published-codes.txt").exists()
]


def test_most_cases_are_loadable():
    assert len(LOADABLE) >= 12


@pytest.mark.parametrize("case", LOADABLE, ids=lambda case: case.name)
def test_schema_and_validator_agree_on_structure(case):
    document, _ = load_file(case / "catalog.yaml")
    build_says_broken = bool(list(Schema().check(document)))
    editor_says_broken = not EDITOR.is_valid(document.data)
    assert build_says_broken == editor_says_broken
    assert build_says_broken == (case.name in STRUCTURAL)
