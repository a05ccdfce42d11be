"""Check a project's catalog and published record: the model, or every problem by file and line.

The same checks for `mkdocs build`, `mkdocs serve` and `python -m errcat check`.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from .drift import check_drift
from .load import MAX_BYTES, Document, decode, load_document, read_text
from .model import INTEGER, Catalog, Code, build_catalog, code_type_of
from .paths import SITE_NAMES, Urls
from .problems import Location, Problem
from .published import (
    PUBLISHED_NAME,
    check_deleted,
    check_published,
    check_samples_settled,
    parse_published,
    published_bytes,
)
from .reread import LastRead
from .schema import Schema
from .source import SourceSpec
from .validate import validate

CATALOG_NAME = "catalog.yaml"
T = TypeVar("T")


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


def timed(timings: dict[str, float] | None, name: str, step: Callable[..., T], *args: Any) -> T:
    """Run one step of a build, adding its time to `timings` (for the benchmark) if given."""
    started = time.perf_counter()
    result = step(*args)
    if timings is not None:
        timings[name] = timings.get(name, 0.0) + time.perf_counter() - started
    return result


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
    with paused_gc():
        read = _read(path, display_path, schema or Schema(), site_paths, None)
    read.problems.sort(key=lambda problem: problem.location.line)
    return read.catalog, read.problems


def read_catalog_bytes(data: bytes, display_path: str, schema: Schema) -> tuple[Catalog | None, list[Problem]]:
    """Check a catalog given as bytes (a revision from git), as read_catalog checks a file."""
    if len(data) > MAX_BYTES:
        return None, [Problem(Location(display_path, 1), f"the file is larger than {MAX_BYTES:,} bytes")]
    with paused_gc():
        text, problems = decode(data, display_path)
        document, more = load_document(text, display_path)
        problems += more
        if document is None:
            return None, problems
        read = _checked(document, problems, schema, frozenset(), None)
    read.problems.sort(key=lambda problem: problem.location.line)
    return read.catalog, read.problems


@dataclass(frozen=True)
class Project:
    """Where a project's catalog and published record are, and how its problems name them."""

    root: Path
    catalog: str = CATALOG_NAME  # relative to root
    published: str = PUBLISHED_NAME
    reserved: frozenset[str] = SITE_NAMES  # names the site takes at its root besides its own pages
    source: SourceSpec | None = None  # the file the team's code reads, that the catalog follows
    urls: Urls = field(default_factory=Urls)  # where the reference's pages are, as messages name them

    @property
    def catalog_path(self) -> Path:
        return self.root / self.catalog

    @property
    def published_path(self) -> Path:
        return self.root / self.published


def check_project(
    root: Path | Project,
    docs_dir: Path | None = None,
    schema: Schema | None = None,
    timings: dict[str, float] | None = None,
    last: LastRead | None = None,
    publishing: bool = False,
) -> tuple[Catalog | None, list[Problem]]:
    """Everything a build checks: the catalog, the published record against it, and the
    catalog against its source (the file the team's code reads), where the project has one.

    `root` is the project's folder (its catalog.yaml and published-codes.txt), or a Project.
    `last` (under `mkdocs serve`) is the last read without problems, which an edit to one
    category's lines is read from (see reread.py); it keeps this read if it has none.
    `publishing` (the check of a build that publishes) refuses lines marked `# sample`.
    """
    project = root if isinstance(root, Project) else Project(root)
    site_paths = (site_paths_of(docs_dir) if docs_dir is not None else frozenset()) | project.reserved
    with paused_gc():
        read = _read(project.catalog_path, project.catalog, schema or Schema(), site_paths, timings, last)
        problems = read.problems + timed(timings, "record", _check_record, project, read, last, publishing)
        if project.source is not None and read.catalog is not None and not problems:
            problems += timed(timings, "source", check_drift, read.catalog, project.root, project.source)
    problems.sort(key=lambda problem: (problem.location.path != project.catalog, problem.location))
    return (None if problems else read.catalog), problems


def _check_record(project: Project, read: _Read, last: LastRead | None, publishing: bool = False) -> list[Problem]:
    """The published record's problems, and its checks against the catalog read."""
    if not read.readable:
        return []  # nothing to check it against: the catalog's own problem is the one to fix
    data, problems = published_bytes(project.published_path, project.published)
    if data is None:
        return problems
    if last is not None and read.placed and last.record == data:
        return []  # the record that passed, and every code where it was when it passed
    records, problems = parse_published(data, project.published, read.code_type)
    if not problems and (read.catalog is not None or read.codes):
        # A deleted code is said even when the rest of the catalog has problems.
        problems += check_deleted(read.codes, records, project.catalog, project.urls)
        if read.catalog is not None:
            problems += check_published(read.catalog, records, project.published, project.urls)
        if read.catalog is not None and publishing:
            problems += check_samples_settled(read.catalog, records, project.catalog)
    if last is not None:
        last.record = data if read.catalog is not None and not problems else None
    return problems


@dataclass
class _Read:
    catalog: Catalog | None  # None if it has problems
    codes: set[Code]  # the codes it holds, valid entries or not
    problems: list[Problem]  # unsorted
    code_type: str = INTEGER
    # Read again (reread.py) with every code in the category and place it had, the
    # categories' ids unchanged: the published record's checks give what they gave.
    placed: bool = False
    # Read as a catalog at all: not when its file, its YAML or the kind of its codes cannot
    # be read, where any problem of its record would be an echo of that one.
    readable: bool = True


def _read(
    path: Path,
    display_path: str | None,
    schema: Schema,
    site_paths: frozenset[str],
    timings: dict[str, float] | None,
    last: LastRead | None = None,
) -> _Read:
    shown = display_path or path.name
    text, problems = timed(timings, "load", read_text, path, shown)
    if text is None:
        return _Read(None, set(), problems, readable=False)
    if last is not None and not problems:
        again = timed(timings, "reread", last.reread, text, shown, schema, site_paths)
        if again is not None:
            return _Read(again.catalog, again.codes, [], again.catalog.code_type, again.placed)
    document, more = timed(timings, "load", load_document, text, shown)
    problems += more
    if document is None:
        return _Read(None, set(), problems, readable=False)
    read = _checked(document, problems, schema, site_paths, timings)
    if last is not None and read.catalog is not None:
        last.keep(text, document, read.catalog, schema)
    return read


def _checked(
    document: Document,
    problems: list[Problem],
    schema: Schema,
    site_paths: frozenset[str],
    timings: dict[str, float] | None,
) -> _Read:
    checked = timed(timings, "validate", validate, document, schema, site_paths | SITE_NAMES)
    problems += checked.problems
    code_type = code_type_of(document.data)
    if checked.kind_unknown:
        return _Read(None, set(), problems, code_type, readable=False)
    if problems:
        return _Read(None, set(checked.all_codes), problems, code_type)
    catalog = timed(timings, "model", build_catalog, document, schema.default_status)
    return _Read(catalog, set(checked.all_codes), [], code_type)


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
