"""Hostile catalogs for property-based tests: mutations of a catalog and generated ones.

Shared by tests/test_fuzz.py (a few hundred examples, derandomized, in the suite) and
scripts/fuzz (as long as you like, random).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import yaml
from hypothesis import strategies as st

from errcat import Schema, read_catalog
from sitecheck import ROOT, SEED_CATALOG


def real_catalog() -> str:
    """The repository's catalog, read when a test draws from it (tests that do are marked real_catalog)."""
    return (ROOT / "catalog.yaml").read_text(encoding="utf-8")


# Pieces of YAML syntax and values that have broken loaders before.
YAML_PIECES = [
    "&a ",
    "*a",
    "<<: *a",
    "<<: {code: 1}",
    "!!int ",
    "!!str ",
    "!foo ",
    "!!python/object:os.system ",
    "!!timestamp ",
    "!!binary ",
    "[",
    "]",
    "{",
    "}",
    "? ",
    ": ",
    "- ",
    "---\n",
    "...\n",
    "|\n",
    ">-\n",
    "#",
    "'",
    '"',
    "\\",
    "010",
    "0x1F",
    "0o17",
    "1:30",
    "+5",
    "1_000",
    "-0",
    "4.0",
    "1e3",
    ".inf",
    ".nan",
    "yes",
    "NO",
    "~",
    "null",
    "=",
    "<<",
    "9" * 30,
    "9" * 5000,
    "-" + "9" * 19,
    '"\\0"',
    '"\\e"',
    '"\\x85"',
    '"\\u2028"',
    '"\\uFFFE"',
    '"\\uD800"',
    "\x00",
    "\x1b",
    "\x7f",
    "\x85",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\ufffe",
    "\t",
    "\r",
    "\r\n",
    "\n",
    "  ",
    "    ",
    "contacts\n",
    "é",
    "日本",
    "\U0001f600",
    "[" * 40,
    "{a: " * 30,
    "&x [*x]",
    "see_also: [" + "1, " * 50 + "1]",
    "moved_from: [contacts]",
    "former_ids: [x]",
    "status: removed",
    "note: ''",
    "code: ",
    "message: ",
    "description: ",
    "id: ",
]


@dataclass(frozen=True)
class Edit:
    """One mutation of a catalog's text; `apply` is total for any text."""

    kind: str
    at: float  # where, as a fraction of the text
    other: float
    piece: str

    def apply(self, text: str) -> str:
        lines = text.splitlines(keepends=True) or [""]
        line = min(int(self.at * len(lines)), len(lines) - 1)
        other = min(int(self.other * len(lines)), len(lines) - 1)
        offset = min(int(self.at * len(text)), len(text))
        if self.kind == "delete line":
            del lines[line]
        elif self.kind == "duplicate line":
            lines.insert(other, lines[line])
        elif self.kind == "swap lines":
            lines[line], lines[other] = lines[other], lines[line]
        elif self.kind == "indent":
            lines[line] = "  " + lines[line]
        elif self.kind == "dedent":
            lines[line] = lines[line][2:] if lines[line].startswith("  ") else lines[line].lstrip()
        elif self.kind == "replace value":
            key, colon, _ = lines[line].partition(": ")
            lines[line] = f"{key}{colon}{self.piece}\n" if colon else self.piece + lines[line]
        elif self.kind == "delete range":
            end = min(len(text), offset + 1 + int(self.other * 40))
            return text[:offset] + text[end:]
        else:  # insert
            return text[:offset] + self.piece + text[offset:]
        return "".join(lines)


KINDS = ["delete line", "duplicate line", "swap lines", "indent", "dedent", "replace value", "delete range", "insert"]
pieces = st.one_of(st.sampled_from(YAML_PIECES), st.text(max_size=12))
edits = st.builds(Edit, st.sampled_from(KINDS), st.floats(0, 1), st.floats(0, 1), pieces)


@st.composite
def mutated_catalogs(draw: st.DrawFn, base: str | None = None) -> bytes:
    """A catalog (the frozen seed catalog if not given) with one to six edits, sometimes as
    bytes that are not UTF-8."""
    text = SEED_CATALOG if base is None else base
    for edit in draw(st.lists(edits, min_size=1, max_size=6)):
        text = edit.apply(text)
    data = text.encode("utf-8", errors="surrogatepass")
    if draw(st.booleans()) and draw(st.booleans()):
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(min_size=1, max_size=4)) + data[at:]
    return data


# Any YAML value at all, dumped: structures the catalog's shape never expected.
json_like = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)

