"""Read catalog.yaml into plain data that remembers the line of every key and value.

The file comes from anyone, by pull request, so reading it is bounded and total: the
size is capped before anything is read, the text is checked character by character
before YAML sees it, and the data is built from the parser's events without ever
expanding an alias, constructing a tagged value or recursing. Whatever the file holds,
the result is a `Document` and a list of problems with the right lines, never an
exception.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from .kind import undeclared_text_codes
from .model import TEXT, code_type_of
from .problems import Location, Problem, describe_type, shown
from .syntax import syntax_problem

try:  # libyaml is about ten times faster; the pure-Python parser gives the same events.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

JsonPath = tuple[Any, ...]

# The largest file read at all: the real catalog is 13 KB for 61 codes, a catalog of
# 10,000 codes about 2.5 MB. Larger files are refused before they are read.
MAX_BYTES = 16 * 1024 * 1024
# A catalog is six levels deep (catalog, categories, category, codes, code, see_also).
MAX_DEPTH = 16
# Codes are anchors and file names: they fit in a signed 64-bit integer, as they do in
# every language a client might use.
MIN_CODE = -(2**63)
MAX_CODE = 2**63 - 1
# Characters refused in the file and in every value: C0 controls but tab and line feed,
# a carriage return that does not end a line, DEL, C1 controls (NEL included), the
# Unicode line and paragraph separators (YAML counts them as line breaks, editors do not,
# so every later line number would be off by one), surrogates and noncharacters.
_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)
_REFUSED_CHARACTERS = re.compile(
    f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff{_NONCHARACTERS}]|\r(?!\n)"
)
_INVALID_BYTE = re.compile("[\udc80-\udcff]")  # how surrogateescape decodes a bad byte
# How many character or byte problems are listed one by one before a summary line.
MAX_LISTED = 100

# What the refusals call the file: a catalog, or a team's own file that errcat reads
# (a source: `errcat import`, and the check that the catalog follows it).
CATALOG_NOUN, SOURCE_NOUN = "a catalog", "a file errcat reads"

_PLAIN_DECIMAL = re.compile(r"0|-?[1-9][0-9]*")
_STR = "tag:yaml.org,2002:str"
_CONTROL_NAMES = MappingProxyType(
    {0x00: "NUL", 0x09: "TAB", 0x0A: "LF", 0x0D: "CR", 0x1B: "ESC", 0x7F: "DEL", 0x85: "NEL"}
)


@dataclass
class Document:
    """The parsed catalog: `data` as plain Python values, plus where each part was written.

    Paths are tuples of keys and list indexes, the same as jsonschema's `absolute_path`:
    `("categories", 0, "codes", 3, "message")`.
    """

    path: str
    data: Any
    value_lines: dict[JsonPath, int] = field(default_factory=dict)  # values of mappings, and the root
    item_lines: dict[JsonPath, list[int]] = field(default_factory=dict)  # a list's path -> its items' lines
    key_lines: dict[JsonPath, int] = field(default_factory=dict)
    # The source text of scalars that YAML read as something other than text, so that
    # a message can say "NO is read as a boolean" rather than "false".
    written: dict[JsonPath, str] = field(default_factory=dict)
    # Values the loader has already reported (an alias, a tag, 010): later checks stay
    # silent about them rather than report one mistake twice.
    reported: set[JsonPath] = field(default_factory=set)
    # The source text of plain scalars where a code is written (a code, an entry of
    # see_also) that YAML reads as something other than text: in a text catalog a code is
    # what is written (`00000`, `23505`), in an integer catalog what YAML reads.
    code_texts: dict[JsonPath, str] = field(default_factory=dict)

    def location(self, path: JsonPath, *, key: bool = False) -> Location:
        """Where the value at `path` (or, with key=True, its key) was written.

        Falls back to the nearest enclosing value that has a line.
        """
        path = tuple(path)
        if key and path in self.key_lines:
            return Location(self.path, self.key_lines[path])
        while path:
            line = self.value_lines.get(path)
            if line is None and type(path[-1]) is int:
                lines = self.item_lines.get(path[:-1])
                if lines is not None and 0 <= path[-1] < len(lines):
                    line = lines[path[-1]]
            if line is not None:
                return Location(self.path, line)
            path = path[:-1]
        return Location(self.path, self.value_lines.get((), 1))

    def was_reported(self, path: JsonPath) -> bool:
        """True if the loader reported the value at `path` or one that contains it."""
        if not self.reported:
            return False
        path = tuple(path)
        return any(path[:length] in self.reported for length in range(len(path) + 1))


def load_file(path: Path, display_path: str | None = None) -> tuple[Document | None, list[Problem]]:
    """Read and parse a catalog file; the document, or None, and every problem found."""
    text, problems = read_text(path, display_path)
    if text is None:
        return None, problems
    document, more = load_document(text, display_path or path.name)
    return document, problems + more


def read_text(path: Path, display_path: str | None = None) -> tuple[str | None, list[Problem]]:
    """A catalog file's text (None if it cannot be read), and the problems of its bytes."""
    shown = display_path or path.name
    data, problems = read_bounded(
        path,
        shown,
        missing="file not found; the catalog must live at the repository root",
        too_large="a catalog may have (split long descriptions, or raise MAX_BYTES in hooks/errcat/catalog/load.py"
        " if the catalog really is this large)",
    )
    if data is None:
        return None, problems
    return decode(data, shown)


