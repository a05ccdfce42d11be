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
from .model import Catalog, Category, ErrorCode, Location, Problem
from .validate import build_catalog, validate

__all__ = ["Catalog", "Category", "ErrorCode", "Location", "Problem", "format_problems", "paused_gc", "read_catalog"]


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


def read_catalog(path: Path, display_path: str | None = None) -> tuple[Catalog | None, list[Problem]]:
    """Load and check a catalog file: the catalog, or None and every problem found."""
    with paused_gc():
        return _read_catalog(path, display_path)


def _read_catalog(path: Path, display_path: str | None) -> tuple[Catalog | None, list[Problem]]:
    document, problems = load_file(path, display_path)
    if document is not None:
        problems = sorted(problems + validate(document), key=lambda problem: problem.location.line)
    if problems or document is None:
        return None, problems
    return build_catalog(document), []


def format_problems(problems: list[Problem], saved: str | None = None) -> str:
    """The report a contributor reads: a header line, then one problem a line.

    `saved` (when the file was saved) tells one report from the next under
    `mkdocs serve`, which otherwise prints an identical message only once.
    """
    count = len(problems)
    noun = "problem" if count == 1 else "problems"
    when = f" (saved {saved})" if saved else ""
    return "\n".join([f"the error-code catalog{when} has {count} {noun}:", *map(str, problems)])
