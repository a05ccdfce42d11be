"""Error-code catalog: load, validate and render catalog.yaml, independent of MkDocs.

The package name is distinctive on purpose: MkDocs imports hook siblings as top-level
modules, so a generic name such as `model` could shadow another package.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .load import load_file
from .model import Catalog, Category, ErrorCode, Location, Problem, build_catalog
from .published import PUBLISHED_NAME, check_deleted, check_published, read_published
from .schema import SCHEMA_PATH, Schema
from .validate import validate

__all__ = [
    "CATALOG_NAME", "PUBLISHED_NAME", "Catalog", "Category", "ErrorCode", "Location", "Problem", "Schema",
    "check_project", "format_problems", "paused_gc", "read_catalog", "site_paths_of",
]

CATALOG_NAME = "catalog.yaml"


@contextmanager
def paused_gc() -> Iterator[None]:
    """Run a block without Python's cycle collector.

    Loading and rendering a large catalog creates hundreds of thousands of objects and
    no reference cycles; the collector would walk them all again and again (at 10,000
    codes it more than doubles the time). Everything is freed by reference counting.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_catalog(
    path: Path,
    display_path: str | None = None,
    *,
    schema: Schema | None = None,
    site_paths: frozenset[str] = frozenset(),
) -> tuple[Catalog | None, list[Problem]]:
    """Load and check a catalog file: the catalog, or None and every problem found, by line.

    `schema` is compiled from catalog.schema.json when not given; `site_paths` are the
    names the site's own pages take at its root.
    """
    catalog, _, problems = _read(path, display_path, schema, site_paths)
    return catalog, problems


def _read(
    path: Path, display_path: str | None, schema: Schema | None, site_paths: frozenset[str]
) -> tuple[Catalog | None, set[int], list[Problem]]:
    """The catalog (None if it has problems), the codes it holds, and its problems by line."""
    with paused_gc():
        document, problems = load_file(path, display_path)
        codes: set[int] = set()
        if document is not None:
            checked = validate(document, schema or Schema(SCHEMA_PATH), site_paths)
            problems += checked.problems
            codes = set(checked.all_codes)
        problems.sort(key=lambda problem: problem.location.line)
        if problems or document is None:
            return None, codes, problems
        return build_catalog(document), codes, []


def check_project(
    root: Path, docs_dir: Path | None = None, schema: Schema | None = None
) -> tuple[Catalog | None, list[Problem]]:
    """Everything a build checks: root/catalog.yaml, and root/published-codes.txt against it.

    The same for `mkdocs build`, `mkdocs serve` and `python -m errcat check`.
    """
    site_paths = site_paths_of(docs_dir) if docs_dir is not None else frozenset()
    catalog, codes, problems = _read(root / CATALOG_NAME, CATALOG_NAME, schema, site_paths)
    records, record_problems = read_published(root / PUBLISHED_NAME, PUBLISHED_NAME)
    problems += record_problems
    if not record_problems and (catalog is not None or codes):
        # A deleted code is said even when the rest of the catalog has problems.
        problems += check_deleted(codes, records)
        if catalog is not None:
            problems += check_published(catalog, records, PUBLISHED_NAME)
    problems.sort(key=lambda problem: (problem.location.path != CATALOG_NAME, problem.location))
    return (None if problems else catalog), problems


def site_paths_of(docs_dir: Path) -> frozenset[str]:
    """The names the hand-written site takes at its root: `using` for using.md, `assets` for assets/."""
    try:
        entries = list(docs_dir.iterdir())
    except OSError:
        return frozenset()
    return frozenset(entry.stem if entry.suffix == ".md" else entry.name for entry in entries)


def format_problems(problems: list[Problem], saved: str | None = None) -> str:
    """The report a contributor reads: a header line, then one problem a line.

    `saved` (when the file was saved) tells one report from the next under
    `mkdocs serve`, which otherwise prints an identical message only once.
    """
    count = len(problems)
    noun = "problem" if count == 1 else "problems"
    when = f" (saved {saved})" if saved else ""
    return "\n".join([f"the error-code catalog{when} has {count} {noun}:", *map(str, problems)])
