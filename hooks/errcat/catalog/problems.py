"""Problems, as a contributor reads them: where (`catalog.yaml:42`) and what, in words.

Every message names catalog values through `shown` and `describe_type`, so that no
message runs over two lines or repeats a megabyte, whatever the catalog holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, order=True)
class Location:
    """A line of a file, printed the way compilers print it: `catalog.yaml:42`."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def shown(text: str, limit: int = 40) -> str:
    """Catalog text quoted in a message: on one line, invisible characters escaped (`\\n`),
    and cut short, so that a message never repeats a megabyte."""
    text = text if len(text) <= limit else text[: limit - 3] + "..."
    if _INVISIBLE.search(text) is None:
        return text
    return _INVISIBLE.sub(lambda match: repr(match.group())[1:-1], text)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the catalog, reported with the line it is on."""

    location: Location
    message: str

    @classmethod
    def at(cls, path: str, line: int, message: str) -> Problem:
        return cls(Location(path, line), message)

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


def describe_type(value: Any, written: str | None = None) -> str:
    """Name a YAML value's type the way a contributor thinks of it."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        word = str(value).lower()
        return f"a boolean ({written} is read as {word})" if written and written != word else f"a boolean ({word})"
    if isinstance(value, int):
        return f"an integer ({value})"
    if isinstance(value, float):
        return f"a decimal number ({written or value})"
    if isinstance(value, str):
        return f'a string ("{shown(value)}")' if len(value) <= 40 else "a string"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"a {type(value).__name__}"  # pragma: no cover - the loader makes no other type
