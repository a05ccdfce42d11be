"""The catalog as immutable values: what the loader produces and the renderers read."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .problems import Location

if TYPE_CHECKING:
    from .load import Document


@dataclass(frozen=True)
class ErrorCode:
    code: int
    message: str
    description: str
    location: Location = field(compare=False)  # where it is written is not what it is
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
    location: Location = field(compare=False)
    codes: tuple[ErrorCode, ...]
    description: str | None = None
    # Ids it was published under before a rename: each counts as a moved_from of every code.
    former_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Catalog:
    categories: tuple[Category, ...]
    # Derived lookups, built once; excluded from equality and repr.
    _by_code: dict[int, tuple[Category, ErrorCode]] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for category in self.categories:
            for error in category.codes:
                self._by_code[error.code] = (category, error)

    def codes(self) -> list[tuple[Category, ErrorCode]]:
        """Every code with its category, in catalog order."""
        return list(self._by_code.values())

    def lookup(self, code: int) -> tuple[Category, ErrorCode]:
        return self._by_code[code]

    def find(self, code: int) -> tuple[Category, ErrorCode] | None:
        return self._by_code.get(code)

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
