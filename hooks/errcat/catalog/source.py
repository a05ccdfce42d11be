"""Read the file a team's own code reads (an SDK's errors.json, a YAML list of codes) as catalog entries.

A source is JSON or YAML: a list of records, a mapping from code to a message or to a
record, or (YAML) a stream of documents, one record each. A record's fields are found by
name, as a table's columns are (`FIELD_NAMES`, or the names a `SourceSpec` gives), and
categories by a rule. The file is read with the catalog's own rules for hostile input
(bounded size, no aliases or tags, every problem on its line). `errcat import` reads it
once; a site's errcat entry keeps how (its `source` option), so that the check can read
it again and compare (drift.py). No engine, no rendering.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, cast

from .jsonload import load_json
from .load import Document, JsonPath, decode, load_stream, read_bounded
from .model import CODE_SYNTAX, INTEGER, TEXT, Code
from .problems import Location, Problem, describe_type, shown

# Field names, compared without case, spaces, '_' and '-': the first field (or a table's
# column) whose name is one of these is that catalog field's.
FIELD_NAMES = MappingProxyType(
    {
        "code": ("code", "errorcode", "errorid", "id", "sqlstate"),
        "message": ("message", "errormessage", "msg", "name", "conditionname"),
        "description": ("description", "meaning", "details", "explanation", "desc"),
        "category": ("category", "group", "class", "section"),
        "http_status": ("httpstatus", "http", "httpcode", "statuscode", "httpstatuscode"),
    }
)
FORMATS = MappingProxyType({".json": "json", ".yaml": "yaml", ".yml": "yaml"})
DEFAULT_CATEGORY = "Errors"
_SLUG_RUN = re.compile(r"[^a-z0-9]+")
_SPEC_KEYS = ("path", "format", "records", "columns", "category_prefix", "category_digits", "default_category")
_LISTED = 12  # field names listed in a message, at most


class SourceSpecError(ValueError):
    """A `source` option that cannot be read; the message says which part and what it takes."""


@dataclass(frozen=True)
class SourceSpec:
    """What a site's errcat entry records of its source: where it is and how its records map.

    Written by `errcat import` into the entry's `source` option; `columns` holds only the
    fields it was told by name (the others are found by FIELD_NAMES, as at the import).
    """

    path: str  # relative to mkdocs.yml
    format: str  # json or yaml
    records: str | None = None  # the member that holds the records; a dotted path for a deeper one
    columns: tuple[tuple[str, str], ...] = ()  # (catalog field, the source's field name)
    category_prefix: str | None = None  # the category is the part of its field before this
    category_digits: int | None = None  # the category is the first this many digits of an integer code
    default_category: str = DEFAULT_CATEGORY  # the category of codes the rules give none

    def option(self) -> dict[str, Any]:
        """The `source` option that records this spec, in the order `errcat import` writes it."""
        value: dict[str, Any] = {"path": self.path, "format": self.format}
        if self.records:
            value["records"] = self.records
        if self.columns:
            value["columns"] = dict(self.columns)
        if self.category_prefix is not None:
            value["category_prefix"] = self.category_prefix
        if self.category_digits is not None:
            value["category_digits"] = self.category_digits
        if self.default_category != DEFAULT_CATEGORY:
            value["default_category"] = self.default_category
        return value

    def column(self, catalog_field: str) -> str | None:
        """The source's field that the import was told holds `catalog_field`, if it was."""
        return dict(self.columns).get(catalog_field)


def source_format(path: str) -> str | None:
    """json or yaml, by the file's name; None for any other."""
    return FORMATS.get(Path(path).suffix.lower())


