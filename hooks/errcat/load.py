"""Read catalog.yaml into plain data that remembers the line of every key and value."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .model import Location, Problem

try:  # libyaml is about ten times faster; the pure-Python composer gives the same nodes.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

JsonPath = tuple[Any, ...]
_STR = "tag:yaml.org,2002:str"


@dataclass
class Document:
    """The parsed catalog: `data` as PyYAML would build it, plus where each part was written.

    Paths are tuples of keys and list indexes, the same as jsonschema's `absolute_path`:
    `("categories", 0, "codes", 3, "message")`.
    """

    path: str
    data: Any
    value_lines: dict[JsonPath, int] = field(default_factory=dict)
    key_lines: dict[JsonPath, int] = field(default_factory=dict)
    # The source text of scalars that YAML read as something other than text, so that
    # a message can say "NO is read as a boolean" rather than "false".
    written: dict[JsonPath, str] = field(default_factory=dict)
    has_decimal: bool = False  # a float anywhere: never right in a catalog

    def location(self, path: JsonPath, *, key: bool = False) -> Location:
        """Where the value at `path` (or, with key=True, its key) was written.

        Falls back to the nearest enclosing value that has a line.
        """
        path = tuple(path)
        if key and path in self.key_lines:
            return Location(self.path, self.key_lines[path])
        while path not in self.value_lines and path:
            path = path[:-1]
        return Location(self.path, self.value_lines.get(path, 1))


def load_document(text: str, path: str = "catalog.yaml") -> tuple[Document | None, list[Problem]]:
    """Parse YAML text. Returns the document, or None and the problems that stopped parsing.

    Duplicate keys are problems here (PyYAML would silently keep the last one), but they
    do not stop loading: the first value is kept so that later checks still run.
    """
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        column = f" (column {mark.column + 1})" if mark else ""
        what = error.problem or error.context or "invalid YAML"
        hint = "; put a value that contains ': ' in double quotes" if "mapping values are not allowed" in what else ""
        return None, [Problem(Location(path, line), f"YAML syntax error: {what}{column}{hint}")]
    except yaml.YAMLError as error:  # e.g. a reader error on a control character
        return None, [Problem(Location(path, 1), f"YAML error: {error}")]
    if node is None:
        return None, [
            Problem(Location(path, 1), "the catalog is empty; expected a mapping with a 'categories' list")
        ]
    document = Document(path, None)
    problems: list[Problem] = []
    document.data = _Builder(document, problems).build(node, ())
    if not isinstance(document.data, dict):
        problems.append(
            Problem(
                document.location(()),
                f"expected a mapping with a 'categories' list at the top level, found {describe_type(document.data)}",
            )
        )
        return None, problems
    return document, problems


def load_file(path: Path, display_path: str | None = None) -> tuple[Document | None, list[Problem]]:
    shown = display_path or path.name
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [Problem(Location(shown, 1), "file not found; the catalog must live at the repository root")]
    except UnicodeDecodeError as error:
        return None, [Problem(Location(shown, 1), f"not valid UTF-8 ({error.reason} at byte {error.start})")]
    return load_document(text, shown)


def describe_type(value: Any, written: str | None = None) -> str:
    """Name a YAML value's type the way a contributor thinks of it."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        shown = str(value).lower()
        return f"a boolean ({written} is read as {shown})" if written and written != shown else f"a boolean ({shown})"
    if isinstance(value, int):
        return f"an integer ({value})"
    if isinstance(value, float):
        return f"a decimal number ({value})"
    if isinstance(value, str):
        return f'a string ("{value}")' if len(value) <= 40 else "a string"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"a {type(value).__name__}"


class _Builder:
    """Turns composed YAML nodes into Python values, recording lines on the way."""

    def __init__(self, document: Document, problems: list[Problem]) -> None:
        self.document = document
        self.problems = problems
        self.constructor = yaml.SafeLoader("")  # only its scalar constructors are used

    def build(self, node: yaml.Node, path: JsonPath) -> Any:
        self.document.value_lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (index,)) for index, item in enumerate(node.value)]
        if node.tag == _STR:  # most scalars: no constructor needed
            return node.value
        value = self.constructor.construct_object(node)
        if not isinstance(value, str):
            self.document.written[path] = node.value
            self.document.has_decimal = self.document.has_decimal or isinstance(value, float)
        return value

    def _mapping(self, node: yaml.MappingNode, path: JsonPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(Problem(Location(self.document.path, line), "a key must be a plain word, not a list or mapping"))
                continue
            key = key_node.value if key_node.tag == _STR else str(self.constructor.construct_object(key_node))
            child = path + (key,)
            if key in result:
                first = Location(self.document.path, self.document.key_lines[child])
                self.problems.append(
                    Problem(
                        Location(self.document.path, line),
                        f"duplicate key '{key}' (first at {first}); each key may appear once in a mapping",
                    )
                )
                continue
            self.document.key_lines[child] = line
            result[key] = self.build(value_node, child)
        return result