def read_bounded(path: Path, shown: str, *, missing: str, too_large: str) -> tuple[bytes | None, list[Problem]]:
    """A file's bytes, or None and the problem: missing, unreadable, or over MAX_BYTES.

    Reads at most one byte past the cap, whatever the file claims to be: a file that is a
    link to /dev/zero has a size of 0 and no end. `too_large` ends "... the most {it}".
    """
    try:
        with path.open("rb") as file:
            data = file.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return None, [Problem(Location(shown, 1), missing)]
    except OSError as error:
        return None, [Problem(Location(shown, 1), f"cannot read the file: {error.strerror or error}")]
    if len(data) > MAX_BYTES:
        return None, [Problem(Location(shown, 1), f"the file is larger than {MAX_BYTES:,} bytes, the most {too_large}")]
    return data, []


def decode(data: bytes, path: str = "catalog.yaml") -> tuple[str, list[Problem]]:
    """The file's text, and a problem for each line with bytes that are not UTF-8.

    Bad bytes become U+FFFD so that the rest of the file can still be checked.
    """
    text = data.decode("utf-8", errors="surrogateescape")
    by_line = _group_by_line(text, _INVALID_BYTE)
    problems = [
        Problem(
            Location(path, line),
            f"{'byte' if len(found) == 1 else 'bytes'}"
            f" {', '.join(f'0x{ord(character) - 0xDC00:02X}' for character in found[:8])}"
            f"{'...' if len(found) > 8 else ''}"
            f" {'is' if len(found) == 1 else 'are'} not valid UTF-8; save the file as UTF-8",
        )
        for line, found in by_line.listed.items()
    ]
    if by_line.more:
        problems.append(_more(path, by_line.more, "lines with bytes that are not valid UTF-8"))
    if by_line.listed:
        text = _INVALID_BYTE.sub("\ufffd", text)
    return text, problems


def load_document(text: str, path: str = "catalog.yaml") -> tuple[Document | None, list[Problem]]:
    """Parse YAML text. Returns the document, or None and the problems that stopped parsing.

    Refused characters are reported and replaced by a space, so that parsing goes on and
    the lines YAML counts stay the lines an editor shows. Duplicate keys are problems
    here (PyYAML would silently keep the last one), but they do not stop loading.
    """
    document, problems, builder = _parse(text, path, CATALOG_NOUN)
    if document is None:
        return None, problems
    builder.settle_codes()
    if not builder.seen_document:
        problems.append(Problem(Location(path, 1), "the catalog is empty; expected a mapping with a 'categories' list"))
        return None, problems
    if not isinstance(document.data, dict):
        if () not in document.reported:
            problems.append(
                Problem(
                    document.location(()),
                    "expected a mapping with a 'categories' list at the top level,"
                    f" found {describe_type(document.data)}",
                )
            )
        return None, problems
    return document, problems


def load_stream(text: str, path: str) -> tuple[Document | None, list[Problem]]:
    """Parse a YAML file a team keeps (a source): its documents as a list, one item each.

    The same rules as a catalog's, with lines: a file of one document is a list of one.
    Paths start with the document's index, `(0, "codes", 3)`.
    """
    document, problems, _ = _parse(text, path, SOURCE_NOUN, stream=True)
    return document, problems