# Text an honest catalog might hold: any printable character, Markdown and HTML included.
readable = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp")), min_size=1, max_size=30
).filter(lambda text: text.strip() != "")
slugs = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,6}){0,2}", fullmatch=True)


@st.composite
def small_catalogs(draw: st.DrawFn) -> dict[str, object]:
    """Small catalogs of the right shape, with any readable text: most are accepted."""
    ids = draw(st.lists(slugs, min_size=1, max_size=3, unique=True))
    codes = draw(st.lists(st.integers(-(2**63), 2**63 - 1), min_size=len(ids), max_size=len(ids) * 3, unique=True))
    categories = []
    for index, category_id in enumerate(ids):
        mine = codes[index :: len(ids)]
        entries = []
        for code in mine:
            entry: dict[str, object] = {"code": code, "message": draw(readable)}
            if draw(st.integers(0, 3)):  # most codes have a description; one brought from a source may not
                entry["description"] = draw(readable)
            if draw(st.booleans()):
                entry["examples"] = draw(st.lists(readable, min_size=1, max_size=2))
            others = [other for other in codes if other != code]
            if others and draw(st.booleans()):
                entry["see_also"] = draw(st.lists(st.sampled_from(others), min_size=1, max_size=2, unique=True))
            status = draw(st.sampled_from(["active", "deprecated", "removed", None]))
            if status:
                entry["status"] = status
            if draw(st.booleans()):
                entry["note"] = draw(readable)
            entries.append(entry)
        category: dict[str, object] = {"id": category_id, "title": draw(readable), "codes": entries}
        if draw(st.booleans()):
            category["description"] = draw(readable)
        categories.append(category)
    return {"categories": categories}


def dump(data: object) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8", errors="surrogatepass")


any_catalog = st.one_of(
    mutated_catalogs(),
    small_catalogs().map(dump),
    json_like.map(dump),
    st.builds(lambda data: dump({"categories": data}), json_like),
    st.binary(max_size=200),
)

SCHEMA = Schema()


@dataclass(frozen=True)
class Outcome:
    accepted: bool
    problems: int
    seconds: float


def check_catalog_bytes(data: bytes, where: Path) -> Outcome:
    """The property: read_catalog returns a catalog or problems on real lines; it never raises.

    Raises AssertionError (with the input) when the property does not hold.
    """
    path = where / "catalog.yaml"
    path.write_bytes(data)
    started = time.perf_counter()
    catalog, problems = read_catalog(path, "catalog.yaml", schema=SCHEMA)
    seconds = time.perf_counter() - started
    lines = data.count(b"\n") + 1
    assert (catalog is None) == bool(problems), "a catalog with problems, or neither"
    for problem in problems:
        assert 1 <= problem.location.line <= lines, f"{problem} is outside the file's {lines} lines"
        assert "\n" not in problem.message, f"a problem on two lines: {problem!r}"
    return Outcome(catalog is not None, len(problems), seconds)


# Pieces of regular expressions, the nested quantifiers and overlapping alternatives that
# make a backtracking engine take exponential time among them, for code_pattern.
PATTERN_ATOMS = ["A", "[A-Z]", "\\w", ".", "[0-9]", "(A|A)", "(A|AA)", "\\d", "[^_]", "\\1", "(?=A)", "(?i)", "["]
QUANTIFIERS = ["", "*", "+", "?", "{1,30}", "{2}", "*?", "{1001}"]


@st.composite
def code_patterns(draw: st.DrawFn) -> str:
    """A pattern of groups of atoms, each group quantified, groups nested up to three deep."""
    pattern = "".join(draw(st.sampled_from(PATTERN_ATOMS)) + draw(st.sampled_from(QUANTIFIERS)) for _ in range(3))
    for _ in range(draw(st.integers(0, 3))):
        pattern = f"({pattern}){draw(st.sampled_from(QUANTIFIERS))}" + draw(st.sampled_from(["", "$", "B", "[0-9]"]))
    return pattern


@st.composite
def pattern_catalogs(draw: st.DrawFn) -> bytes:
    """A text catalog with a code_pattern and long codes that almost match it."""
    pattern = draw(code_patterns())
    codes = draw(
        st.lists(st.from_regex(r"[A-Z][A-Z0-9_]{20,62}[B_.]", fullmatch=True), min_size=1, max_size=4, unique=True)
    )
    entries = [{"code": code, "message": "M", "description": "D"} for code in codes if code.upper() == code]
    entries = list({entry["code"].lower(): entry for entry in entries}.values()) or [
        {"code": "A" * 63 + "B", "message": "M", "description": "D"}
    ]
    return dump(
        {"code_type": "text", "code_pattern": pattern, "categories": [{"id": "p", "title": "P", "codes": entries}]}
    )
