"""The catalog as immutable values: what the loader produces and the renderers read."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Location:
    """A line of a file, printed the way compilers print it: `catalog.yaml:42`."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the catalog, reported with the line it is on."""

    location: Location
    message: str

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


@dataclass(frozen=True)
class Category:
    id: str
    title: str
    location: Location
    codes: tuple[ErrorCode, ...]
    description: str | None = None


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