def _parse(text: str, path: str, noun: str, stream: bool = False) -> tuple[Document | None, list[Problem], _Builder]:
    problems = refused_characters(text, path, noun)
    if problems:
        text = _REFUSED_CHARACTERS.sub(" ", text)
    document = Document(path, None)
    builder = _Builder(document, problems, noun, stream)
    try:
        builder.run(yaml.parse(text, Loader=_Loader))
    except yaml.MarkedYAMLError as error:
        problems.append(syntax_problem(error, text, path))
        return None, problems, builder
    except yaml.YAMLError as error:  # pragma: no cover - the characters it refuses are refused above
        problems.append(Problem(Location(path, 1), f"YAML error: {error}"))
        return None, problems, builder
    except _TooDeep as error:
        needs = "a catalog needs six (categories, codes, see_also)" if noun == CATALOG_NOUN else "errcat reads four"
        problems.append(
            Problem(
                Location(path, error.line),
                f"the {'catalog' if noun == CATALOG_NOUN else 'file'} is nested more than {MAX_DEPTH} levels"
                f" deep here; {needs}: check the indentation",
            )
        )
        return None, problems, builder
    return document, problems, builder


def character_name(character: str) -> str:
    """`U+0000 (NUL)`: how a problem names a character nobody can see."""
    point = ord(character)
    name = _CONTROL_NAMES.get(point)
    if name is None:
        if point < 0x20 or 0x7F <= point <= 0x9F:
            name = "a control character"
        elif point in (0x2028, 0x2029):
            name = "LINE SEPARATOR" if point == 0x2028 else "PARAGRAPH SEPARATOR"
        elif 0xD800 <= point <= 0xDFFF:
            name = "a surrogate"
        else:
            name = "a noncharacter"
    return f"U+{point:04X} ({name})"


def refused_characters_in(value: str) -> list[str]:
    """The distinct refused characters of a value, in the order they first appear."""
    found = dict.fromkeys(match.group()[0] for match in _REFUSED_CHARACTERS.finditer(value))
    return list(found)


def refused_characters(text: str, path: str, noun: str = CATALOG_NOUN) -> list[Problem]:
    """One problem for each line with refused characters (the first MAX_LISTED lines)."""
    by_line = _group_by_line(text, _REFUSED_CHARACTERS)
    problems = [
        Problem(Location(path, line), characters_message(list(dict.fromkeys(characters)), noun))
        for line, characters in by_line.listed.items()
    ]
    if by_line.more:
        problems.append(_more(path, by_line.more, "lines with characters that are not allowed"))
    return problems


@dataclass
class _ByLine:
    listed: dict[int, list[str]]  # line -> the characters found on it, for the first MAX_LISTED lines
    more: int  # further lines with a match, only counted


def _group_by_line(text: str, pattern: re.Pattern[str]) -> _ByLine:
    """Matches grouped by line, in one pass, keeping only what is listed (a bounded amount)."""
    listed: dict[int, list[str]] = {}
    more = 0
    last = 0
    lines = _LineCounter(text)
    for match in pattern.finditer(text):
        line = lines.at(match.start())
        if line in listed:
            if len(listed[line]) < 16:
                listed[line].append(match.group()[0])
        elif len(listed) < MAX_LISTED:
            listed[line] = [match.group()[0]]
        elif line != last:
            more += 1
        last = line
    return _ByLine(listed, more)


def characters_message(characters: list[str], noun: str = CATALOG_NOUN) -> str:
    names = ", ".join(character_name(character) for character in characters)
    if len(characters) == 1:
        return f"the character {names} is not allowed in {noun}: delete it, or write what it stands for in words"
    return f"the characters {names} are not allowed in {noun}: delete them, or write what they stand for in words"


def _more(path: str, count: int, what: str) -> Problem:
    return Problem(Location(path, 1), f"... and {count:,} more {what}, not listed one by one")


