"""The catalog as immutable values: what the loader produces and the renderers read."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

from .problems import Location

if TYPE_CHECKING:
    from .load import Document


# A code as the catalog writes it: an integer (`code_type: integer`, the default) or
# text such as NOT_FOUND or 0A000 (`code_type: text`). One catalog holds one kind.
Code = int | str
INTEGER, TEXT = "integer", "text"  # the values of code_type
# How a code is written where it is read back as text (an anchor, an address, the record):
# an integer in plain decimal within a signed 64-bit integer's digits; a text code safe in
# a URL on any disk. catalog.schema.json repeats TEXT_CODE for editors (a test checks).
INTEGER_CODE = "0|-?[1-9][0-9]{0,18}"
TEXT_CODE = "[A-Za-z0-9][A-Za-z0-9_.-]{0,63}"
CODE_SYNTAX = MappingProxyType({INTEGER: re.compile(INTEGER_CODE), TEXT: re.compile(TEXT_CODE)})


@dataclass(frozen=True)
class ErrorCode:
    code: Code
    message: str
    description: str | None  # None: the catalog has none yet (a code brought from a source without one)
    location: Location = field(compare=False)  # where it is written is not what it is
    examples: tuple[str, ...] = ()
    see_also: tuple[Code, ...] = ()
    # A published code is never deleted: it is marked deprecated, then removed.
    status: str = "active"
    note: str | None = None
    # Category ids it was published under before it moved here: their pages keep an
    # anchor that leads to it.
    moved_from: tuple[str, ...] = ()
    http_status: int | None = None  # the HTTP status the API answers with, if it has one
    causes: tuple[str, ...] = ()  # Markdown, "Possible causes"
    solutions: tuple[str, ...] = ()  # Markdown, "Possible solutions"


@dataclass(frozen=True)
class Category:
    id: str
    title: str
    location: Location = field(compare=False)
    codes: tuple[ErrorCode, ...]
    description: str | None = None
    # Ids it was published under before a rename: each counts as a moved_from of every code.
    former_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Catalog:
    categories: tuple[Category, ...]
    code_type: str = INTEGER
    # Derived lookups, built once; excluded from equality and repr.
    _by_code: dict[Code, tuple[Category, ErrorCode]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        for category in self.categories:
            for error in category.codes:
                self._by_code[error.code] = (category, error)

    def codes(self) -> list[tuple[Category, ErrorCode]]:
        """Every code with its category, in catalog order."""
        return list(self._by_code.values())

    def lookup(self, code: Code) -> tuple[Category, ErrorCode]:
        return self._by_code[code]

    def find(self, code: Code) -> tuple[Category, ErrorCode] | None:
        return self._by_code.get(code)

    def find_text(self, text: str) -> tuple[Category, ErrorCode] | None:
        """The code written `text` in an address (`/codes/<text>/`), if the catalog has it."""
        if self.code_type == TEXT:
            return self._by_code.get(text)
        # An integer is found only as it is written in its anchor: 70093, not 070093.
        return self._by_code.get(int(text)) if CODE_SYNTAX[INTEGER].fullmatch(text) else None

    @property
    def has_http_status(self) -> bool:
        return any(error.http_status is not None for _, error in self.codes())

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


def sort_key(code: Code) -> tuple[int, int | str]:
    """Integer codes in numeric order, text codes in text order (one catalog has one kind)."""
    return (0, code) if isinstance(code, int) else (1, code)


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
                description=entry.get("description"),
                examples=tuple(entry.get("examples", ())),
                see_also=tuple(entry.get("see_also", ())),
                status=entry.get("status", default_status),
                note=entry.get("note"),
                moved_from=tuple(entry.get("moved_from", ())),
                http_status=entry.get("http_status"),
                causes=tuple(entry.get("causes", ())),
                solutions=tuple(entry.get("solutions", ())),
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
    return Catalog(tuple(categories), code_type_of(document.data))


def code_type_of(data: object) -> str:
    """The kind of codes a catalog declares: `text`, or `integer` (also for any other value,
    which the schema reports)."""
    return TEXT if isinstance(data, dict) and data.get("code_type") == TEXT else INTEGER
