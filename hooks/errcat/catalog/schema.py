"""The catalog's structure, checked with its JSON Schema and explained as a contributor reads it.

The schema (catalog.schema.json, beside this file) is the file editors use as well, so
the build and an editor cannot disagree. It is compiled once per build: a change to it
is used by the next `mkdocs serve` rebuild.
"""

from __future__ import annotations

import copy
import difflib
import json
import re
from collections.abc import Callable, Collection, Iterator, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeGuard

import fastjsonschema
import jsonschema
from jsonschema.exceptions import ValidationError

from .load import Document, JsonPath, value_at
from .model import CODE_SYNTAX, INTEGER, TEXT, code_type_of
from .problems import Problem, describe_type, shown

_STATUS_NAME = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")
SCHEMA_PATH = Path(__file__).resolve().parents[1] / "catalog.schema.json"


def is_integer(value: Any) -> TypeGuard[int]:
    # JSON Schema counts 4.0 as an integer, and Python counts True; in a catalog both
    # are mistakes.
    return isinstance(value, int) and not isinstance(value, bool)


def repeated_items(items: list[Any]) -> list[Any]:
    """The items that occur more than once, once each, in order; any values at all, in linear time."""
    seen: dict[str, int] = {}
    repeated = []
    for item in items:
        key = type(item).__name__ + json.dumps(item, sort_keys=True, default=repr)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] == 2:
            repeated.append(item)
    return repeated


def _unique_items(validator: Any, unique: Any, instance: Any, schema: Any) -> Iterator[ValidationError]:
    # jsonschema's own uniqueItems is quadratic for lists it cannot sort.
    if unique and validator.is_type(instance, "array") and repeated_items(instance):
        yield ValidationError("has non-unique elements")


_Validator = jsonschema.validators.extend(
    jsonschema.Draft7Validator,
    validators={"uniqueItems": _unique_items},
    type_checker=jsonschema.Draft7Validator.TYPE_CHECKER.redefine(
        "integer", lambda checker, instance: is_integer(instance)
    ),
)


class SchemaFileError(Exception):
    """The file of the `schema` option cannot be read, or is not a JSON Schema of the catalog
    that errcat can use. The message continues a sentence that starts with the file's name."""


