"""A YAML syntax error as one problem on its line, with the advice that fits it.

YAML's own words say what the parser met (`mapping values are not allowed in this
context`), not what the author did. Most slips in a catalog are a field indented a step
too far or too little, a tab, a quote never closed, or a value with ': ' in it; each has
its own advice here, worked out from the error and the lines above it. Anything else is
said in YAML's words, with its line and column.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import yaml

from .problems import Location, Problem, shown

# A line that starts a field: its indentation, any '- ' of list items, the key and its colon.
_FIELD = re.compile(r"( *)((?:- +)*)([A-Za-z_][A-Za-z0-9_-]*) *:(?=\s|$)")
_ITEM = re.compile(r"( *)- ")
_LOOK_BACK = 1000  # lines searched for the field a slip is measured against


def syntax_problem(error: yaml.MarkedYAMLError, text: str, path: str) -> Problem:
    """The problem a YAML syntax error in `text` makes, on the line to fix."""
    mark = error.problem_mark or error.context_mark
    lines = text.split("\n")
    # At the end of a file without a final line break, YAML's mark is one line past it.
    line = min(mark.line, len(lines) - 1) if mark else 0
    what = shown(error.problem or error.context or "invalid YAML", 200)
    column = f" (column {mark.column + 1})" if mark else ""
    advice = _unclosed_quote(error) or _indentation(what, lines, line, mark.column if mark else 0)
    if advice is not None:
        where, message = advice
        return Problem(Location(path, where + 1), f"YAML syntax error: {message}")
    return Problem(Location(path, line + 1), f"YAML syntax error: {what}{column}{_hint(what)}")


def _hint(what: str) -> str:
    if "tab" in what:
        return "; indent with spaces, as YAML allows no tab there"
    if "mapping values are not allowed" in what:
        return "; put a value that contains ': ' in double quotes"
    return ""


def _unclosed_quote(error: yaml.MarkedYAMLError) -> tuple[int, str] | None:
    """A quoted value that runs to the end of the file: said where its quote opens."""
    context, start = error.context or "", error.context_mark
    if "quoted scalar" not in context or start is None or "end of stream" not in (error.problem or ""):
        return None
    return (
        start.line,
        f"the value quoted at column {start.column + 1} is never closed: end it with the same quote",
    )


def _indentation(what: str, lines: list[str], line: int, column: int) -> tuple[int, str] | None:
    """A field or list item indented unlike the lines above it, or None if the slip is another."""
    text = lines[line].rstrip("\r") if line < len(lines) else ""
    field = _FIELD.match(text)
    if "mapping values are not allowed" in what:
        # The colon of a field that YAML read as more of the value above: indented too far.
        # (A colon inside a value, as in `message: SUCCESS: done`, is quoting's to fix.)
        if field is None or field.end() - 1 != column:
            return None
    elif not any(
        words in what for words in ("expected <block end>", "did not find expected key", "expected '-' indicator")
    ):
        return None
    item = _ITEM.match(text)
    if item is not None:  # a list item, measured against the item before it
        here = len(item.group(1))
        above = _above(lines, line, _ITEM.match)
        if above is None or len(above[1].group(1)) == here:
            return None
        there = len(above[1].group(1))
        return (
            line,
            f"this list item starts at column {here + 1}, the one on line {above[0] + 1} at column {there + 1}:"
            " start every item of a list in the same column",
        )
    if field is None:
        return None
    key, here = field.group(3), field.start(3)
    above = _above(lines, line, _FIELD.match)
    if above is None or above[1].start(3) == here:
        return None
    other, there = above[1].group(3), above[1].start(3)
    further = "more" if here > there else "less"
    return (
        line,
        f"'{key}:' is indented {further} than '{other}:' on line {above[0] + 1} (column {here + 1}, not"
        f" {there + 1}): start the fields of one entry in the same column",
    )


def _above(
    lines: list[str], line: int, match: Callable[[str], re.Match[str] | None]
) -> tuple[int, re.Match[str]] | None:
    """The nearest line above `line` that `match` accepts, skipping blank lines and comments."""
    for earlier in range(line - 1, max(line - _LOOK_BACK, 0) - 1, -1):
        text = lines[earlier].rstrip("\r")
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        found = match(text)
        if found is not None:
            return earlier, found
    return None
