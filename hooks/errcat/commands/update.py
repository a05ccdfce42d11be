"""`errcat import --update`: bring a source's new codes and changed messages into the catalog.

The catalog is the docs team's text: its comments, order, descriptions, categories and
history stay. So it is edited in place, never written anew: a changed message is
replaced where it stands (the value only), a new code is added after the last code of
its category, or in a new category after the last. The positions come from YAML's own
marks, read from a catalog that has passed every check (so it holds no alias and no
tag). A code the source lost is only reported: marking it deprecated is a decision.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..catalog.check import check_project, format_problems, read_catalog_bytes
from ..catalog.drift import RETIRED
from ..catalog.model import Catalog, Code
from ..catalog.schema import Schema
from ..catalog.source import SourceEntry, SourceSpec, category_id, read_source
from .siteconfig import ConfigError, Instance, read_site_config
from .sources import record_source, spec_of

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


def update(arguments: argparse.Namespace) -> int:
    """Run `errcat import [SOURCE] --update` in a site's folder; the exit status."""
    try:
        docs_dir, instance, spec, recorded = _followed(arguments)
    except _Refused as refused:
        print(f"errcat import --update: {refused}", file=sys.stderr)
        return 1
    project = dataclasses.replace(instance.project, source=None)  # checked here without the source: it is what changes
    catalog, problems = check_project(project, docs_dir, Schema(instance.schema_path))
    if catalog is None:
        print(format_problems(problems), file=sys.stderr)
        print("errcat import --update: the catalog has problems; fix them first (nothing written)", file=sys.stderr)
        return 1
    read = read_source(project.root / spec.path, spec, spec.path, catalog.code_type)
    if read.problems:
        print(format_problems(read.problems).replace("error-code catalog", "source"), file=sys.stderr)
        print("errcat import --update: nothing written", file=sys.stderr)
        return 1
    text = project.catalog_path.read_text(encoding="utf-8")
    changes = plan(catalog, read.entries)
    new_text = edited(text, changes)
    made, problems = read_catalog_bytes(new_text.encode("utf-8"), project.catalog, Schema(instance.schema_path))
    if made is None:  # what the source brings, the catalog cannot hold
        print(format_problems(problems), file=sys.stderr)
        print("errcat import --update: nothing written", file=sys.stderr)
        return 1
    if changes.messages or changes.added:
        project.catalog_path.write_text(new_text, encoding="utf-8")
        published = project.published_path.read_text(encoding="utf-8")
        lines = "".join(f"{entry.code} {category_id(entry.category)}\n" for entry in changes.added)
        separator = "\n" if published and not published.endswith("\n") else ""
        project.published_path.write_text(published + separator + lines, encoding="utf-8")
    print(summary(changes, project.catalog, spec.path))
    for code in changes.lost:
        print(
            f"  code {code} is not in {spec.path} any more: if the API no longer returns it, mark it"
            " `status: deprecated` (later `removed`) with a `note`"
        )
    if not recorded and not arguments.no_source:
        print(record_source(project.root, spec, project.catalog))
    return 0


class _Refused(Exception):
    """The update cannot start; the message says why and what to do."""


def _followed(arguments: argparse.Namespace) -> tuple[Path, Instance, SourceSpec, bool]:
    """The site's docs, the errcat entry to update, the source it follows, and whether mkdocs.yml records it."""
    try:
        site = read_site_config(Path.cwd())
    except ConfigError as error:
        raise _Refused(str(error)) from None
    given = arguments.table.resolve() if arguments.table else None
    following = [
        instance
        for instance in site.instances
        if instance.project.source is not None
        and (given is None or (instance.project.root / instance.project.source.path).resolve() == given)
    ]
    if len(following) == 1:
        spec = following[0].project.source
        assert spec is not None
        return site.docs_dir, following[0], spec, True
    if len(following) > 1:
        names = ", ".join(str(instance.project.source.path) for instance in following if instance.project.source)
        raise _Refused(f"mkdocs.yml follows several sources ({names}): name the one to update")
    if arguments.table is None:
        raise _Refused("mkdocs.yml records no source: give the file, errcat import SOURCE --update")
    instance = site.instances[0]
    return site.docs_dir, instance, spec_of(arguments, arguments.table, instance.project.root), False


@dataclass
class Changes:
    """What the source brings: messages to replace, codes to add (in source order), codes it lost."""

    messages: dict[str, str] = field(default_factory=dict)  # the code as written -> its new message
    added: list[SourceEntry] = field(default_factory=list)
    lost: list[Code] = field(default_factory=list)


def plan(catalog: Catalog, entries: list[SourceEntry]) -> Changes:
    changes = Changes()
    in_source = set()
    for entry in entries:
        in_source.add(entry.code)
        found = catalog.find(entry.code)
        if found is None:
            changes.added.append(entry)
        elif found[1].message != entry.message:
            changes.messages[str(entry.code)] = entry.message
    changes.lost = [
        error.code for _, error in catalog.codes() if error.code not in in_source and error.status not in RETIRED
    ]
    return changes


def summary(changes: Changes, catalog: str, source: str) -> str:
    if not changes.messages and not changes.added:
        return f"{catalog} has every code and message of {source}: nothing to update"
    parts = []
    if changes.messages:
        codes = ", ".join(str(code) for code in changes.messages)
        count = len(changes.messages)
        parts.append(f"{count} message{'' if count == 1 else 's'} changed ({codes})")
    if changes.added:
        codes = ", ".join(f"{entry.code} in {category_id(entry.category)}" for entry in changes.added)
        parts.append(f"{len(changes.added)} {'code' if len(changes.added) == 1 else 'codes'} added ({codes})")
    return f"updated {catalog} from {source}: {'; '.join(parts)}; descriptions, categories and comments kept"