def read_schema_text(path: Path) -> str:
    """The text of the schema file at `path`; SchemaFileError if there is none to read."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SchemaFileError(
            "does not exist (a path relative to the site's config file): give the site's JSON Schema"
            " of the catalog, or remove the option to use errcat's"
        ) from None
    except UnicodeDecodeError:
        raise SchemaFileError("is not JSON: it is not UTF-8 text") from None
    except OSError as error:
        raise SchemaFileError(f"cannot be read: {error.strerror or error}") from None


# What errcat reads of a catalog schema besides validating with it, each with the JSON
# type it must have: a site's schema is a copy of errcat's with statuses of its own.
_PARTS: tuple[tuple[tuple[str, ...], type], ...] = (
    (("properties",), dict),
    (("properties", "categories"), dict),
    (("definitions",), dict),
    (("definitions", "integer_code"), dict),
    (("definitions", "text_code"), dict),
    (("definitions", "category"), dict),
    (("definitions", "category", "properties"), dict),
    (("definitions", "category", "properties", "codes"), dict),
    (("definitions", "code"), dict),
    (("definitions", "code", "properties"), dict),
    (("definitions", "code", "properties", "code"), dict),
    (("definitions", "code", "properties", "see_also"), dict),
    (("definitions", "code", "properties", "status"), dict),
    (("definitions", "code", "properties", "status", "oneOf"), list),
    (("definitions", "code", "properties", "status", "default"), str),
    (("$schema",), str),
    (("$id",), str),
)
_JSON_TYPES: Mapping[type, str] = MappingProxyType({dict: "an object", list: "a list", str: "a string"})
_START_FROM = "start from a copy of errcat's catalog.schema.json"


def _catalog_schema(text: str) -> dict[str, Any]:
    """The schema in `text`, checked against JSON Schema's meta-schema and for the parts
    errcat reads of it; SchemaFileError, saying what is wrong, if it is not one."""
    try:
        schema = json.loads(text)
    except json.JSONDecodeError as error:
        raise SchemaFileError(f"is not JSON: {error.msg} (line {error.lineno}, column {error.colno})") from None
    except RecursionError:
        raise SchemaFileError("is not JSON errcat can read: it is nested too deeply") from None
    if not isinstance(schema, dict):
        raise SchemaFileError(
            f"is not a schema of errcat's catalog: it holds {_json_kind(schema)}, not an object; {_START_FROM}"
        )
    try:
        _Validator.check_schema(schema)
    except jsonschema.SchemaError as error:
        where = ".".join(str(part) for part in error.absolute_path)
        place = f" (at {where})" if where else ""
        raise SchemaFileError(f"is not a valid JSON Schema: {error.message}{place}") from None
    except RecursionError:
        raise SchemaFileError("is not JSON errcat can read: it is nested too deeply") from None
    for path, kind in _PARTS:
        value: Any = schema
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        if not isinstance(value, kind):
            raise SchemaFileError(
                f"is not a schema of errcat's catalog: it has no {'.'.join(path)} ({_JSON_TYPES[kind]}); {_START_FROM}"
            )
    definitions = schema["definitions"]
    for name in ("category", "code"):
        for field, spec in definitions[name]["properties"].items():
            branches = spec.get("oneOf") if isinstance(spec, dict) else None
            if not isinstance(spec, dict) or not all(isinstance(branch, dict) for branch in branches or ()):
                raise SchemaFileError(
                    f"is not a schema of errcat's catalog: definitions.{name}.properties.{field} must be"
                    f" an object, and each of its oneOf too; {_START_FROM}"
                )
    status = definitions["code"]["properties"]["status"]
    for number, branch in enumerate(status["oneOf"], start=1):
        for key, meaning in (("const", "the status's name"), ("description", "what it means")):
            if not isinstance(branch.get(key), str):
                raise SchemaFileError(
                    f"is not a schema of errcat's catalog: status {number} of definitions.code.properties.status.oneOf"
                    f' has no "{key}" ({meaning}, a string)'
                )
    statuses = [branch["const"] for branch in status["oneOf"]]
    for name in statuses:
        # A status names a CSS class and shows as a badge: a name of letters, digits and hyphens.
        if not _STATUS_NAME.fullmatch(name):
            raise SchemaFileError(
                f"is not a schema of errcat's catalog: the status {name!r} of definitions.code.properties.status.oneOf"
                " must be a name of lower-case letters, digits and hyphens, starting with a letter (such as on-hold)"
            )
    if status["default"] not in statuses:
        raise SchemaFileError(
            f"is not a schema of errcat's catalog: the default status {status['default']!r} is not one of"
            f" the statuses of definitions.code.properties.status.oneOf ({', '.join(statuses)})"
        )
    return schema


def _json_kind(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    return _JSON_TYPES[type(value)] if isinstance(value, list | str) else "a number"


class Schema:
    """The catalog's JSON Schema, compiled for one build.

    The catalog is checked in parts: the catalog without its categories' contents, each
    category without its codes, and each code entry. Each part gets a compiled yes/no;
    a part that fails is explained field by field (see `_Part`), so that the cost of
    explaining is paid only for the fields that are wrong, and the later checks are
    given only the parts that passed.
    """

    def __init__(self, path: Path = SCHEMA_PATH, text: str | None = None, code_type: str = INTEGER) -> None:
        """The schema at `path` (or `text`, the content read from it), for codes of `code_type`.

        The file accepts either kind of code (an editor cannot know which the catalog
        declares); a build checks each code, and each entry of see_also, against the one
        kind its catalog declares.
        """
        self.path = path
        self.text = read_schema_text(path) if text is None else text
        self.code_type = code_type
        self._variants: dict[str, Schema] = {code_type: self}
        schema = _catalog_schema(self.text)
        try:
            self._compile(schema, code_type)
        except (fastjsonschema.JsonSchemaDefinitionException, re.error) as error:
            # What the meta-schema allows but cannot be compiled: a $ref to nothing, say.
            raise SchemaFileError(f"is not a JSON Schema errcat can compile: {error}") from None

    def _compile(self, schema: dict[str, Any], code_type: str) -> None:
        definitions = schema["definitions"]
        kind = definitions["text_code" if code_type == TEXT else "integer_code"]
        fields = definitions["code"]["properties"]
        fields["code"] = {"description": fields["code"].get("description", ""), **kind}
        fields["see_also"]["items"] = copy.deepcopy(kind)
        status = definitions["code"]["properties"]["status"]
        # Each status and what it means, in the schema's order; the default has no badge.
        self.statuses: dict[str, str] = {choice["const"]: choice["description"] for choice in status["oneOf"]}
        self.default_status: str = status["default"]
        outline = copy.deepcopy(schema)
        outline["properties"]["categories"]["items"] = {}
        # fastjsonschema changes the schemas it compiles: it gets copies.
        self._whole = fastjsonschema.compile(copy.deepcopy(schema))
        self._outline_passes = fastjsonschema.compile(copy.deepcopy(outline))
        self._outline = _Validator(outline)
        self._category = _Part(schema, "category", without_items="codes")
        self._entry = _Part(schema, "code")

    def for_code_type(self, code_type: str) -> Schema:
        """This schema for a catalog of `code_type` codes, compiled once per build."""
        variant = self._variants.get(code_type)
        if variant is None:
            variant = self._variants[code_type] = Schema(self.path, self.text, code_type)
            variant._variants = self._variants
        return variant

    def category_passes(self, category: Any) -> bool:
        """A category's own fields (not its codes) are as the schema says."""
        return self._category.passes(category)

    def entry_passes(self, entry: Any) -> bool:
        return self._entry.passes(entry)

    def check(self, document: Document, failing: Collection[JsonPath] | None = None) -> Iterator[Problem]:
        """Every structural problem, each said once.

        `failing`, when the caller has run the compiled checks already, holds the paths of
        the categories and entries that failed them.
        """
        variant = self.for_code_type(code_type_of(document.data))
        if variant is not self:  # the kind of code the document declares decides
            yield from variant.check(document, failing)
            return
        # The compiled check counts 4.0 as an integer, as JSON Schema does; the catalog
        # has no field where a decimal number is right, so a decimal takes a closer look.
        # Where every category and entry has passed its own check, the outline is all that
        # is left to check (the whole again would be twice the work).
        if failing is not None:
            passes = not failing and _passes(self._outline_passes, document.data)
        else:
            passes = _passes(self._whole, document.data)
        if passes and not _document_has_decimal(document):
            return
        seen: set[Problem] = set()
        suggestions: dict[str, str] = {}  # a misspelt key, suggested for once
        for error in self._errors(document, failing):
            if document.was_reported(tuple(error.absolute_path)):
                continue  # the loader has said what is wrong with this value
            explain = _EXPLAIN.get(str(error.validator), _explain_other)
            for problem in explain(document, error, suggestions):
                if problem not in seen:
                    seen.add(problem)
                    yield problem

    def _errors(self, document: Document, failing: Collection[JsonPath] | None) -> Iterator[ValidationError]:
        """The jsonschema errors of the document, part by part, as they are found."""
        yield from self._outline.iter_errors(document.data)
        categories = document.data.get("categories") if isinstance(document.data, dict) else None
        for index, category in enumerate(categories if isinstance(categories, list) else ()):
            path: JsonPath = ("categories", index)
            if path in document.reported:
                continue  # the loader has said what is wrong with it
            if path in failing if failing is not None else not self._category.passes(category):
                yield from (_under(path, error) for error in self._category.errors(category))
            if not isinstance(category, dict):
                continue
            codes = category.get("codes")
            for index, data in enumerate(codes if isinstance(codes, list) else ()):
                where = path + ("codes", index)
                fails = where in failing if failing is not None else not self._entry.passes(data)
                if fails and where not in document.reported:
                    yield from (_under(where, error) for error in self._entry.errors(data))


