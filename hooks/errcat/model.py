"""The catalog as immutable values: what the loader produces and the renderers read."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .load import Document


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


@dataclass(frozen=True)
class ErrorCode:
    code: int
    message: str
    description: str
    location: Location
    examples: tuple[str, ...] = ()
    see_also: tuple[int, ...] = ()
    # A published code is never deleted: it is marked deprecated, then removed.
    status: str = "active"
    note: str | None = None
    # Category ids it was published under before it moved here: their pages keep an
    # anchor that leads to it.
    moved_from: tuple[str, ...] = ()


@dataclass(frozen=True)
class Category:
    id: str
    title: str
    location: Location
    codes: tuple[ErrorCode, ...]
    description: str | None = None
    # Ids it was published under before a rename: each counts as a moved_from of every code.
    former_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Catalog:
    categories: tuple[Category, ...]
    # Derived lookups, built once; excluded from equality and repr.
    _by_code: dict[int, tuple[Category, ErrorCode]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        for category in self.categories:
            for error in category.codes:
                self._by_code[error.code] = (category, error)

    def codes(self) -> list[tuple[Category, ErrorCode]]:
        """Every code with its category, in catalog order."""
        return list(self._by_code.values())

    def lookup(self, code: int) -> tuple[Category, ErrorCode]:
        return self._by_code[code]

    def category(self, category_id: str) -> Category | None:
        return next((category for category in self.categories if category.id == category_id), None)

    def moved_away(self) -> dict[str, list[tuple[Category, ErrorCode]]]:
        """Former category id -> the codes that were there, with where they are now, in catalog order."""
        moves: dict[str, list[tuple[Category, ErrorCode]]] = {}
        for category, error in self.codes():
            for former in former_categories(category, error):
                moves.setdefault(former, []).append((category, error))
        return moves


def former_categories(category: Category, error: ErrorCode) -> tuple[str, ...]:
    """Where a code was published before: its own moved_from, then its category's former ids."""
    return tuple(dict.fromkeys(error.moved_from + category.former_ids))


def build_catalog(document: Document, default_status: str = "active") -> Catalog:
    """The model of a document that validation found no problem in.

    `default_status` is the schema's default, for codes that name none.
    """
    categories = []
    for c_index, raw in enumerate(document.data["categories"]):
        codes = tuple(
            ErrorCode(
                code=entry["code"],
                message=entry["message"],
                description=entry["description"],
                examples=tuple(entry.get("examples", ())),
                see_also=tuple(entry.get("see_also", ())),
                status=entry.get("status", default_status),
                note=entry.get("note"),
                moved_from=tuple(entry.get("moved_from", ())),
                location=document.location(("categories", c_index, "codes", e_index)),
            )
            for e_index, entry in enumerate(raw["codes"])
        )
        categories.append(
            Category(
                id=raw["id"],
                title=raw["title"],
                description=raw.get("description"),
                codes=codes,
                former_ids=tuple(raw.get("former_ids", ())),
                location=document.location(("categories", c_index)),
            )
        )
    return Catalog(tuple(categories))
