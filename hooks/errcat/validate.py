"""Check a loaded catalog and list every problem in it; never raise.

The structure (fields, types, required values, id format) is checked with the JSON
Schema in schema/catalog.schema.json, the same file editors use, so the two cannot
disagree. What a schema cannot say (unique codes and ids, references between codes) is
checked here, one small function per rule, in the style of rustc's tidy.
"""

from __future__ import annotations

import copy
import difflib
import json
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import fastjsonschema
import jsonschema
from jsonschema.exceptions import ValidationError

from .load import Document, JsonPath, describe_type
from .model import Catalog, Category, ErrorCode, Problem

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "schema" / "catalog.schema.json"

# Paths the site itself uses at its root: a category with one of these ids would
# collide with them.
RESERVED_IDS = frozenset({"assets", "codes", "search"})


def validate(document: Document) -> list[Problem]:
    """All problems of the document, sorted by line (stable within a line)."""
    problems: list[Problem] = []
    for check in CHECKS:
        problems.extend(check(document))
    return sorted(problems, key=lambda problem: problem.location.line)


def build_catalog(document: Document) -> Catalog:
    """The model of a document that `validate` found no problem in."""
    categories = []
    for c_index, raw in enumerate(document.data["categories"]):
        codes = tuple(
            ErrorCode(
                code=entry["code"],
                message=entry["message"],
                description=entry["description"],
                examples=tuple(entry.get("examples", ())),
                see_also=tuple(entry.get("see_also", ())),
                status=entry.get("status", "active"),
                note=entry.get("note"),
                location=document.location(("categories", c_index, "codes", e_index)),
            )
            for e_index, entry in enumerate(raw["codes"])
        )
        categories.append(
            Category(
                id=raw["id"],
                title=raw["title"],
                description=raw.get("description"),
                codes=codes,
                location=document.location(("categories", c_index)),
            )
        )
    return Catalog(tuple(categories))


# --- structure: the JSON Schema ---------------------------------------------------


@lru_cache(maxsize=None)
def load_schema(path: Path = SCHEMA_PATH) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def is_integer(value: Any) -> bool:
    # JSON Schema counts 4.0 as an integer, and Python counts True; in a catalog both
    # are mistakes.
    return isinstance(value, int) and not isinstance(value, bool)


_Validator = jsonschema.validators.extend(
    jsonschema.Draft7Validator,
    type_checker=jsonschema.Draft7Validator.TYPE_CHECKER.redefine(
        "integer", lambda checker, instance: is_integer(instance)
    ),
)


@lru_cache(maxsize=None)
def _schemas() -> tuple[Any, Any, Any, Any]:
    """The schema split in two, each half compiled (fast yes/no) and for jsonschema
    (every error, with its path): the catalog without its code entries, and one entry.

    Explaining errors with jsonschema costs about 0.2 ms a code; split this way, only the
    entries that fail the compiled check are explained.
    """
    schema = load_schema()
    outline = copy.deepcopy(schema)
    outline["definitions"]["category"]["properties"]["codes"]["items"] = {}
    # Its own $id, so that "#/definitions/..." resolves in this document, not online.
    entry = {
        "$schema": schema["$schema"],
        "$id": schema["$id"].replace(".schema.json", ".entry.schema.json"),
        "allOf": [{"$ref": "#/definitions/code"}],
        "definitions": schema["definitions"],
    }
    # Copies for fastjsonschema, which changes the schemas it compiles.
    return (
        fastjsonschema.compile(copy.deepcopy(schema)),
        _Validator(outline),
        fastjsonschema.compile(copy.deepcopy(entry)),
        _Validator(entry),
    )