class _LineCounter:
    """Line numbers of offsets that only grow, in one pass over the text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.offset = 0
        self.line = 1

    def at(self, offset: int) -> int:
        self.line += self.text.count("\n", self.offset, offset)
        self.offset = offset
        return self.line


class _TooDeep(Exception):
    def __init__(self, line: int) -> None:
        self.line = line


class _Builder:
    """Builds Python values from YAML events, recording lines, refusing what a catalog never needs.

    Iterative (an explicit stack), so no nesting can exhaust Python's recursion; an alias
    is reported and never expanded, so no "billion laughs" can multiply the work.
    """

    def __init__(
        self, document: Document, problems: list[Problem], noun: str = CATALOG_NOUN, stream: bool = False
    ) -> None:
        self.document = document
        self.problems = problems
        self.noun = noun  # what the refusals call the file
        self.stream = stream  # every document of the file, as the items of a list
        self.constructor = yaml.SafeLoader("")  # only for the value of a refused integer form
        self.resolver = yaml.resolver.Resolver()
        self.seen_document = False
        self.listed: dict[str, int] = {}
        self.deferred: dict[JsonPath, tuple[int, str]] = {}  # number-form problems at codes (see settle_codes)

    def problem(self, line: int, kind: str, message: str) -> None:
        """Report a problem; refusals of one kind are listed MAX_LISTED times, then summed up."""
        count = self.listed[kind] = self.listed.get(kind, 0) + 1
        if count <= MAX_LISTED:
            self.problems.append(Problem(Location(self.document.path, line), message))

    def run(self, events: Iterator[Any]) -> None:
        # PyYAML's events, typed loosely in its stubs (`Event` has no `value`): Any here.
        # Each frame: [dict, path, pending key] for a mapping, [list, path, its items'
        # lines] for a list. The loop is the loader's hot path: a megabyte can hold
        # 350,000 scalars, so a list item's path is only built when something needs it.
        stack: list[list[Any]] = []
        value_lines = self.document.value_lines
        item_lines = self.document.item_lines
        if self.stream:  # the documents are the items of a list that no event opens or closes
            documents: list[Any] = []
            item_lines[()] = []
            value_lines[()] = 1
            self.document.data = documents
            stack.append([documents, (), item_lines[()]])
        scalar_event = yaml.ScalarEvent
        for event in events:
            kind = type(event)
            if kind is scalar_event or kind is yaml.AliasEvent:
                start = False
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                start = True
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                frame = stack.pop()
                if not stack:
                    self.document.data = frame[0]
                continue
            elif kind is yaml.DocumentStartEvent:
                if self.seen_document and not self.stream:
                    self.problem(
                        event.start_mark.line + 1,
                        "documents",
                        "a catalog is one YAML document: remove this"
                        " '---' and what follows, or merge it into the first",
                    )
                    break
                self.seen_document = True
                continue
            else:
                continue  # stream and document ends
            line = event.start_mark.line + 1
            parent = stack[-1] if stack else None
            if parent is None:
                path: JsonPath | None = ()
                value_lines[()] = line
            elif type(parent[0]) is dict:
                if parent[2] is None:  # this event is a key
                    if start:
                        self._collection_key(stack, event, line)
                    else:
                        self._key(parent, event, line)
                    continue
                path = parent[1] + (parent[2],)
                value_lines[path] = line
            else:
                parent[2].append(line)
                path = None  # built below if needed
            if kind is scalar_event and event.anchor is None and event.tag is None:
                text = event.value
                if not event.implicit[0]:  # quoted or block: always text
                    value = text
                    if event.style == '"':  # only double quotes have escapes, such as "\0"
                        self._check_text(text, _here(path, parent), line)
                elif text and text[0] not in _RESOLVED_FIRST:
                    value = text  # a plain word YAML reads as text
                else:
                    value = self._plain(text, _here(path, parent), line)
            else:
                value = self._special(event, _here(path, parent), line)
            if parent is None:
                self.document.data = value
            elif type(parent[0]) is dict:
                if parent[2] is not _SKIP:
                    parent[0][parent[2]] = value
                parent[2] = None
            else:
                parent[0].append(value)
            if start:
                if len(stack) >= MAX_DEPTH:
                    raise _TooDeep(line)
                if path is None:  # a list item: this list's last
                    assert parent is not None
                    path = parent[1] + (len(parent[0]) - 1,)
                if kind is yaml.MappingStartEvent:
                    stack.append([value, path, None])
                else:
                    lines: list[int] = []
                    item_lines[path] = lines
                    stack.append([value, path, lines])
        for kind_name, count in self.listed.items():
            if count > MAX_LISTED:
                self.problems.append(_more(self.document.path, count - MAX_LISTED, kind_name))

    def settle_codes(self) -> None:
        """Read each code as the catalog's code_type says, now that the whole file is read.

        A number-form problem (`010`, `0x1F`) at a code is said only in an integer catalog:
        in a text catalog the code is the text as written.
        """
        document = self.document
        deferred, self.deferred = self.deferred, {}
        if code_type_of(document.data) != TEXT and not undeclared_text_codes(document.data):
            for path, (line, message) in deferred.items():
                self.problem(line, "numbers not written in decimal", message)
                document.reported.add(path)
            return
        for path, text in document.code_texts.items():
            container = value_at(document.data, path[:-1])
            placed = isinstance(container, list) or (isinstance(container, dict) and path[-1] in container)
            if text and placed:
                container[path[-1]] = text
                document.written.pop(path, None)

    def _collection_key(self, stack: list[list[Any]], event: Any, line: int) -> None:
        """A list or mapping as a key: parsed (so that its end is found) and left out."""
        self.problem(line, "keys", "a key must be a plain word, not a list or mapping")
        stack[-1][2] = _SKIP
        if len(stack) >= MAX_DEPTH:
            raise _TooDeep(line)
        path = stack[-1][1] + (_SKIP,)
        stack.append([{}, path, None] if isinstance(event, yaml.MappingStartEvent) else [[], path, []])

    def _plain(self, text: str, path: JsonPath, line: int) -> Any:
        """A plain scalar that YAML 1.1 may read as a number, a boolean or nothing."""
        at_code = _is_code_position(path)
        if at_code:
            self.document.code_texts[path] = text
        if len(text) <= 18 and _PLAIN_DECIMAL.fullmatch(text):
            return int(text)  # a code: by far the most common
        value, problem = self._resolve_plain(text)
        if problem and at_code:
            self.deferred[path] = (line, problem)
        elif problem:
            self.problem(line, "numbers not written in decimal", problem)
            self.document.reported.add(path)
        if not isinstance(value, (str, int)) or isinstance(value, bool):
            self.document.written[path] = text  # to say "NO is read as false", "4.0"
        return value

    def _special(self, event: Any, path: JsonPath, line: int) -> Any:
        """An alias, a collection, or a scalar with an anchor or a tag: reported, then built."""
        if self._refuse_anchor_alias_tag(event, line):
            self.document.reported.add(path)
        if isinstance(event, yaml.AliasEvent):
            return None
        if isinstance(event, yaml.MappingStartEvent):
            return {}
        if isinstance(event, yaml.SequenceStartEvent):
            return []
        assert isinstance(event, yaml.ScalarEvent)
        if event.style == '"':
            self._check_text(event.value, path, line)
        if not event.implicit[0] and event.tag is None:
            return event.value
        value, _ = self._resolve_plain(event.value)  # what it would mean untagged; already reported
        if not isinstance(value, str):
            self.document.written[path] = event.value
        return value

    def _key(self, frame: list[Any], event: Any, line: int) -> None:
        mapping, path = frame[0], frame[1]
        if not isinstance(event, yaml.ScalarEvent):  # an alias
            self._refuse_anchor_alias_tag(event, line)
            frame[2] = _SKIP
            return
        self._refuse_anchor_alias_tag(event, line)
        key = event.value
        if event.implicit[0] and _tag_of(self.resolver, key) == "tag:yaml.org,2002:merge":
            self.problem(line, "merge keys", f"merge keys ('<<') are not allowed in {self.noun}: write the fields out")
            frame[2] = _SKIP
            return
        child = path + (key,)
        if key in mapping or child in self.document.key_lines:
            first = Location(self.document.path, self.document.key_lines[child])
            self.problems.append(
                Problem(
                    Location(self.document.path, line),
                    f"duplicate key '{shown(key)}' (first at {first}); each key may appear once in a mapping",
                )
            )
            frame[2] = _SKIP
            return
        self._check_text(key, child, line)
        self.document.key_lines[child] = line
        frame[2] = key

    def _refuse_anchor_alias_tag(self, event: Any, line: int) -> bool:
        refused = False
        if isinstance(event, yaml.AliasEvent):
            self.problem(
                line,
                "aliases",
                f"aliases ('*{shown(event.anchor or '')}') are not allowed in {self.noun}:"
                " write the value out where it is used",
            )
            return True
        if getattr(event, "anchor", None) is not None:
            self.problem(
                line, "anchors", f"anchors ('&{shown(event.anchor)}') are not allowed in {self.noun}: remove it"
            )
            refused = True
        tag = getattr(event, "tag", None)
        if tag is not None:
            written_tag = tag.replace("tag:yaml.org,2002:", "!!")
            self.problem(
                line,
                "tags",
                f"tags ('{shown(written_tag)}') are not allowed in {self.noun}: remove it",
            )
            refused = True
        return refused

    def _resolve_plain(self, value: str) -> tuple[Any, str | None]:
        """A plain scalar's value as YAML 1.1 reads it, and the problem if it is a refused form.

        Timestamps stay text (JSON Schema, and so an editor, sees text there too).
        """
        tag = _tag_of(self.resolver, value)
        if tag == "tag:yaml.org,2002:null":
            return None, None
        if tag == "tag:yaml.org,2002:bool":
            return value.lower() in ("yes", "true", "on"), None
        if tag == "tag:yaml.org,2002:int":
            return self._integer(value)
        if tag == "tag:yaml.org,2002:float":
            if len(value) > 64:
                return value, f"'{value[:20]}...' ({len(value)} characters) is not a number {self.noun} can hold"
            return float(self.constructor.construct_yaml_float(yaml.ScalarNode(tag, value))), None
        return value, None

    def _integer(self, value: str) -> tuple[Any, str | None]:
        shown = value if len(value) <= 24 else f"{value[:20]}... ({len(value)} characters)"
        if _PLAIN_DECIMAL.fullmatch(value):
            if len(value) <= 20:
                number = int(value)
                if MIN_CODE <= number <= MAX_CODE:
                    return number, None
            return value, (
                f"the number {shown} is out of range: numbers in {self.noun} lie between"
                f" {MIN_CODE} and {MAX_CODE} (a signed 64-bit integer)"
            )
        read_as = ""
        if len(value) <= 64:
            number = self.constructor.construct_yaml_int(yaml.ScalarNode("tag:yaml.org,2002:int", value))
            read_as = f" (YAML reads it as {number})"
        return value, (
            f"'{shown}' is not written as a plain decimal number{read_as}: write the code as a"
            " decimal number (digits only, no leading zero, '+', '_' or ':'), or put text in double quotes"
        )

    def _check_text(self, value: str, path: JsonPath, line: int) -> None:
        # Characters that came from escapes ("\0", "\e", "\u2028"): the raw ones were
        # refused before parsing.
        if _REFUSED_CHARACTERS.search(value):
            self.problem(line, "refused characters", characters_message(refused_characters_in(value), self.noun))
            self.document.reported.add(path)


_SKIP = object()  # the pending key of a mapping entry that is left out


def _is_code_position(path: JsonPath) -> bool:
    """Where a code is written: an entry's `code`, or an entry of its `see_also`."""
    length = len(path)
    return (length == 5 and path[4] == "code" and path[2] == "codes") or (
        length == 6 and path[4] == "see_also" and path[2] == "codes"
    )


def value_at(data: Any, path: JsonPath) -> Any:
    """The value at `path` in `data`, or None where there is none."""
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _here(path: JsonPath | None, parent: list[Any] | None) -> JsonPath:
    """The path of a value: given, or (a list item's, built only when needed) from its list."""
    if path is not None:
        return path
    assert parent is not None
    return tuple(parent[1]) + (len(parent[0]),)


def _tag_of(resolver: yaml.resolver.Resolver, value: str) -> str:
    """The tag YAML 1.1 gives a plain scalar (PyYAML's resolver is untyped)."""
    tag: str = resolver.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    return tag


# First characters of plain scalars that YAML 1.1 may read as something other than text.
_RESOLVED_FIRST = frozenset(key for key in yaml.resolver.Resolver.yaml_implicit_resolvers if key)
