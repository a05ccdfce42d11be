"""Read a catalog again after an edit, parsing only the category whose lines changed.

Under `mkdocs serve`, a one-line edit to a catalog of 10,000 codes changes one category's
lines, and parsing the whole file again is most of what a rebuild of the catalog costs.
`LastRead` keeps the last read that found no problem: its lines, where each category's
lines begin and end, its data and its model. The next text is compared with those lines;
when every changed line lies inside one category's, that category alone is parsed, from
the file with every other category's lines turned into comments (so that each line keeps
its number, and the lines around it are what the parser saw there before), put in its
place, and the whole catalog validated as a fresh read validates it.

Anything else (an edit that spans two categories or touches the lines around them, a
category that no longer reads as one, any problem at all) gives None, and the caller
reads the file afresh: every problem a contributor is shown comes from the full reader.
tests/test_reread.py checks that a read again equals a fresh read, edit after edit.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .load import Document, JsonPath, load_document
from .model import Catalog, Category, Code, build_catalog, code_type_of
from .paths import SITE_NAMES
from .problems import Location
from .schema import Schema
from .validate import validate

_CATEGORIES = "categories"


@dataclass(frozen=True)
class Reread:
    """A catalog read again: its model and every code it holds (it has no problem)."""

    catalog: Catalog
    codes: set[Code]
    placed: bool  # every category has the id, former ids and codes (with their moved_from) it had


@dataclass
class _Kept:
    display_path: str
    schema: Schema
    lines: list[str]  # the text split at line feeds
    starts: list[int]  # each category's first line, counted from 0
    end: int  # the line after the last category's: the trailer's first, or len(lines)
    indent: int  # the column of every category's dash
    document: Document  # its data and the text of the values YAML read as other than text
    catalog: Catalog


class LastRead:
    """The last read of a catalog that found no problem, for the next read to start from."""

    def __init__(self) -> None:
        self.kept: _Kept | None = None
        # The published record, as it was when it passed its checks against the kept
        # catalog's codes and categories (check.py keeps it); None when it has not.
        self.record: bytes | None = None

    def keep(self, text: str, document: Document, catalog: Catalog, schema: Schema) -> None:
        """Remember a read of `text` that found no problem, if its categories' lines can be told apart.

        They can when the categories are a block list, each item begins on its own line
        with `- ` at one column, and (for the last one) a line written at that column or
        left of it, which is not a comment, ends the list.
        """
        self.kept, self.record = None, None
        lines = text.split("\n")
        starts = [line - 1 for line in document.item_lines.get((_CATEGORIES,), [])]
        categories = document.data.get(_CATEGORIES) if isinstance(document.data, dict) else None
        if not starts or not isinstance(categories, list) or len(starts) != len(categories):
            return
        indent = _indent(lines[starts[0]])
        if any(not lines[start].startswith(" " * indent + "- ") for start in starts):
            return
        end = next(
            (index for index in range(starts[-1] + 1, len(lines)) if not _inside(lines[index], indent)), len(lines)
        )
        self.kept = _Kept(document.path, schema, lines, starts, end, indent, document, catalog)

    def reread(self, text: str, display_path: str, schema: Schema, site_paths: frozenset[str]) -> Reread | None:
        """The catalog `text` holds, from the last read and one category parsed again; None
        where that is not certain to be what a fresh read gives, or where it has a problem."""
        kept = self.kept
        if kept is None or kept.display_path != display_path or kept.schema is not schema:
            return None
        lines = text.split("\n")
        if lines == kept.lines:  # the site's own pages changed, say: they are checked again
            checked = validate(kept.document, schema, site_paths | SITE_NAMES, range(len(kept.starts)))
            return None if checked.problems else Reread(kept.catalog, set(checked.all_codes), placed=True)
        found = _changed_category(kept, lines)
        if found is None:
            return None
        index, shift = found
        first, old_end = kept.starts[index], _end_of(kept, index)
        block = lines[first : old_end + shift]
        if not block or not block[0].startswith(" " * kept.indent + "- "):
            return None
        if any(not _inside(line, kept.indent) for line in block[1:]):
            return None  # a line that could end the list, or the category, in one read and not the other
        parsed = self._parse_alone(kept, lines, shift, first, old_end)
        if parsed is None:
            return None
        document = self._whole(kept, parsed, index)
        others = [number for number in range(len(kept.starts)) if number != index]  # passed last time
        checked = validate(document, schema, site_paths | SITE_NAMES, others)
        if checked.problems:
            return None
        alone = build_catalog(parsed, schema.default_status).categories[0]
        old = kept.catalog.categories
        categories = (*old[:index], alone, *(_moved(category, shift) for category in old[index + 1 :]))
        catalog = Catalog(categories, code_type_of(document.data))
        starts = [*kept.starts[: index + 1], *(start + shift for start in kept.starts[index + 1 :])]
        self.kept = replace(kept, lines=lines, starts=starts, end=kept.end + shift, document=document, catalog=catalog)
        return Reread(catalog, set(checked.all_codes), _placement(alone) == _placement(old[index]))

    @staticmethod
    def _parse_alone(kept: _Kept, lines: list[str], shift: int, first: int, old_end: int) -> Document | None:
        """The file with every other category's lines made comments: one category, in place.

        The top-level keys must be the ones read last time, on the same lines (moved by the
        edit's lines past it): that is what says the category's text ended where it should.
        """
        # A comment, not an empty line: it ends a block scalar (`|+` keeps the empty lines
        # after it) where the next category's dash ended it.
        alone = [
            *lines[: kept.starts[0]],
            *["#"] * (first - kept.starts[0]),
            *lines[first : old_end + shift],
            *["#"] * (kept.end - old_end),
            *lines[kept.end + shift :],
        ]
        parsed, problems = load_document("\n".join(alone), kept.display_path)
        if problems or parsed is None or not isinstance(parsed.data, dict):
            return None
        categories = parsed.data.get(_CATEGORIES)
        if not isinstance(categories, list) or len(categories) != 1 or not isinstance(categories[0], dict):
            return None
        if parsed.item_lines.get((_CATEGORIES,)) != [first + 1]:
            return None
        before = kept.document
        written = [key for key in before.data if (key,) in before.key_lines]  # not the defaults validation added
        if list(parsed.data) != written:
            return None
        for key in written:
            line = before.key_lines[(key,)]
            moved = line + shift if line > old_end else line
            if parsed.key_lines.get((key,)) != moved or (key != _CATEGORIES and parsed.data[key] != before.data[key]):
                return None
        return parsed

    @staticmethod
    def _whole(kept: _Kept, parsed: Document, index: int) -> Document:
        """The whole catalog's data, with the category parsed again in its place."""
        categories = list(kept.document.data[_CATEGORIES])
        categories[index] = parsed.data[_CATEGORIES][0]
        data = {key: categories if key == _CATEGORIES else value for key, value in parsed.data.items()}
        here: JsonPath = (_CATEGORIES, index)
        # What YAML read as other than text, which validation looks at (a decimal number).
        written = {path: value for path, value in kept.document.written.items() if path[:2] != here}
        for path, value in parsed.written.items():
            written[here + path[2:] if path[:1] == (_CATEGORIES,) else path] = value
        # Lines of the top-level keys only: on success nothing else is located, and a
        # problem is found again by a fresh read, with its lines.
        key_lines = {(key,): parsed.key_lines[(key,)] for key in parsed.data}
        return Document(kept.display_path, data, key_lines=key_lines, written=written)


def _changed_category(kept: _Kept, lines: list[str]) -> tuple[int, int] | None:
    """The category whose lines hold every changed line, and how many lines it gained."""
    old = kept.lines
    limit = min(len(old), len(lines))
    same_before = next((at for at in range(limit) if old[at] != lines[at]), limit)
    room = limit - same_before
    same_after = next((at for at in range(room) if old[-1 - at] != lines[-1 - at]), room)
    changed_end = len(old) - same_after
    for index, start in enumerate(kept.starts):
        if start <= same_before and changed_end <= _end_of(kept, index):
            return index, len(lines) - len(old)
    return None


def _end_of(kept: _Kept, index: int) -> int:
    return kept.starts[index + 1] if index + 1 < len(kept.starts) else kept.end


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _inside(line: str, indent: int) -> bool:
    """A line that stays inside a list item whose dash is at column `indent`: blank, a
    comment, or indented past the dash."""
    stripped = line.lstrip(" ").rstrip("\r")
    return not stripped or stripped.startswith("#") or _indent(line) > indent


def _placement(category: Category) -> tuple[object, ...]:
    """What the published record is checked against: the category's ids, its codes, where each was."""
    return category.id, category.former_ids, [(error.code, error.moved_from) for error in category.codes]


def _moved(category: Category, lines: int) -> Category:
    """A category written `lines` further down (up, if negative)."""
    if not lines:
        return category
    return replace(
        category,
        location=_down(category.location, lines),
        codes=tuple(replace(error, location=_down(error.location, lines)) for error in category.codes),
    )


def _down(location: Location, lines: int) -> Location:
    return Location(location.path, location.line + lines)
