"""`errcat import` of a team's own file (JSON or YAML), and the `source` it records in mkdocs.yml.

The file is read by catalog/source.py, with the catalog's rules for hostile input; this
module turns what it gives into catalog.yaml and published-codes.txt (scaffold.py writes
them, as for a table), says which fields it left out, and records in the site's errcat
entry where the source is and how its records map, so that `errcat check` and the build
compare the catalog with it from then on. It edits mkdocs.yml's text in place: nothing
else of the file changes. `errcat import --update` is in update.py.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path
from typing import Any

from ..catalog.check import CATALOG_NAME, format_problems, read_catalog_bytes
from ..catalog.problems import Problem
from ..catalog.published import PUBLISHED_NAME
from ..catalog.schema import Schema
from ..catalog.source import (
    DEFAULT_CATEGORY,
    FIELD_NAMES,
    SourceEntry,
    SourceRead,
    SourceSpec,
    SourceSpecError,
    parse_spec,
    read_source,
    source_format,
)
from .scaffold import Entry, catalog_text, holds_only_samples, slug
from .siteconfig import CONFIG_NAME, ConfigError, read_site_config


def add_source_arguments(parser: argparse.ArgumentParser) -> None:
    """`errcat import`'s options for a JSON or YAML source (the column options name its fields)."""
    parser.add_argument("--format", choices=["json", "yaml"], help="the source's format (default: by its name)")
    parser.add_argument(
        "--records",
        metavar="KEY",
        help="the member that holds the records (codes, or a dotted path such as data.errors)",
    )
    parser.add_argument(
        "--category-prefix",
        metavar="SEP",
        help="the category is the part of the category field before the first SEP (Transfer.SlowTransfer: Transfer)",
    )
    parser.add_argument(
        "--category-digits",
        metavar="N",
        type=int,
        help="the category of an integer code is its first N digits (40001 with 3: Codes 400xx)",
    )
    parser.add_argument(
        "--no-source", action="store_true", help="do not record the source in mkdocs.yml (the check will not follow it)"
    )
    parser.add_argument(
        "--update",
        action="store_true",
        help="bring the source's new codes and changed messages into the existing catalog, keeping the rest of it",
    )


def spec_of(arguments: argparse.Namespace, source: Path, root: Path) -> SourceSpec:
    """The spec the command line gives for `source`: its path relative to `root` (mkdocs.yml's
    folder), its format, and only the mapping flags given."""
    columns = tuple((name, getattr(arguments, name)) for name in FIELD_NAMES if getattr(arguments, name))
    return SourceSpec(
        Path(os.path.relpath(source.resolve(), root.resolve())).as_posix(),
        arguments.format or source_format(source.name) or "json",
        arguments.records,
        columns,
        arguments.category_prefix,
        arguments.category_digits,
        arguments.default_category or DEFAULT_CATEGORY,
    )


def entries_of(read: SourceRead) -> list[Entry]:
    """What scaffold.catalog_text writes, from a source's entries."""
    return [_entry(entry) for entry in read.entries]


def _entry(entry: SourceEntry) -> Entry:
    return Entry(entry.code, entry.message, entry.description, entry.line, entry.category, entry.http_status)


def refuse(problems: list[Problem], what: str = "source") -> int:
    print(format_problems(problems).replace("error-code catalog", what), file=sys.stderr)
    print("errcat import: nothing written", file=sys.stderr)
    return 1


def import_source(arguments: argparse.Namespace) -> int:
    """`errcat import SOURCE` of a JSON or YAML file: catalog.yaml, published-codes.txt, and the source recorded."""
    targets = [Path(CATALOG_NAME), Path(PUBLISHED_NAME)]
    samples = holds_only_samples(*targets)  # errcat new's, untouched: the source replaces them
    existing = [str(path) for path in targets if path.exists() and not samples]
    if existing and not arguments.force:
        print(
            f"errcat import: {' and '.join(existing)} exist already; pass --force to overwrite them,"
            " or --update to bring the source's new codes and messages into the catalog",
            file=sys.stderr,
        )
        return 1
    root = Path.cwd()
    spec = spec_of(arguments, arguments.table, root)
    try:
        parse_spec(spec.option())  # what the check will read back
    except SourceSpecError as error:
        flag = re.sub(
            r"'(category_digits|category_prefix|records|format)'", lambda m: "--" + m[1].replace("_", "-"), str(error)
        )
        print(f"errcat import: {flag}", file=sys.stderr)
        return 2
    read = read_source(arguments.table, spec, str(arguments.table), arguments.code_type)
    if read.problems:
        return refuse(read.problems)
    if not read.entries:
        return refuse([Problem.at(read.path, read.line, "the file has no codes")])
    default = arguments.default_category or DEFAULT_CATEGORY
    catalog, record = catalog_text(entries_of(read), arguments.title, slug(default), default)
    made, problems = read_catalog_bytes(catalog.encode("utf-8"), CATALOG_NAME, Schema())
    if made is None:  # what the source gives, the catalog cannot hold (a category id the site takes)
        return refuse(problems, "catalog made of the source")
    targets[0].write_text(catalog, encoding="utf-8")
    targets[1].write_text(record, encoding="utf-8")
    count, categories = len(read.entries), len(made.categories)
    replaced = " in place of errcat new's samples" if samples else ""
    print(
        f"wrote {CATALOG_NAME} and {PUBLISHED_NAME}{replaced}: {count} {'code' if count == 1 else 'codes'}"
        f" in {categories}"
        f" {'category' if categories == 1 else 'categories'} from {arguments.table}"
    )
    described = sum(1 for entry in read.entries if entry.description)
    if described < count:
        missing = count - described
        print(
            f"{missing} of them {'has' if missing == 1 else 'have'} no description yet:"
            " the site says so until the catalog gives one"
        )
    ignored = read.ignored_line()
    if ignored:
        print(ignored)
    if not arguments.no_source:
        print(record_source(root, spec))
    return 0