# --- editing catalog.yaml's text -------------------------------------------------------------------


def edited(text: str, changes: Changes) -> str:
    """The catalog's text with `changes` made in place; every other character as it was."""
    if not changes.messages and not changes.added:
        return text
    root = yaml.compose(text, Loader=_Loader)  # a checked catalog: no alias, no tag, bounded
    offsets = _Offsets(text)
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement), applied from the end
    categories = _value(root, "categories")
    assert isinstance(categories, yaml.SequenceNode)
    by_id: dict[str, yaml.MappingNode] = {}
    for category in categories.value:
        by_id[_scalar(category, "id")] = category
        codes = _value(category, "codes")
        assert isinstance(codes, yaml.SequenceNode)
        for entry in codes.value:
            message = _value(entry, "message")
            new = changes.messages.get(_scalar(entry, "code"))  # by the code as written: 40001, 0A000
            if new is not None and isinstance(message, yaml.ScalarNode):
                start, end = offsets.at(message.start_mark), offsets.at(message.end_mark)
                old = text[start:end]
                edits.append((start, end, json.dumps(new, ensure_ascii=False) + old[len(old.rstrip("\n")) :]))
    groups: dict[str, list[SourceEntry]] = {}
    for entry in changes.added:
        groups.setdefault(category_id(entry.category), []).append(entry)
    new_categories = []
    for group, entries in groups.items():
        if group in by_id:
            codes = _value(by_id[group], "codes")
            assert isinstance(codes, yaml.SequenceNode)
            last = codes.value[-1]
            dash, key = _columns(text, offsets, last)
            edits.append((_after(text, offsets, last),) * 2 + ("".join(_code_lines(e, dash, key) for e in entries),))
        else:
            new_categories.append((group, entries))
    if new_categories:
        last_category = categories.value[-1]
        dash, key = _columns(text, offsets, last_category)
        codes = _value(last_category, "codes")
        assert isinstance(codes, yaml.SequenceNode)
        code_dash, code_key = _columns(text, offsets, codes.value[-1])
        lines = []
        for group, entries in new_categories:
            lines.append(f"{' ' * dash}- id: {group}\n{' ' * key}title: {_quoted(entries[0].category)}\n")
            lines.append(f"{' ' * key}codes:\n")
            lines += [_code_lines(entry, code_dash, code_key) for entry in entries]
        at = _after(text, offsets, last_category)
        edits.append((at, at, "".join(lines)))
    for start, end, replacement in sorted(edits, key=lambda edit: (edit[0], edit[1]), reverse=True):
        if start == len(text) and text and not text.endswith("\n"):
            replacement = "\n" + replacement
        text = text[:start] + replacement + text[end:]
    return text


class _Offsets:
    """Character offsets of YAML marks, by their line and column."""

    def __init__(self, text: str) -> None:
        self.starts = [0]
        for number, character in enumerate(text):
            if character == "\n":
                self.starts.append(number + 1)

    def at(self, mark: yaml.Mark) -> int:
        return self.starts[mark.line] + mark.column if mark.line < len(self.starts) else self.starts[-1]


def _value(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value in node.value:
            if key_node.value == key:
                found: yaml.Node = value
                return found
    return None


def _scalar(node: yaml.Node, key: str) -> str:
    value = _value(node, key)
    return str(value.value) if isinstance(value, yaml.ScalarNode) else ""


def _last_node(node: yaml.Node) -> yaml.Node:
    """The node written last inside `node`: where its text ends."""
    while True:
        if isinstance(node, yaml.MappingNode) and node.value and not node.flow_style:
            node = node.value[-1][1]
        elif isinstance(node, yaml.SequenceNode) and node.value and not node.flow_style:
            node = node.value[-1]
        else:
            return node


def _after(text: str, offsets: _Offsets, node: yaml.Node) -> int:
    """The offset of the line after the one `node`'s text ends on (trailing blank lines not counted)."""
    end = offsets.at(_last_node(node).end_mark)
    if end > 0 and text[end - 1] == "\n":
        end = len(text[:end].rstrip("\n"))
    newline = text.find("\n", end)
    return len(text) if newline < 0 else newline + 1


def _columns(text: str, offsets: _Offsets, item: yaml.Node) -> tuple[int, int]:
    """The column of a list item's '-' and of its keys."""
    start = offsets.at(item.start_mark)
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start].rstrip()
    dash = len(before) - 1 if before.endswith("-") else max(item.start_mark.column - 2, 0)
    key = item.start_mark.column if not getattr(item, "flow_style", False) else dash + 2
    return dash, key


def _code_lines(entry: SourceEntry, dash: int, key: int) -> str:
    code = _quoted(entry.code) if isinstance(entry.code, str) else str(entry.code)
    lines = [f"{' ' * dash}- code: {code}\n", f"{' ' * key}message: {_quoted(entry.message)}\n"]
    if entry.description:
        lines.append(f"{' ' * key}description: {_quoted(entry.description)}\n")
    if entry.http_status is not None:
        lines.append(f"{' ' * key}http_status: {entry.http_status}\n")
    return "".join(lines)


def _quoted(text: str) -> str:
    # A JSON string is a YAML double-quoted scalar: the text exactly, whatever it holds.
    return json.dumps(text, ensure_ascii=False)
