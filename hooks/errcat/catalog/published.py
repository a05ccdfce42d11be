"""The published record: every code and category a code was ever published under.

published-codes.txt holds one line per location a code has had, `40001 billing`, and
only ever grows. Checked against the catalog, it says when a published code was
deleted, when a code moved without `moved_from` (which would break its old links), and
when a new code or location has not been recorded yet.

A line that ends in `# sample` records one of `errcat new`'s sample codes, which no site
has served yet: it protects nothing, so a new team replaces the samples freely. The check
of a build that publishes (`errcat check --publishing`, in the publishing workflow)
refuses the mark, so that after the first publication every line protects its code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from .load import read_bounded
from .model import CODE_SYNTAX, INTEGER, TEXT, Catalog, Category, Code, ErrorCode, former_categories
from .paths import Urls
from .problems import Location, Problem, shown

PUBLISHED_NAME = "published-codes.txt"
_LINE = re.compile(r"(\S+) ([a-z0-9]+(?:-[a-z0-9]+)*)(?: +(# sample))?")
SAMPLE_MARK = "# sample"
_EXAMPLE = MappingProxyType({INTEGER: "40001 billing", TEXT: "card_declined billing"})
_MESSAGE_CODES = 12  # codes named one by one in a message before "..."
_ROOT = Urls()  # a reference at the site's root, with directory URLs


@dataclass(frozen=True)
class Record:
    """One line of the record: `code` was published at /`category`/#`code`."""

    code: Code
    category: str
    location: Location
    sample: bool = False  # marked `# sample`: errcat new's, never published

    @property
    def line_text(self) -> str:
        return f"{self.code} {self.category}"


def read_published(
    path: Path, display_path: str = PUBLISHED_NAME, code_type: str = INTEGER
) -> tuple[list[Record], list[Problem]]:
    """The record's lines, and a problem for each line that is not `<code> <category-id>`.

    Codes are read as the catalog's `code_type` says (an integer catalog's as numbers).
    """
    data, problems = published_bytes(path, display_path)
    if data is None:
        return [], problems
    records, more = parse_published(data, display_path, code_type)
    return records, problems + more


def published_bytes(path: Path, display_path: str = PUBLISHED_NAME) -> tuple[bytes | None, list[Problem]]:
    """The record's bytes, read as every file a pull request brings is (bounded), or None and the problem."""
    return read_bounded(
        path,
        display_path,
        missing="file not found; it lists every code the site has published, one `<code> <category-id>` a line",
        too_large="the record may have",
    )


def parse_published(
    data: bytes, display_path: str = PUBLISHED_NAME, code_type: str = INTEGER
) -> tuple[list[Record], list[Problem]]:
    """The record's lines from its bytes, as read_published reads them."""
    # A code as the record writes it: as its anchor is written.
    code_pattern, example = CODE_SYNTAX[code_type], _EXAMPLE[code_type]
    problems: list[Problem] = []
    text = data.decode("utf-8", errors="replace")
    records: list[Record] = []
    first: dict[tuple[Code, str], Location] = {}
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.rstrip()
        if not line or line.startswith("#"):
            continue
        where = Location(display_path, number)
        match = _LINE.fullmatch(line)
        if match is None or code_pattern.fullmatch(match.group(1)) is None:
            problems.append(
                Problem(where, f"expected `<code> <category-id>` (like `{example}`), found `{shown(line, 60)}`")
            )
            continue
        written = match.group(1)
        record = Record(written if code_type == TEXT else int(written), match.group(2), where, bool(match.group(3)))
        key = (record.code, record.category)
        if key in first:
            problems.append(
                Problem(where, f"`{record.line_text}` is recorded twice (first at {first[key]}); delete this line")
            )
            continue
        first[key] = where
        records.append(record)
    return records, problems


def check_published(
    catalog: Catalog, records: list[Record], display_path: str = PUBLISHED_NAME, urls: Urls = _ROOT
) -> list[Problem]:
    """What a contributor must fix so that every code keeps its links; empty when all is well.

    Deleted codes are check_deleted's. `urls` are the reference's, which the messages name.
    A sample's line counts only where the sample still is.
    """
    records = [record for record in records if not record.sample or _in_place(catalog, record)]
    by_code: dict[Code, dict[str, Record]] = {}
    for record in records:
        by_code.setdefault(record.code, {})[record.category] = record
    problems: list[Problem] = []
    renamed = _undeclared_renames(catalog, by_code, display_path, urls)
    problems += renamed.values()
    unrecorded: dict[str, list[tuple[Category, ErrorCode]]] = {}
    for category, error in catalog.codes():
        recorded = by_code.get(error.code, {})
        declared = {category.id, *former_categories(category, error)}
        undeclared = [record for name, record in recorded.items() if name not in declared and name not in renamed]
        if undeclared:
            problems.append(
                _moved_without_declaring(category, error, undeclared, category.id in recorded, display_path, urls)
            )
        elif category.id not in recorded and not (renamed and set(recorded) & set(renamed)):
            unrecorded.setdefault(category.id, []).append((category, error))
        problems += _moved_from_never_published(category, error, recorded, display_path)
    for pairs in unrecorded.values():
        problems.append(_unrecorded(pairs, display_path))
    return problems