def _passes(compiled: Any, data: Any) -> bool:
    try:
        compiled(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def check_structure(document: Document) -> Iterator[Problem]:
    whole, outline, compiled_entry, entry = _schemas()
    # The compiled check counts 4.0 as an integer, as JSON Schema does; the catalog has
    # no field where a decimal number is right, so a decimal always takes a closer look.
    if _passes(whole, document.data) and not document.has_decimal:
        return
    errors = list(outline.iter_errors(document.data))
    for path, category in _categories(document):
        codes = category.get("codes")
        for index, data in enumerate(codes if isinstance(codes, list) else ()):
            if not _passes(compiled_entry, data) or _has_decimal(data):
                where = path + ("codes", index)
                errors += [_under(where, error) for error in entry.iter_errors(data)]
    # jsonschema reports a `required` failure once per missing field, each listing
    # them all; explaining them one by one would repeat lines.
    seen: set[Problem] = set()
    for error in errors:
        for problem in _explain(document, error):
            if problem not in seen:
                seen.add(problem)
                yield problem


def _has_decimal(entry: Any) -> bool:
    if not isinstance(entry, dict):
        return False
    values = list(entry.values()) + (entry["see_also"] if isinstance(entry.get("see_also"), list) else [])
    return any(isinstance(value, float) for value in values)


def _under(path: JsonPath, error: ValidationError) -> ValidationError:
    """An error found in one entry, placed at that entry's path in the document."""
    error.path.extendleft(reversed(path))
    return error


_TYPE_WORDS = {"integer": "an integer", "string": "text", "array": "a list", "object": "a mapping"}


def _explain(document: Document, error: ValidationError) -> Iterator[Problem]:
    """Turn one jsonschema error into messages that say what, where and how to fix."""
    path = tuple(error.absolute_path)
    instance = error.instance
    field = _field_name(path)
    owner = _owner(document, path[:-1]) if path else "the catalog"

    if error.validator == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        for key in instance:
            if key not in allowed:
                hint = difflib.get_close_matches(key, allowed, n=1)
                suggestion = f"; did you mean '{hint[0]}'?" if hint else ""
                yield Problem(
                    document.location(path + (key,), key=True),
                    f"unknown field '{key}' in {_owner(document, path)}{suggestion}"
                    f" (allowed: {', '.join(allowed)})",
                )
    elif error.validator == "required":
        for key in error.validator_value:
            if key not in instance:
                yield Problem(
                    document.location(path),
                    f"{_owner(document, path)} is missing the required field '{key}'",
                )
        return
    elif error.validator == "type" or (error.validator == "pattern" and error.validator_value == r"\S"):
        if instance is None or (isinstance(instance, str) and not instance.strip()):
            yield Problem(document.location(path), f"{field} of {owner} is empty")
            return
        expected = _TYPE_WORDS.get(error.validator_value, error.validator_value)
        hint = ""
        if error.validator_value == "integer" and isinstance(instance, str):
            hint = "; write the number without quotes"
        elif error.validator_value == "string" and not isinstance(instance, (list, dict)):
            hint = "; put the text in double quotes"
        elif error.validator_value == "array" and isinstance(instance, str):
            hint = "; write each entry on its own '- ' line"
        yield Problem(
            document.location(path),
            f"{field} of {owner} must be {expected}, found {describe_type(instance, document.written.get(path))}{hint}",
        )
    elif error.validator == "pattern" and path[-1:] == ("id",):
        yield Problem(
            document.location(path),
            f"category id '{instance}' is malformed: use lower-case letters and digits,"
            " words joined by single hyphens (like 'api-access')",
        )
    elif error.validator == "minItems":
        if path[-1:] == ("codes",):
            yield Problem(document.location(path[:-1]), f"{owner} has no codes; add a code or remove the category")
        else:
            yield Problem(document.location(path), f"{field} is empty; add at least one entry")
    elif error.validator == "enum":
        yield Problem(
            document.location(path),
            f"{field} of {owner} must be one of {', '.join(map(str, error.validator_value))},"
            f" found {describe_type(instance, document.written.get(path))}",
        )
    elif error.validator == "uniqueItems":
        repeated = sorted({item for item in instance if instance.count(item) > 1}, key=str)
        yield Problem(
            document.location(path),
            f"{field} of {owner} lists {', '.join(map(str, repeated))} more than once",
        )
    else:  # a rule added to the schema without a message of its own yet
        yield Problem(document.location(path), f"{field} of {owner}: {error.message}")


def _field_name(path: JsonPath) -> str:
    if not path:
        return "the catalog"
    if isinstance(path[-1], int):
        return f"entry {path[-1] + 1} of '{path[-2]}'"
    return f"'{path[-1]}'"


def _owner(document: Document, path: JsonPath) -> str:
    """Name the category or code that `path` is in, as a contributor would."""
    data = document.data
    if len(path) >= 4 and path[0] == "categories" and path[2] == "codes":
        category = _get(data, path[:2])
        entry = _get(data, path[:4])
        code = entry.get("code") if isinstance(entry, dict) else None
        if is_integer(code):
            return f"code {code}"
        return f"code entry {path[3] + 1} of {_category_name(category, path[1])}"
    if len(path) >= 2 and path[0] == "categories":
        return _category_name(_get(data, path[:2]), path[1])
    return "the catalog"


def _category_name(category: Any, index: int) -> str:
    if isinstance(category, dict) and isinstance(category.get("id"), str):
        return f"category '{category['id']}'"
    return f"category {index + 1}"


def _get(data: Any, path: JsonPath) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


# --- rules a schema cannot express ------------------------------------------------


def _categories(document: Document) -> Iterator[tuple[JsonPath, dict[str, Any]]]:
    categories = document.data.get("categories")
    if isinstance(categories, list):
        for index, category in enumerate(categories):
            if isinstance(category, dict):
                yield ("categories", index), category


def _entries(document: Document) -> Iterator[tuple[JsonPath, dict[str, Any]]]:
    for path, category in _categories(document):
        codes = category.get("codes")
        if isinstance(codes, list):
            for index, entry in enumerate(codes):
                if isinstance(entry, dict):
                    yield path + ("codes", index), entry


def check_unique_category_ids(document: Document) -> Iterator[Problem]:
    first: dict[str, JsonPath] = {}
    for path, category in _categories(document):
        category_id = category.get("id")
        if not isinstance(category_id, str):
            continue
        where = path + ("id",)
        if category_id in first:
            yield Problem(
                document.location(where),
                f"duplicate category id '{category_id}' (first defined at {document.location(first[category_id])})",
            )
        else:
            first[category_id] = where


def check_reserved_category_ids(document: Document) -> Iterator[Problem]:
    for path, category in _categories(document):
        if category.get("id") in RESERVED_IDS:
            yield Problem(
                document.location(path + ("id",)),
                f"category id '{category['id']}' is reserved for the site's own pages"
                f" ({', '.join(sorted(RESERVED_IDS))}); choose another id",
            )


def check_unique_codes(document: Document) -> Iterator[Problem]:
    first: dict[int, JsonPath] = {}
    for path, entry in _entries(document):
        code = entry.get("code")
        if not is_integer(code):
            continue
        where = path + ("code",)
        if code in first:
            yield Problem(
                document.location(where),
                f"duplicate code {code} (first defined at {document.location(first[code])});"
                " a code belongs to exactly one category",
            )
        else:
            first[code] = where


def check_see_also_targets(document: Document) -> Iterator[Problem]:
    known = {entry.get("code") for _, entry in _entries(document)}
    for path, entry in _entries(document):
        targets = entry.get("see_also")
        if not isinstance(targets, list):
            continue
        for index, target in enumerate(targets):
            if not is_integer(target):
                continue  # the schema reports the type
            where = document.location(path + ("see_also", index))
            if target == entry.get("code"):
                yield Problem(where, f"code {target} lists itself in see_also")
            elif target not in known:
                yield Problem(where, f"see_also of {_owner(document, path)} names {target}, which is not a code in the catalog")


CHECKS: list[Callable[[Document], Iterator[Problem]]] = [
    check_structure,
    check_unique_category_ids,
    check_reserved_category_ids,
    check_unique_codes,
    check_see_also_targets,
]