class _Part:
    """A category or a code entry: a compiled yes/no for the whole, and for each field.

    A part that fails is explained field by field: `required` and unknown fields by set
    arithmetic, and each field that fails its own compiled check by jsonschema, on that
    field alone. A list longer than its `maxItems` is explained from its first items (one
    past the limit, so that maxItems is said too): jsonschema takes about 20 µs an item.
    """

    def __init__(self, schema: dict[str, Any], name: str, without_items: str | None = None) -> None:
        whole = _part(schema, name)
        definition = whole["definitions"][name]
        if without_items:
            definition["properties"][without_items]["items"] = {}
        self.definition = definition
        self.required: list[str] = definition.get("required", [])
        self._compiled = fastjsonschema.compile(copy.deepcopy(whole))
        self._validator = _Validator(whole)
        self._fields: dict[str, tuple[Callable[[Any], Any], Any, int | None]] = {}
        # Fields that are a choice of constants (`oneOf` of `const`, as status is): checked
        # by membership; jsonschema would explain every branch of every wrong value.
        self._choices: dict[str, list[Any]] = {
            field: [branch["const"] for branch in spec["oneOf"]]
            for field, spec in definition["properties"].items()
            if spec.get("oneOf") and all("const" in branch for branch in spec["oneOf"])
        }
        self._types: dict[str, str] = {
            field: spec["type"] for field, spec in definition["properties"].items() if isinstance(spec.get("type"), str)
        }
        for field, spec in definition["properties"].items():
            # The field's own schema at the root (no $ref to resolve on every check),
            # with the definitions its own $refs name.
            sub = {**copy.deepcopy(spec), "$schema": whole["$schema"], "definitions": whole["definitions"]}
            sub["$id"] = whole["$id"].replace(".schema.json", f".{field}.schema.json")
            limit = spec.get("maxItems")
            self._fields[field] = (fastjsonschema.compile(copy.deepcopy(sub)), _Validator(sub), limit)

    def passes(self, data: Any) -> bool:
        return _passes(self._compiled, data) and not _has_decimal(data)

    def errors(self, data: Any) -> list[ValidationError]:
        if not isinstance(data, dict):
            return list(self._validator.iter_errors(data))
        errors = []
        if any(key not in data for key in self.required):
            errors.append(
                ValidationError(
                    "", validator="required", validator_value=self.required, instance=data, schema=self.definition
                )
            )
        if any(key not in self._fields for key in data):
            errors.append(
                ValidationError(
                    "", validator="additionalProperties", validator_value=False, instance=data, schema=self.definition
                )
            )
        for key, value in data.items():
            field = self._fields.get(key)
            if field is None:
                continue
            compiled, validator, limit = field
            if key in self._choices:
                if not (isinstance(value, str) and value in self._choices[key]):
                    errors.append(
                        ValidationError(
                            "", validator="enum", validator_value=self._choices[key], instance=value, path=[key]
                        )
                    )
                continue
            if _passes(compiled, value) and not _is_or_holds_decimal(value):
                continue
            expected = self._types.get(key)
            if expected is not None and not _is_type(value, expected):
                # A value of the wrong type: that is all there is to say about it.
                errors.append(
                    ValidationError("", validator="type", validator_value=expected, instance=value, path=[key])
                )
                continue
            if limit is not None and isinstance(value, list) and len(value) > limit + 1:
                value = value[: limit + 1]
            errors += [_under((key,), error) for error in validator.iter_errors(value)]
        return errors