def check_deleted(
    present: set[Code], records: list[Record], catalog: str = "catalog.yaml", urls: Urls = _ROOT
) -> list[Problem]:
    """A recorded code that is missing from the catalog, once per code at its first line.

    Needs only the codes present, so it runs even when the rest of the catalog has problems.
    `catalog` is the catalog's path and `urls` the reference's, as the messages name them.
    """
    problems, reported = [], set()
    for record in records:
        if record.sample:
            continue  # never published: it gives way
        if record.code not in present and record.code not in reported:
            reported.add(record.code)
            code, first = record.code, record
            problems.append(
                Problem(
                    first.location,
                    f"code {code} was published and is missing from {catalog}: published codes are never"
                    f" deleted, because links to {_address(urls, first.category, code)} and"
                    f" /{urls.folder}{urls.permalink(code)} must keep working;"
                    " put its entry back and mark it `status: removed`, with a `note` saying what replaced it",
                )
            )
    return problems


def check_samples_settled(catalog: Catalog, records: list[Record], catalog_path: str) -> list[Problem]:
    """For a build that publishes: a problem for each line still marked `# sample`, saying
    whether to keep the code (delete the mark) or the line is left over (delete it)."""
    problems = []
    for record in records:
        if not record.sample:
            continue
        if _in_place(catalog, record):
            message = (
                f"`{record.line_text}` is marked `{SAMPLE_MARK}`, and this build publishes code {record.code}:"
                f" delete the mark to keep the code (its line then protects it for good), or replace the sample"
                f" in {catalog_path} and delete the line"
            )
        else:
            message = f"`{record.line_text}` records a sample that {catalog_path} no longer has there: delete the line"
        problems.append(Problem(record.location, message))
    return problems


def _in_place(catalog: Catalog, record: Record) -> bool:
    """The code of `record` is in the catalog, in the category the record names."""
    found = catalog.find(record.code)
    return found is not None and found[0].id == record.category


def _undeclared_renames(
    catalog: Catalog, by_code: dict[Code, dict[str, Record]], display_path: str, urls: Urls
) -> dict[str, Problem]:
    """Gone ids whose codes all sit in one other category, named nowhere: a rename without former_ids.

    One problem per rename, which also names the record lines to add.
    """
    current = {category.id for category in catalog.categories}
    declared = set(catalog.moved_away())
    holders: dict[str, dict[str, list[ErrorCode]]] = {}  # gone id -> category now holding its codes -> codes
    for category, error in catalog.codes():
        for name in by_code.get(error.code, {}):
            if name not in current and name not in declared:
                holders.setdefault(name, {}).setdefault(category.id, []).append(error)
    found = {}
    for former, by_category in holders.items():
        if len(by_category) != 1:
            continue  # split over several categories: each code's own message says what to do
        ((holder_id, errors),) = by_category.items()
        holder = catalog.category(holder_id)
        assert holder is not None
        missing = [f"`{error.code} {holder_id}`" for error in errors if holder_id not in by_code.get(error.code, {})]
        lines = f", and add these lines to {display_path}, one a line: {', '.join(missing)}" if missing else ""
        found[former] = Problem(
            holder.location,
            f"category '{holder_id}' holds the codes published under '{former}'"
            f" ({_codes([error.code for error in errors])}), and no category is '{former}' any more: if you"
            f" renamed it, add `former_ids: [{former}]` to category '{holder_id}', so that links to"
            f" {_address(urls, former, '<code>')} keep working{lines}",
        )
    return found


def _moved_without_declaring(
    category: Category, error: ErrorCode, undeclared: list[Record], recorded_here: bool, display_path: str, urls: Urls
) -> Problem:
    names = ", ".join(record.category for record in undeclared)
    where = ", ".join(str(record.location) for record in undeclared)
    olds = " and ".join(_address(urls, record.category, error.code) for record in undeclared)
    also = "" if recorded_here else f", and add the line `{error.code} {category.id}` to {display_path}"
    return Problem(
        error.location,
        f"code {error.code} was published under '{names}' ({where}) and is now in '{category.id}': add"
        f" `moved_from: [{names}]` to its entry, so that links to {olds} keep working{also}",
    )


def _moved_from_never_published(
    category: Category, error: ErrorCode, recorded: dict[str, Record], display_path: str
) -> Iterator[Problem]:
    for former in error.moved_from:
        if former not in recorded:
            yield Problem(
                error.location,
                f"moved_from of code {error.code} names '{former}', but {display_path} has no line"
                f" `{error.code} {former}`: list only categories the code was published under",
            )


def _unrecorded(pairs: list[tuple[Category, ErrorCode]], display_path: str) -> Problem:
    category = pairs[0][0]
    if len(pairs) == 1:
        error = pairs[0][1]
        return Problem(
            error.location,
            f"code {error.code} is not in {display_path}: add the line `{error.code} {category.id}` to it"
            " (every published code is recorded there, so that it is never deleted)",
        )
    lines = ", ".join(f"`{error.code} {category.id}`" for _, error in pairs)
    return Problem(
        category.location,
        f"codes {_codes([error.code for _, error in pairs])} of category '{category.id}' are not in"
        f" {display_path}: add these lines to it, one a line: {lines}",
    )


def _address(urls: Urls, category_id: str, code: Code) -> str:
    """A code's address at a category, as a message names it: from the site's root, in the reference's folder."""
    return f"/{urls.folder}{urls.code(category_id, code)}"


def _codes(codes: list[Code]) -> str:
    shown = ", ".join(map(str, codes[:_MESSAGE_CODES]))
    return shown + (f" and {len(codes) - _MESSAGE_CODES} more" if len(codes) > _MESSAGE_CODES else "")