# --- the source, in mkdocs.yml -------------------------------------------------------------------


class _ByHand(Exception):
    """mkdocs.yml's text is not one this module edits safely: the message says what to add."""


def record_source(root: Path, spec: SourceSpec, catalog: str = CATALOG_NAME) -> str:
    """Record `spec` as the `source` of the errcat entry of root/mkdocs.yml whose catalog is
    `catalog`, editing only its lines; what was done, in one line (or the lines to add by hand)."""
    config = root / CONFIG_NAME
    if not config.is_file():
        return (
            f"no {CONFIG_NAME} here, so the source is not recorded: run errcat import in the site's folder"
            " for the check to follow it"
        )
    text = config.read_text(encoding="utf-8")
    try:
        index = _entry_index(root, catalog)
        new_text = with_source(text, index, spec)
    except _ByHand as by_hand:
        return f"{CONFIG_NAME}: {by_hand}; to have the check follow the source, add to its errcat entry:\n" + (
            _source_block(spec, 6).rstrip("\n")
        )
    config.write_text(new_text, encoding="utf-8")
    try:  # read back as the check will read it: if it says otherwise, the file is put back
        recorded = [instance.project.source for instance in read_site_config(root).instances]
    except ConfigError:
        recorded = []
    if spec not in recorded:
        config.write_text(text, encoding="utf-8")
        return f"{CONFIG_NAME} was left as it was (the edit did not read back); add to its errcat entry:\n" + (
            _source_block(spec, 6).rstrip("\n")
        )
    return (
        f"recorded the source in {CONFIG_NAME} (the errcat entry's `source`): errcat check and the build"
        f" now compare the catalog with {spec.path}"
    )


def _entry_index(root: Path, catalog: str) -> int:
    """Which errcat entry of the site's plugins (0 for the first) has `catalog`."""
    try:
        site = read_site_config(root)
    except ConfigError as error:
        raise _ByHand(str(error).split(": ", 1)[-1]) from None
    for index, instance in enumerate(site.instances):
        if instance.project.catalog == catalog:
            return index
    raise _ByHand(f"no errcat entry of its plugins has the catalog {catalog}")


_PLUGINS = re.compile(r"plugins\s*:\s*(#.*)?$")
_ERRCAT_ITEM = re.compile(
    r"(?P<indent>[ ]*)-[ ]+errcat[ ]*(?P<colon>:)?[ ]*(?P<rest>[^#\s][^#]*?)?[ ]*(?P<comment>#.*)?$"
)


def with_source(text: str, index: int, spec: SourceSpec) -> str:
    """mkdocs.yml's text with `spec` as the `source` option of its errcat entry number `index`
    (a `source` it has is replaced); every other line as it was."""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    start = next((number for number, line in enumerate(lines) if _PLUGINS.match(line.rstrip("\n"))), None)
    if start is None:
        raise _ByHand("its plugins are not a list on lines of their own")
    items = []
    number = start + 1
    while number < len(lines) and (not lines[number].strip() or lines[number][0] in " \t#-"):
        match = _ERRCAT_ITEM.fullmatch(lines[number].rstrip("\n"))
        if match:
            items.append((number, match))
        number += 1
    if index >= len(items):
        raise _ByHand("its errcat entry is not written as `- errcat` or `- errcat:` with options under it")
    line, match = items[index]
    if match.group("rest"):
        raise _ByHand("its errcat entry's options are written on one line")
    dash = len(match.group("indent"))
    comment = f"  {match.group('comment')}" if match.group("comment") else ""
    options = line + 1
    end = options
    option_indent = None
    while end < len(lines):
        current = lines[end]
        stripped = current.lstrip(" ")
        if stripped.strip() and not stripped.startswith("#"):
            indent = len(current) - len(stripped)
            if indent <= dash:
                break
            option_indent = indent if option_indent is None else option_indent
        end += 1
    while end > options and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1  # blank lines and comments after the options belong to what follows
    if option_indent is None:  # `- errcat` or `- errcat:` alone
        head = f"{' ' * dash}- errcat:{comment}\n"
        return "".join([*lines[:line], head, _source_block(spec, dash + 4), *lines[options:]])
    if match.group("colon") is None:
        raise _ByHand("its errcat entry has lines under it but no ':'")
    block = _source_block(spec, option_indent)
    # A `source:` the entry has already: replaced, with the lines under it.
    for number in range(options, end):
        current = lines[number]
        if len(current) - len(current.lstrip(" ")) == option_indent and re.match(r"source\s*:", current.lstrip(" ")):
            after = number + 1
            while after < end and (
                not lines[after].strip() or len(lines[after]) - len(lines[after].lstrip(" ")) > option_indent
            ):
                after += 1
            return "".join([*lines[:number], block, *lines[after:]])
    return "".join([*lines[:end], block, *lines[end:]])


def _source_block(spec: SourceSpec, indent: int) -> str:
    pad, inner = " " * indent, " " * (indent + 2)
    lines = [f"{pad}source:\n"]
    for key, value in spec.option().items():
        lines.append(f"{inner}{key}: {_yaml_value(value)}\n")
    return "".join(lines)


def _yaml_value(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {_yaml_value(item)}" for key, item in value.items()) + "}"
    if isinstance(value, str) and value in ("json", "yaml"):
        return value
    # A JSON string is a YAML double-quoted scalar: the text exactly, whatever it holds.
    return json.dumps(value, ensure_ascii=False)