def parse_spec(value: Any) -> SourceSpec:
    """A `source` option's value, checked; SourceSpecError names what is wrong."""
    if not isinstance(value, dict):
        raise SourceSpecError(f"must be a mapping (path, format, records, columns, ...), found {describe_type(value)}")
    unknown = [str(key) for key in value if key not in _SPEC_KEYS]
    if unknown:
        raise SourceSpecError(f"has no setting {', '.join(map(repr, unknown))} (it takes: {', '.join(_SPEC_KEYS)})")
    path = value.get("path")
    if not isinstance(path, str) or not path.strip():
        raise SourceSpecError("needs 'path', the file relative to mkdocs.yml")
    kind = value.get("format", source_format(path))
    if kind not in ("json", "yaml"):
        found = (
            f"'{shown(str(kind))}'" if kind is not None else f"nothing, and '{shown(path)}' is not named .json or .yaml"
        )
        raise SourceSpecError(f"'format' must be json or yaml, found {found}")
    texts = {name: value.get(name) for name in ("records", "category_prefix", "default_category")}
    for name, text in texts.items():
        if text is not None and (not isinstance(text, str) or not text):
            raise SourceSpecError(f"'{name}' must be a text, found {describe_type(text)}")
    columns = value.get("columns") or {}
    if not isinstance(columns, dict) or not all(
        key in FIELD_NAMES and isinstance(name, str) and name for key, name in columns.items()
    ):
        raise SourceSpecError(
            f"'columns' must map catalog fields ({', '.join(FIELD_NAMES)}) to the names of the source's fields"
        )
    digits = value.get("category_digits")
    if digits is not None and (not isinstance(digits, int) or isinstance(digits, bool) or not 1 <= digits <= 18):
        raise SourceSpecError(f"'category_digits' must be a number of digits, 1 to 18, found {describe_type(digits)}")
    if digits is not None and texts["category_prefix"] is not None:
        raise SourceSpecError("'category_digits' and 'category_prefix' are two rules for one category: choose one")
    return SourceSpec(
        path,
        kind,
        texts["records"],
        tuple((str(key), str(name)) for key, name in columns.items()),
        texts["category_prefix"],
        digits,
        texts["default_category"] or DEFAULT_CATEGORY,
    )


def category_id(title: str) -> str:
    """A category id made of a title: `Billing & payments` -> `billing-payments`."""
    return _SLUG_RUN.sub("-", title.casefold()).strip("-")[:64].strip("-") or "errors"


@dataclass(frozen=True)
class SourceEntry:
    """One code of a source, as a catalog entry has it, with where the source writes it."""

    code: Code
    message: str
    description: str | None
    category: str  # the category's title, by the spec's rule
    http_status: int | None
    line: int  # the record's
    message_line: int