def _part(schema: dict[str, Any], name: str) -> dict[str, Any]:
    # Its own $id, so that "#/definitions/..." resolves in this document, not online.
    return {
        "$schema": schema["$schema"],
        "$id": schema["$id"].replace(".schema.json", f".{name}.schema.json"),
        "allOf": [{"$ref": f"#/definitions/{name}"}],
        "definitions": copy.deepcopy(schema["definitions"]),
    }


_PYTHON_TYPES: Mapping[str, Callable[[Any], bool]] = MappingProxyType(
    {
        "integer": is_integer,
        "string": lambda value: isinstance(value, str),
        "array": lambda value: isinstance(value, list),
        "object": lambda value: isinstance(value, dict),
    }
)


def _is_type(value: Any, expected: str) -> bool:
    check = _PYTHON_TYPES.get(expected)
    return check(value) if check is not None else True


def _passes(compiled: Callable[[Any], Any], data: Any) -> bool:
    try:
        compiled(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def _document_has_decimal(document: Document) -> bool:
    return any(isinstance(value_at(document.data, path), float) for path in document.written)


def _has_decimal(part: Any) -> bool:
    """A decimal number among a category's or entry's own fields and their lists."""
    return isinstance(part, dict) and any(_is_or_holds_decimal(value) for value in part.values())


def _is_or_holds_decimal(value: Any) -> bool:
    return isinstance(value, float) or (isinstance(value, list) and any(isinstance(item, float) for item in value))


def _under(path: JsonPath, error: ValidationError) -> ValidationError:
    """An error found in one part, placed at that part's path in the document."""
    error.path.extendleft(reversed(path))
    return error


# --- where things are, named as a contributor names them -------------------------


def categories_of(document: Document) -> Iterator[tuple[JsonPath, dict[str, Any]]]:
    """Every category that is a mapping, with its path; any document at all."""
    categories = document.data.get("categories") if isinstance(document.data, dict) else None
    if isinstance(categories, list):
        for index, category in enumerate(categories):
            if isinstance(category, dict):
                yield ("categories", index), category


def owner(document: Document, path: JsonPath) -> str:
    """Name the category or code that `path` is in, as a contributor would."""
    data = document.data
    if len(path) >= 4 and path[0] == "categories" and path[2] == "codes":
        entry = value_at(data, path[:4])
        code = entry.get("code") if isinstance(entry, dict) else None
        if (
            is_integer(code)
            if code_type_of(data) == INTEGER
            else isinstance(code, str) and CODE_SYNTAX[TEXT].fullmatch(code)
        ):
            return f"code {code}"
        return f"code entry {path[3] + 1} of {category_name(value_at(data, path[:2]), path[1])}"
    if len(path) >= 2 and path[0] == "categories":
        return category_name(value_at(data, path[:2]), path[1])
    return "the catalog"


def category_name(category: Any, index: int) -> str:
    if isinstance(category, dict) and isinstance(category.get("id"), str):
        return f"category '{shown(category['id'])}'"
    return f"category {index + 1}"


def _field_name(path: JsonPath) -> str:
    if not path:
        return "the catalog"
    if isinstance(path[-1], int):
        return f"entry {path[-1] + 1} of '{path[-2]}'"
    return f"'{shown(str(path[-1]))}'"


def _where(document: Document, error: ValidationError) -> tuple[JsonPath, str, str]:
    path = tuple(error.absolute_path)
    return path, _field_name(path), owner(document, path[:-1]) if path else "the catalog"


# --- one explanation per JSON Schema keyword ---------------------------------------


def _is_code_field(path: JsonPath) -> bool:
    return (len(path) == 5 and path[-1] == "code") or (len(path) == 6 and path[-2] == "see_also")


def _code_field(document: Document, path: JsonPath, quoted: str) -> str:
    """A code or an entry of see_also, named as a contributor names it."""
    if path[-1] == "code":
        return (
            f"code {quoted} (code entry {path[3] + 1} of {category_name(value_at(document.data, path[:2]), path[1])})"
        )
    return f"{quoted} in see_also of {owner(document, path[:4])}"


_DECIMAL = re.compile(r"-?[0-9]+")
TEXT_CODE_RULE = (
    "a text code is letters, digits, '_', '-' and '.', starting with a letter or digit, at most 64"
    " characters: it is part of the code's web address"
)
_MAX_SUGGESTED = 200  # distinct unknown keys for which a misspelling is looked for
_TYPE_WORDS = MappingProxyType({"integer": "an integer", "string": "text", "array": "a list", "object": "a mapping"})
_TYPE_HINTS: Mapping[tuple[str, type], str] = MappingProxyType(
    {
        ("integer", str): "; write the number without quotes",
        ("string", bool): "; put the text in double quotes",
        ("string", int): "; put the text in double quotes",
        ("string", float): "; put the text in double quotes",
        ("array", str): "; write each entry on its own '- ' line",
    }
)


def _explain_additional_properties(
    document: Document, error: ValidationError, suggestions: dict[str, str]
) -> Iterator[Problem]:
    path = tuple(error.absolute_path)
    allowed = list(error.schema.get("properties", {}))
    for key in error.instance:
        if key not in allowed:
            memo = key + "\0" + ",".join(allowed)
            if memo not in suggestions and len(suggestions) >= _MAX_SUGGESTED:
                suggestions[memo] = ""  # thousands of unknown keys are no misspelling
            if memo not in suggestions:
                # Only a word-sized key can be a misspelling worth a suggestion.
                hint = difflib.get_close_matches(key, allowed, n=1) if len(key) <= 40 else []
                suggestions[memo] = f"; did you mean '{hint[0]}'?" if hint else ""
            suggestion = suggestions[memo]
            yield Problem(
                document.location(path + (key,), key=True),
                f"unknown field '{shown(key)}' in {owner(document, path)}{suggestion} (allowed: {', '.join(allowed)})",
            )


def _explain_required(document: Document, error: ValidationError, suggestions: dict[str, str]) -> Iterator[Problem]:
    path = tuple(error.absolute_path)
    for key in error.validator_value:
        if key not in error.instance:
            yield Problem(document.location(path), f"{owner(document, path)} is missing the required field '{key}'")


def _explain_type(document: Document, error: ValidationError, suggestions: dict[str, str]) -> Iterator[Problem]:
    path, field, whose = _where(document, error)
    instance = error.instance
    if instance is None or (isinstance(instance, str) and not instance.strip()):
        yield Problem(document.location(path), f"{field} of {whose} is empty")
        return
    expected = str(error.validator_value)
    hint = _TYPE_HINTS.get((expected, type(instance)), "")
    if expected == "integer" and isinstance(instance, str) and not _DECIMAL.fullmatch(instance):
        hint = ""  # not a number in quotes: no quick fix to offer
    found = describe_type(instance, document.written.get(path))
    yield Problem(
        document.location(path),
        f"{field} of {whose} must be {_TYPE_WORDS.get(expected, expected)}, found {found}{hint}",
    )


def _explain_pattern(document: Document, error: ValidationError, suggestions: dict[str, str]) -> Iterator[Problem]:
    if error.validator_value == r"\S":  # text that is only white space
        yield from _explain_type(document, error, suggestions)
        return
    path = tuple(error.absolute_path)
    quoted = '"' + shown(error.instance) + '"'
    if _is_code_field(path):
        yield Problem(
            document.location(path), f"{_code_field(document, path, quoted)} is not a text code: {TEXT_CODE_RULE}"
        )
        return
    if path[-1:] == ("id",):
        what = f"category id {quoted}"
    else:  # an entry of moved_from or former_ids
        what = f"{quoted} in {path[-2]} of {owner(document, path[:-2])}"
    yield Problem(
        document.location(path),
        f"{what} is malformed: a category id is lower-case letters and digits,"
        " words joined by single hyphens (like 'billing' or 'rate-limits')",
    )


def _explain_max_length(document: Document, error: ValidationError, suggestions: dict[str, str]) -> Iterator[Problem]:
    path, field, whose = _where(document, error)
    if _is_code_field(path):
        quoted = "'" + shown(error.instance) + "'"
        yield Problem(
            document.location(path),
            f"{_code_field(document, path, quoted)} has {len(error.instance)} characters: {TEXT_CODE_RULE}",
        )
        return
    what = "category id" if path[-1:] == ("id",) else f"{field} of {whose}"
    yield Problem(
        document.location(path),
        f"{what} '{shown(error.instance)}' has {len(error.instance)} characters; at most"
        f" {error.validator_value} are allowed",
    )


def _explain_min_items(document: Document, error: ValidationError, suggestions: dict[str, str]) -> Iterator[Problem]:
    path, field, whose = _where(document, error)
    if error.validator_value > 1:
        count = len(error.instance) if isinstance(error.instance, list) else 0
        yield Problem(
            document.location(path),
            f"{field} of {whose} has {count} {'entry' if count == 1 else 'entries'};"
            f" at least {error.validator_value} are needed",
        )
    elif path[-1:] == ("codes",):
        yield Problem(document.location(path[:-1]), f"{whose} has no codes; add a code or remove the category")
    elif path == ("categories",):
        yield Problem(document.location(path), "'categories' is empty; add at least one category")
    else:
        yield Problem(
            document.location(path), f"{field} of {whose} is empty; add at least one entry or remove the field"
        )


def _explain_max_items(document: Document, error: ValidationError, suggestions: dict[str, str]) -> Iterator[Problem]:
    path, field, whose = _where(document, error)
    found = value_at(document.data, path)
    count = len(found) if isinstance(found, list) else len(error.instance)
    yield Problem(
        document.location(path),
        f"{field} of {whose} has {count:,} entries; at most {error.validator_value} are allowed",
    )


def _explain_enum(document: Document, error: ValidationError, suggestions: dict[str, str]) -> Iterator[Problem]:
    path, field, whose = _where(document, error)
    yield Problem(
        document.location(path),
        f"{field} of {whose} must be one of {', '.join(map(str, error.validator_value))},"
        f" found {describe_type(error.instance, document.written.get(path))}",
    )


def _explain_one_of(document: Document, error: ValidationError, suggestions: dict[str, str]) -> Iterator[Problem]:
    """A choice of constants (`oneOf` of `const`, each with its description) reads like an enum."""
    choices = [choice.get("const") for choice in error.validator_value]
    if None in choices:
        yield from _explain_other(document, error, suggestions)
        return
    yield from _explain_enum(
        document,
        ValidationError(
            "",
            validator="enum",
            validator_value=choices,
            instance=error.instance,
            path=error.absolute_path,
        ),
        suggestions,
    )


def _explain_unique_items(document: Document, error: ValidationError, suggestions: dict[str, str]) -> Iterator[Problem]:
    path, field, whose = _where(document, error)
    repeated = ", ".join(shown(str(item)) for item in repeated_items(error.instance)[:10])
    yield Problem(document.location(path), f"{field} of {whose} lists {repeated} more than once")


def _explain_other(document: Document, error: ValidationError, suggestions: dict[str, str]) -> Iterator[Problem]:
    # A rule added to the schema without a message of its own yet.
    path, field, whose = _where(document, error)
    yield Problem(document.location(path), f"{field} of {whose}: {shown(error.message, 200)}")


_EXPLAIN: Mapping[str, Callable[[Document, ValidationError, dict[str, str]], Iterator[Problem]]] = MappingProxyType(
    {
        "additionalProperties": _explain_additional_properties,
        "required": _explain_required,
        "type": _explain_type,
        "pattern": _explain_pattern,
        "maxLength": _explain_max_length,
        "minItems": _explain_min_items,
        "maxItems": _explain_max_items,
        "enum": _explain_enum,
        "oneOf": _explain_one_of,
        "uniqueItems": _explain_unique_items,
    }
)
