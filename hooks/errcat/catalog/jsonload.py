"""Read JSON into plain data that remembers the line of every key and value, as load.py does YAML.

A team's own file (an SDK's errors.json) is read by `errcat import` and by the check that
the catalog follows it. Python's json module knows no lines, keeps the last of two equal
keys without a word, recurses on nesting and turns a number of a million digits into an
integer slowly: this reader is one pass over the text with an explicit stack, reports a
duplicate key where it is, refuses nesting deeper than MAX_DEPTH and numbers too long
to be a code, and gives a `Document` with the lines of its values, or the problem that
stopped it, never an exception.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable
from types import MappingProxyType
from typing import Any

from .load import MAX_DEPTH, MAX_LISTED, SOURCE_NOUN, Document, JsonPath, characters_message, refused_characters
from .load import refused_characters_in as _refused_in
from .problems import Location, Problem, shown

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
# The json module's own string reader (in C where it can be): escapes, and control characters refused.
_scan_string: Callable[[str, int, bool], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]
_STRING_ERRORS = MappingProxyType(
    {
        "Unterminated string starting at": "a string that is never closed: a '\"' is missing",
        "Invalid control character at": "a line break, tab or control character inside a string:"
        " write it as an escape (\\n, \\t, \\u0000)",
        "Invalid \\escape": 'an escape JSON does not know (it knows \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)',
        "Invalid \\uXXXX escape": "a \\u escape without four hexadecimal digits",
    }
)
_WORD = re.compile(r"[a-z]{1,5}")
_LITERALS = MappingProxyType({"true": True, "false": False, "null": None})
# A number is kept as an integer up to this many digits (a signed 64-bit integer has 19);
# a longer one is refused: no code is that long, and Python converts it in quadratic time.
MAX_NUMBER = 64


class _Stop(Exception):
    """The text is not JSON from here on: the problem, at an offset."""

    def __init__(self, offset: int, message: str) -> None:
        self.offset = offset
        self.message = message


def load_json(text: str, path: str) -> tuple[Document | None, list[Problem]]:
    """Parse JSON text. Returns the document, or None and the problems that stopped parsing."""
    reader = _Reader(text, path)
    problems = refused_characters(text, path, SOURCE_NOUN)
    try:
        reader.run()
    except _Stop as stop:
        line, column = reader.place(stop.offset)
        problems += reader.problems
        problems.append(Problem(Location(path, line), f"JSON syntax error: {stop.message} (column {column})"))
        return None, sorted(problems, key=lambda problem: problem.location.line)
    problems += reader.problems
    return reader.document, sorted(problems, key=lambda problem: problem.location.line)


class _Reader:
    """One pass over the text: a stack of open objects and arrays, each with its path."""

    def __init__(self, text: str, path: str) -> None:
        self.text = text.removeprefix("\ufeff")
        self.document = Document(path, None)
        self.problems: list[Problem] = []
        self.newlines = [match.start() for match in re.finditer("\n", self.text)]
        self.reported = 0

    def place(self, offset: int) -> tuple[int, int]:
        """The line and column (from 1) of an offset."""
        index = bisect.bisect_left(self.newlines, offset)
        start = self.newlines[index - 1] + 1 if index else 0
        return index + 1, offset - start + 1

    def line(self, offset: int) -> int:
        return bisect.bisect_left(self.newlines, offset) + 1

    def problem(self, offset: int, message: str) -> None:
        self.reported += 1
        if self.reported <= MAX_LISTED:
            self.problems.append(Problem(Location(self.document.path, self.line(offset)), message))

    def run(self) -> None:
        text = self.text
        # Each frame: [container, its path, the pending key (objects) or its items' lines (arrays)].
        stack: list[list[Any]] = []
        position = self._skip(0)
        if position == len(text):
            raise _Stop(0, "the file is empty; expected an object or an array")
        expect_value = True
        while True:
            if expect_value:
                position, expect_value = self._value(stack, position)
                continue
            position = self._skip(position)
            if not stack:
                if position != len(text):
                    raise _Stop(position, "more text after the end of the JSON value")
                break
            frame = stack[-1]
            character = text[position : position + 1]
            closing = "}" if type(frame[0]) is dict else "]"
            if character == closing:
                stack.pop()
                position += 1
            elif character == ",":
                position = self._skip(position + 1)
                if type(frame[0]) is dict:
                    position = self._key(frame, position)
                expect_value = True
            else:
                raise _Stop(position, f"expected ',' or '{closing}', found {self._found(position)}")
        if self.reported > MAX_LISTED:
            more = self.reported - MAX_LISTED
            self.problems.append(
                Problem(Location(self.document.path, 1), f"... and {more:,} more problems, not listed")
            )

    def _skip(self, position: int) -> int:
        """The offset of the first character after the whitespace at `position`."""
        match = _WHITESPACE.match(self.text, position)
        return match.end() if match else position

    def _found(self, position: int) -> str:
        return f"'{shown(self.text[position : position + 12])}'" if position < len(self.text) else "the end of the file"

    def _value(self, stack: list[list[Any]], position: int) -> tuple[int, bool]:
        """Read the value at `position` and put it in its place: the offset after what was read,
        and whether a value comes next (the first member or item of an object or array opened)."""
        text = self.text
        position = self._skip(position)
        line = self.line(position)
        parent = stack[-1] if stack else None
        if parent is None:
            path: JsonPath = ()
        elif type(parent[0]) is dict:
            path = parent[1] + (parent[2],)
        else:
            path = parent[1] + (len(parent[0]),)
            parent[2].append(line)
        if parent is None or (type(parent[0]) is dict and parent[2] is not _SKIP):
            self.document.value_lines[path] = line
        character = text[position : position + 1]
        value: Any
        if character == "{" or character == "[":
            if len(stack) >= MAX_DEPTH:
                raise _Stop(position, f"nested more than {MAX_DEPTH} levels deep; errcat reads at most four")
            value = {} if character == "{" else []
            end = position + 1
        elif character == '"':
            value, end = self._string(position, path)
        elif (number := _NUMBER.match(text, position)) is not None:
            value, end = self._number(number, path)
        else:
            word = _WORD.match(text, position)
            if word is None or word.group() not in _LITERALS:
                raise _Stop(
                    position,
                    "expected a value (an object, an array, a string in double quotes, a number, true, false"
                    f" or null), found {self._found(position)}",
                )
            value, end = _LITERALS[word.group()], word.end()
        if parent is None:
            self.document.data = value
        elif type(parent[0]) is dict:
            if parent[2] is not _SKIP:
                parent[0][parent[2]] = value
        else:
            parent[0].append(value)
        if character == "{":
            frame: list[Any] = [value, path, None]
            stack.append(frame)
            end = self._skip(end)
            if text[end : end + 1] == "}":
                return end, False  # empty: the loop closes it
            return self._key(frame, end), True
        if character == "[":
            lines: list[int] = []
            self.document.item_lines[path] = lines
            stack.append([value, path, lines])
            end = self._skip(end)
            return end, text[end : end + 1] != "]"
        return end, False

    def _key(self, frame: list[Any], position: int) -> int:
        """Read a member's key and its ':' at `position`; the offset of its value."""
        text = self.text
        if text[position : position + 1] != '"':
            raise _Stop(position, f"expected a key in double quotes, found {self._found(position)}")
        line = self.line(position)
        key, end = self._string(position, frame[1] + (_SKIP,))
        end = _WHITESPACE.match(text, end).end()  # type: ignore[union-attr]
        if text[end : end + 1] != ":":
            raise _Stop(end, f"expected ':' after the key \"{shown(key)}\"")
        child = frame[1] + (key,)
        first = self.document.key_lines.get(child)
        if first is not None:
            self.problem(
                position,
                f"duplicate key '{shown(key)}' (first at {self.document.path}:{first});"
                " each key may appear once in an object",
            )
            frame[2] = _SKIP
        else:
            self.document.key_lines[child] = line
            frame[2] = key
        return end + 1

    def _string(self, position: int, path: JsonPath) -> tuple[str, int]:
        try:
            value, end = _scan_string(self.text, position + 1, True)
        except json.JSONDecodeError as error:
            raise _Stop(error.pos, _STRING_ERRORS.get(error.msg, error.msg)) from None
        if "\\" in self.text[position:end]:  # an escape may give what the file may not hold
            refused = _refused_in(value)
            if refused:
                self.problem(position, characters_message(refused, SOURCE_NOUN))
                self.document.reported.add(path)
        return value, end

    def _number(self, number: re.Match[str], path: JsonPath) -> tuple[Any, int]:
        written = number.group()
        end = number.end()
        if len(written) > MAX_NUMBER:
            self.problem(
                number.start(),
                f"the number {written[:20]}... ({len(written):,} characters) is longer than any code:"
                f" errcat reads numbers of at most {MAX_NUMBER} characters",
            )
            self.document.reported.add(path)
            return None, end
        if number.group(1) is None and number.group(2) is None:
            return int(written), end
        self.document.written[path] = written
        return float(written), end


_SKIP = object()  # the pending key of a duplicate member, whose value is left out