@dataclass
class SourceRead:
    """What a source gave: its entries in file order, every problem, the fields it left out."""

    path: str
    entries: list[SourceEntry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    ignored: dict[str, int] = field(default_factory=dict)  # a field no catalog field takes -> records with it
    code_type: str = INTEGER
    line: int = 1  # where the records are: the member or the file

    def ignored_line(self) -> str | None:
        """One line naming the fields left out, with how many records had each; None if none were."""
        if not self.ignored:
            return None
        fields = ", ".join(
            f"{shown(name)} ({count} {'record' if count == 1 else 'records'})" for name, count in self.ignored.items()
        )
        return f"{self.path}: fields the catalog has no place for, left out: {fields}"


def read_source(path: Path, spec: SourceSpec, display: str | None = None, code_type: str | None = None) -> SourceRead:
    """The entries of the source at `path`, read as `spec` says; every problem on its line.

    `code_type` is the catalog's kind of code (the check knows it); when not given (an
    import), integer if every code is written as one.
    """
    shown_path = display or spec.path
    read = SourceRead(shown_path)
    data, problems = read_bounded(
        path,
        shown_path,
        missing="file not found",
        too_large="errcat reads (MAX_BYTES in hooks/errcat/catalog/load.py)",
    )
    read.problems += problems
    if data is None:
        return read
    text, problems = decode(data, shown_path)
    read.problems += problems
    document, problems = load_json(text, shown_path) if spec.format == "json" else load_stream(text, shown_path)
    read.problems += problems
    if document is None:
        return read
    # On, past what the loader refused (its values are left out): every problem at once.
    _Entries(document, spec, read, code_type).run()
    read.problems.sort(key=lambda problem: problem.location.line)
    return read


@dataclass
class _Record:
    path: JsonPath
    line: int
    key: str | None  # a mapping's member: its key is the code
    value: Any  # a mapping of fields, or a message


class _Entries:
    """The records of a document, and the entries made of them."""

    def __init__(self, document: Document, spec: SourceSpec, read: SourceRead, code_type: str | None) -> None:
        self.document = document
        self.spec = spec
        self.read = read
        self.code_type = code_type

    def problem(self, line: int, message: str) -> None:
        self.read.problems.append(Problem(Location(self.read.path, line), message))

    def run(self) -> None:
        found = self.records()
        if found is None:
            return
        records, root = found
        fields = self.fields(records, root)
        if fields is None:
            return
        codes = [self.code(record, fields) for record in records]
        kind = self.code_type or (
            INTEGER if codes and all(_integer_text(code) is not None for code, _ in codes if code is not None) else TEXT
        )
        self.read.code_type = kind
        if self.spec.category_digits is not None and kind != INTEGER:
            self.problem(self.read.line, "category_digits groups integer codes, and these codes are text")
            return
        first: dict[str, int] = {}
        for record, (code, line) in zip(records, codes, strict=True):
            if code is not None:
                self.entry(record, code, line, kind, fields, first)
        used = {name for name in fields.values() if name is not None}
        for record in records:
            if isinstance(record.value, dict):
                for name in record.value:
                    if name not in used:
                        self.read.ignored[name] = self.read.ignored.get(name, 0) + 1

    # --- where the records are ----------------------------------------------------------------

    def records(self) -> tuple[list[_Record], JsonPath] | None:
        """The records, and the path of what holds them; None (and the problem) if there are none."""
        document, spec = self.document, self.spec
        data, root = document.data, cast(JsonPath, ())
        if spec.format == "yaml":  # a stream: a list of its documents
            documents = [item for item in data if item is not None]
            if len(documents) > 1:
                if spec.records:
                    self.problem(1, f"the file is {len(documents)} YAML documents, one record each: drop --records")
                    return None
                lines = document.item_lines.get((), [])
                self.read.line = next(line for line, item in zip(lines, data, strict=False) if item is not None)
                records = []
                for index, item in enumerate(data):
                    line = lines[index] if index < len(lines) else self.read.line
                    if isinstance(item, dict):
                        records.append(_Record((index,), line, None, item))
                    elif item is not None:
                        self.problem(
                            line, f"document {index + 1} is {describe_type(item)}, not a record (a mapping of fields)"
                        )
                return records, root
            if not documents:
                self.problem(1, "the file has no records")
                return None
            root = (next(index for index, item in enumerate(data) if item is not None),)
            data = documents[0]
            if not spec.records and self.one_record(data):
                return [_Record(root, document.location(root).line, None, data)], root
        if spec.records:
            for part in spec.records.split("."):
                if not isinstance(data, dict) or part not in data:
                    members = ", ".join(map(shown, list(data)[:_LISTED])) if isinstance(data, dict) else ""
                    has = f" (it has {members})" if members else f" ({describe_type(data)} is here)"
                    self.problem(
                        document.location(root).line, f"no member '{shown(part)}' for --records {spec.records}{has}"
                    )
                    return None
                data, root = data[part], root + (part,)
        elif isinstance(data, dict):
            nested = [key for key, value in data.items() if _holds_records(value)]
            if nested:
                where = document.location(root + (nested[0],), key=True).line
                self.problem(
                    where,
                    f"the codes seem to be in the member '{shown(nested[0])}': name it with --records {nested[0]}",
                )
                return None
        self.read.line = document.location(root).line
        if isinstance(data, list):
            lines = document.item_lines.get(root, [])
            records = []
            for index, item in enumerate(data):
                line = lines[index] if index < len(lines) else self.read.line
                if isinstance(item, dict):
                    records.append(_Record(root + (index,), line, None, item))
                else:
                    self.problem(line, f"item {index + 1} is {describe_type(item)}, not a record (a mapping of fields)")
            return records, root
        if isinstance(data, dict):
            return [
                _Record(root + (key,), document.location(root + (key,), key=True).line, key, value)
                for key, value in data.items()
            ], root
        self.problem(
            self.read.line, f"expected a list of records or a mapping from code to record, found {describe_type(data)}"
        )
        return None

    def one_record(self, data: Any) -> bool:
        """A document that is one record (a stream of one), not a mapping from codes: its values
        are plain, and one of its keys is the code field's."""
        if not isinstance(data, dict) or any(isinstance(value, (dict, list)) for value in data.values()):
            return False
        named = self.spec.column("code")
        names = {field_key(named)} if named else set(FIELD_NAMES["code"])
        return any(field_key(str(key)) in names for key in data)

    # --- which field is which -----------------------------------------------------------------

    def fields(self, records: list[_Record], root: JsonPath) -> dict[str, str | None] | None:
        """Each catalog field's field name in the records (None where they have none)."""
        names: dict[str, None] = {}
        for record in records:
            if isinstance(record.value, dict):
                names.update(dict.fromkeys(str(name) for name in record.value))
        normal = {field_key(name): name for name in reversed(names)}  # the first of equal names wins
        keyed = all(record.key is not None for record in records)
        only_messages = keyed and not any(isinstance(record.value, dict) for record in records)
        found: dict[str, str | None] = {}
        problems = False
        for catalog_field, aliases in FIELD_NAMES.items():
            if catalog_field == "code" and keyed:
                found["code"] = None  # the members' keys are the codes
                continue
            named = self.spec.column(catalog_field)
            taken = {name for other, name in found.items() if name is not None and other != "category"}
            if named is not None:
                match = normal.get(field_key(named))
                if match is None and not only_messages:
                    self.problem(self.read.line, f"no field '{shown(named)}' in the records ({self.listed(names)})")
                    problems = True
                found[catalog_field] = match
                continue
            match = next((normal[alias] for alias in aliases if alias in normal), None)
            found[catalog_field] = match if match not in taken else None
        for required in ("message",) if keyed else ("code", "message"):
            if found[required] is None and not problems and not only_messages:
                option = f"--{required}-column FIELD"
                self.problem(
                    self.read.line,
                    f"no field for the {required} among the fields of the records ({self.listed(names)}):"
                    f" name it with {option}",
                )
                problems = True
        if (self.spec.category_prefix is not None) and found.get("category") is None and not problems:
            self.problem(
                self.read.line,
                "category_prefix takes the part of the category field before it: name that field with"
                " --category-column FIELD",
            )
            problems = True
        return None if problems else found

    def listed(self, names: dict[str, None]) -> str:
        if not names:
            return "they have none"
        shown_names = ", ".join(f"'{shown(name)}'" for name in list(names)[:_LISTED])
        return f"their fields: {shown_names}{', ...' if len(names) > _LISTED else ''}"

    # --- one record ---------------------------------------------------------------------------

    def code(self, record: _Record, fields: dict[str, str | None]) -> tuple[str | None, int]:
        """The code of a record as written (None, and the problem, if it has none), and its line."""
        if record.key is not None:
            return record.key, record.line
        name = fields["code"]
        assert name is not None and isinstance(record.value, dict)
        line = self.field_line(record, name)
        value = record.value.get(name)
        if self.document.was_reported(record.path + (name,)):
            return None, line  # refused by the loader, and said
        if value is None:
            self.problem(record.line, f"the record has no '{shown(name)}', the field of its code")
            return None, line
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            written = self.document.written.get(record.path + (name,))
            self.problem(line, f"the code is {describe_type(value, written)}: a code is an integer or a text")
            return None, line
        return str(value), line

    def entry(
        self, record: _Record, code: str, line: int, kind: str, fields: dict[str, str | None], first: dict[str, int]
    ) -> None:
        value: Code
        if kind == INTEGER:
            number = _integer_text(code)
            if number is None:
                self.problem(line, f"the code '{shown(code)}' is not an integer code (an integer written in decimal)")
                return
            value = number
        else:
            if not CODE_SYNTAX[TEXT].fullmatch(code):
                self.problem(
                    line,
                    f"the code '{shown(code)}' is not a text code"
                    " (letters, digits, '_', '-' and '.', starting with a letter or digit, at most 64)",
                )
                return
            value = code
        folded = code.casefold()
        if folded in first:
            self.problem(line, f"the code {shown(code)} is in the file already, at line {first[folded]}")
            return
        first[folded] = line
        message, message_line = self.text_field(record, fields.get("message"), code, "message")
        if message is None:
            if message_line < 0:
                return  # said already
            if record.key is not None and not isinstance(record.value, dict):
                self.problem(record.line, f"the code {code} is {describe_type(record.value)}: expected its message")
            else:
                self.problem(message_line, f"the code {code} has no message")
            return
        description, _ = self.text_field(record, fields.get("description"), code, "description")
        http_ok, http_status = self.http_status(record, fields.get("http_status"), code)
        category = self.category(record, fields.get("category"), value)
        if category is None or not http_ok:
            return
        self.read.entries.append(
            SourceEntry(
                value,
                message,
                description,
                category,
                http_status,
                record.line,
                message_line,
            )
        )

    def field_line(self, record: _Record, name: str) -> int:
        return self.document.key_lines.get(record.path + (name,), record.line)

    def text_field(self, record: _Record, name: str | None, code: str, what: str) -> tuple[str | None, int]:
        """A text field's value (None where there is none, or it is empty) and its line; a line
        of -1 where the value is not text, and that is said (or the loader said what it is)."""
        if not isinstance(record.value, dict):
            return (record.value if what == "message" and isinstance(record.value, str) else None), record.line
        if name is None:
            return None, record.line
        line = self.field_line(record, name)
        value = record.value.get(name)
        if self.document.was_reported(record.path + (name,)):
            return None, -1
        if value is None or value == "":
            return None, line
        if not isinstance(value, str):
            written = self.document.written.get(record.path + (name,))
            self.problem(line, f"the {what} of {code} is {describe_type(value, written)}: write it as text")
            return None, -1
        if not value.strip():
            return None, line
        return value, line

    def http_status(self, record: _Record, name: str | None, code: str) -> tuple[bool, int | None]:
        """Whether the HTTP status can be read (if not, the problem is said), and it (None where there is none)."""
        if name is None or not isinstance(record.value, dict) or record.value.get(name) in (None, ""):
            return True, None
        value = record.value[name]
        text = str(value) if not isinstance(value, bool) else ""
        if text.isdigit() and 100 <= int(text) <= 599:
            return True, int(text)
        self.problem(
            self.field_line(record, name), f"the HTTP status '{shown(str(value))}' of {code} is not 100 to 599"
        )
        return False, None

    def category(self, record: _Record, name: str | None, code: Code) -> str | None:
        """The category's title by the spec's rule; None, and the problem, where the rule cannot say."""
        spec = self.spec
        if spec.category_digits is not None:
            return _digits_title(str(code), spec.category_digits)
        if name is None or not isinstance(record.value, dict) or record.value.get(name) in (None, ""):
            return spec.default_category
        value = record.value[name]
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            self.problem(
                self.field_line(record, name), f"the category of {code} is {describe_type(value)}: write it as text"
            )
            return None
        title = str(value).strip()
        if spec.category_prefix is not None:
            title = title.split(spec.category_prefix, 1)[0].strip()
        return title or spec.default_category


def _holds_records(value: Any) -> bool:
    """Whether a member's value looks like the records themselves: records of records."""
    items = list(value.values()) if isinstance(value, dict) else value if isinstance(value, list) else []
    return bool(items) and all(isinstance(item, dict) for item in items)


def _integer_text(code: str) -> int | None:
    return int(code) if CODE_SYNTAX[INTEGER].fullmatch(code) else None


def _digits_title(code: str, digits: int) -> str:
    """`Codes 400xx` for 40001 by its first 3 digits; the code's sign is kept."""
    sign, number = ("-", code[1:]) if code.startswith("-") else ("", code)
    if len(number) <= digits:
        return f"Codes {sign}{number}"
    return f"Codes {sign}{number[:digits]}{'x' * (len(number) - digits)}"


def field_key(name: str) -> str:
    """A field or column name as names are compared: without case, spaces, '_' and '-'."""
    return re.sub(r"[\s_\-]+", "", name.strip().strip("*").strip()).casefold()
