"""Check that the catalog follows its source, the file the team's own code reads: both ways, by code.

Every code of the source is in the catalog with the source's message (what the API
returns), and every code of the catalog that is not deprecated or removed is still in
the source. Descriptions and categories are the docs team's to write: they are not
compared. Each difference is one problem on the catalog's line that names the source's.
"""

from __future__ import annotations

from pathlib import Path

from .model import Catalog, Code, ErrorCode
from .problems import Location, Problem, shown
from .source import SourceEntry, SourceSpec, category_id, read_source

RETIRED = frozenset({"deprecated", "removed"})  # statuses of codes a source may have dropped


def check_drift(catalog: Catalog, root: Path, spec: SourceSpec) -> list[Problem]:
    """The differences between `catalog` and the source `spec` names (relative to `root`),
    or the source's own problems when it cannot be read."""
    read = read_source(root / spec.path, spec, spec.path, catalog.code_type)
    if read.problems:
        return read.problems
    problems = []
    in_source: set[Code] = set()
    for entry in read.entries:
        in_source.add(entry.code)
        found = catalog.find(entry.code)
        if found is None:
            problems.append(_new_code(catalog, entry, read.path))
            continue
        error = found[1]
        if error.message != entry.message:
            problems.append(
                Problem(
                    error.location,
                    f"the message of code {error.code} is '{shown(error.message)}' here and"
                    f" '{shown(entry.message)}' in {read.path}:{entry.message_line}: the catalog gives"
                    " the message the API returns, so copy the source's (`errcat import --update` does)",
                )
            )
    for _, error in catalog.codes():
        if error.code not in in_source and error.status not in RETIRED:
            problems.append(_lost_code(error, read.path, read.line))
    return problems


def _new_code(catalog: Catalog, entry: SourceEntry, source: str) -> Problem:
    """A code of the source that the catalog lacks, said where `errcat import --update` would add it."""
    category = catalog.category(category_id(entry.category))
    if category is not None:
        where, place = category.codes[-1].location, f"to category '{category.id}'"
    else:
        where, place = catalog.categories[-1].codes[-1].location, f"in a new category '{shown(entry.category)}'"
    return Problem(
        Location(where.path, where.line),
        f"code {entry.code} '{shown(entry.message)}' of {source}:{entry.line} is not in the catalog:"
        f" add it (`errcat import --update` adds it {place})",
    )


def _lost_code(error: ErrorCode, source: str, line: int) -> Problem:
    return Problem(
        error.location,
        f"code {error.code} is not among the codes of {source}:{line} any more: if the API no longer returns it,"
        " mark it `status: deprecated` (later `removed`), with a `note` saying what replaced it;"
        " a published code is never deleted",
    )
