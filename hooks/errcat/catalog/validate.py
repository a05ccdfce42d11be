"""Check a loaded catalog and list every problem in it; never raise.

The structure (fields, types, required values, id format) is checked with the JSON
Schema (schema.py). What a schema cannot say (unique codes and ids, references between
codes, ids that would collide with the site's own pages, moves) is checked here, one
small function per rule, in the style of rustc's tidy. These rules are given only the
categories and entries that passed the structure check, so every value they read has
the type the schema promises.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from typing import Any

from .kind import undeclared_text_codes, undeclared_text_message
from .load import Document, JsonPath
from .model import INTEGER, Code, code_type_of
from .paths import TITLE_ID
from .problems import Location, Problem, shown
from .schema import Schema, is_integer, owner

MAX_PATTERN = 200  # characters of a code_pattern
PAGE_IDS = frozenset({TITLE_ID})  # ids a category page gives its own parts


def validate(
    document: Document, schema: Schema, site_paths: frozenset[str] = frozenset(), passed: Collection[int] = ()
) -> Checked:
    """The document checked: every problem, in the order the checks find them, and what passed.

    `site_paths` are the names the site's own pages take at its root (`using` for
    docs/using.md, `assets` for docs/assets/): no category may take one of them. `passed`
    are categories (by index) known to pass the structure check with all their entries,
    by this schema: they are not checked again (a read again after an edit, reread.py).
    """
    texts = undeclared_text_codes(document.data)
    if texts:
        # Every code, see_also and line of the record would be a problem of its own: one
        # problem says what to do, and nothing is checked until the codes' kind is known.
        problem = Problem(document.location(texts[0][1]), undeclared_text_message(texts))
        return Checked(document, [], [], {}, site_paths, {}, set(), [], [problem], kind_unknown=True)
    schema = schema.for_code_type(code_type_of(document.data))
    checked = Checked.of(document, schema, site_paths, passed)
    checked.problems.extend(schema.check(document, checked.failing))
    for check in CHECKS:
        checked.problems.extend(check(checked))
    return checked


@dataclass(frozen=True)
class Checked:
    """The parts of a document that passed the structure check, for the rules below."""

    document: Document
    categories: list[tuple[JsonPath, dict[str, Any]]]
    entries: list[tuple[JsonPath, dict[str, Any]]]
    all_codes: dict[Code, JsonPath]  # every code of the catalog's kind, valid entry or not: the first place
    site_paths: frozenset[str]
    category_ids: dict[int, str]  # index of a valid category -> its id
    failing: set[JsonPath]  # categories and entries that failed the compiled structure check
    repeated: list[tuple[JsonPath, Code]]  # an entry whose code an earlier entry has
    problems: list[Problem] = field(default_factory=list)
    kind_unknown: bool = False  # text codes without `code_type: text`: nothing else was checked

    @classmethod
    def of(
        cls, document: Document, schema: Schema, site_paths: frozenset[str], passed: Collection[int] = ()
    ) -> Checked:
        categories: list[tuple[JsonPath, dict[str, Any]]] = []
        entries: list[tuple[JsonPath, dict[str, Any]]] = []
        all_codes: dict[Code, JsonPath] = {}
        failing: set[JsonPath] = set()
        repeated: list[tuple[JsonPath, Code]] = []
        is_code = is_integer if schema.code_type == INTEGER else _is_text
        raw = document.data.get("categories") if isinstance(document.data, dict) else None
        for c_index, category in enumerate(raw if isinstance(raw, list) else ()):
            path: JsonPath = ("categories", c_index)
            known = c_index in passed
            if known or schema.category_passes(category):
                categories.append((path, category))
            else:
                failing.add(path)
            codes = category.get("codes") if isinstance(category, dict) else None
            for index, entry in enumerate(codes if isinstance(codes, list) else ()):
                where = path + ("codes", index)
                code = entry.get("code") if isinstance(entry, dict) else None
                if code is not None and is_code(code):
                    if code in all_codes:
                        repeated.append((where, code))
                    else:
                        all_codes[code] = where
                if known or schema.entry_passes(entry):
                    entries.append((where, entry))
                else:
                    failing.add(where)
        category_ids = {path[1]: category["id"] for path, category in categories}
        return cls(document, categories, entries, all_codes, site_paths, category_ids, failing, repeated)

    def at(self, path: JsonPath) -> Location:
        return self.document.location(path)

    def category_id(self, entry_path: JsonPath) -> str | None:
        """The id of the category an entry is in, if that category passed the structure check."""
        return self.category_ids.get(entry_path[1])


def check_unique_category_ids(checked: Checked) -> Iterator[Problem]:
    first: dict[str, JsonPath] = {}
    for path, category in checked.categories:
        where = path + ("id",)
        if category["id"] in first:
            yield Problem(
                checked.at(where),
                f"duplicate category id '{category['id']}' (first defined at {checked.at(first[category['id']])})",
            )
        else:
            first[category["id"]] = where


def check_site_paths(checked: Checked) -> Iterator[Problem]:
    """A category page, or the page a former id keeps, must not take a path of the site's own."""
    taken = ", ".join(sorted(checked.site_paths))
    for path, category in checked.categories:
        if category["id"] in checked.site_paths:
            yield Problem(
                checked.at(path + ("id",)),
                f"category id '{category['id']}' is taken by the site's own pages ({taken}); choose another id",
            )
        for index, former in enumerate(category.get("former_ids", ())):
            if former in checked.site_paths:
                yield Problem(
                    checked.at(path + ("former_ids", index)),
                    f"former id '{former}' of category '{category['id']}' is taken by the site's own pages"
                    f" ({taken}); it cannot have kept a page of its own",
                )
    for path, entry in checked.entries:
        for index, former in enumerate(entry.get("moved_from", ())):
            if former in checked.site_paths:
                yield Problem(
                    checked.at(path + ("moved_from", index)),
                    f"moved_from of code {entry['code']} names '{former}', which is taken by the site's own"
                    f" pages ({taken}); it cannot have been a category",
                )


def check_former_ids(checked: Checked) -> Iterator[Problem]:
    """A former id is nobody's current id, and belongs to one category only."""
    current = {category["id"]: path for path, category in checked.categories}
    claimed: dict[str, JsonPath] = {}
    for path, category in checked.categories:
        for index, former in enumerate(category.get("former_ids", ())):
            where = path + ("former_ids", index)
            if former in current:
                yield Problem(
                    checked.at(where),
                    f"former id '{former}' of category '{category['id']}' is the id of the category at"
                    f" {checked.at(current[former])}; a published id is never given to another category",
                )
            elif former in claimed:
                yield Problem(
                    checked.at(where),
                    f"former id '{former}' is claimed by two categories (first at {checked.at(claimed[former])});"
                    " keep it on the category that was renamed, and list the moved codes' moved_from instead",
                )
            else:
                claimed[former] = where


def check_moved_from(checked: Checked) -> Iterator[Problem]:
    for path, entry in checked.entries:
        here = checked.category_id(path)
        for index, former in enumerate(entry.get("moved_from", ())):
            if former == here:
                yield Problem(
                    checked.at(path + ("moved_from", index)),
                    f"moved_from of code {entry['code']} names '{former}', the category it is in;"
                    " list only the categories it was in before",
                )


def check_code_pattern(checked: Checked) -> Iterator[Problem]:
    """Every code matches the catalog's code_pattern, in full, if it has one."""
    data = checked.document.data
    pattern = data.get("code_pattern") if isinstance(data, dict) else None
    if not isinstance(pattern, str) or not pattern.strip():
        return  # none, or a wrong value, which the schema reports
    where = checked.at(("code_pattern",))
    if len(pattern) > MAX_PATTERN:
        yield Problem(where, f"code_pattern has {len(pattern):,} characters; at most {MAX_PATTERN} are allowed")
        return
    compiled, error = compile_code_pattern(pattern)
    if compiled is None:
        yield Problem(where, f"code_pattern '{shown(pattern)}' cannot be used: {error}")
        return
    for code, path in checked.all_codes.items():
        if compiled.fullmatch(str(code)) is None:
            yield Problem(
                checked.at(path + ("code",)),
                f"code {code} does not match the catalog's code_pattern '{shown(pattern)}' ({where})",
            )


# RE2 matches in time linear in the code, whatever the pattern: a contributor's pattern
# such as (A+)+$ cannot make a check or a build run for minutes, as a backtracking engine
# would. It has no backreferences and no lookaround, the constructs that need backtracking.
_RE2_MAX_MEM = 1 << 23  # bytes: a pattern's compiled program, bounded as its length is
_NO_BACKTRACKING = (
    "errcat matches code_pattern with RE2, in time linear in the code, so it allows no"
    " backreference (\\1) and no lookaround ((?=...), (?!...), (?<=...)), and a repetition counts to at most 1000"
)
_NO_RE2 = "it is matched with RE2, and google-re2 is not installed: pip install 'errcat[patterns]'"


def compile_code_pattern(pattern: str) -> tuple[Any, str]:
    """`pattern` compiled for linear-time matching, or None and what is wrong with it, in words."""
    # Imported here, for a catalog with a pattern only: google-re2 is an extra
    # (errcat[patterns]), as it has no wheel for every platform (none for musl).
    try:
        import re2
    except ImportError:
        return None, _NO_RE2
    options = re2.Options()
    options.log_errors = False  # the problem is reported once, on the pattern's line
    options.max_mem = _RE2_MAX_MEM
    try:
        return re2.compile(pattern, options), ""
    except re2.error as error:
        reason = (
            error.args[0].decode("utf-8", "replace") if error.args and isinstance(error.args[0], bytes) else str(error)
        )
        return None, f"{shown(reason, 80)} ({_NO_BACKTRACKING})"


def check_codes_differ_beyond_case(checked: Checked) -> Iterator[Problem]:
    """Text codes that differ only in case would share a folder /codes/<code>/ on a disk
    that ignores case (macOS, Windows), and read as one code to a person."""
    first: dict[str, tuple[str, JsonPath]] = {}
    for code, path in checked.all_codes.items():
        if not isinstance(code, str):
            return  # an integer catalog
        folded = code.casefold()
        if folded in first:
            other, other_path = first[folded]
            yield Problem(
                checked.at(path + ("code",)),
                f"code {code} differs only in case from code {other} ({checked.at(other_path + ('code',))});"
                " codes must differ in more than case: their pages would collide on a disk that ignores case",
            )
        else:
            first[folded] = (code, path)


def check_codes_leave_page_ids_free(checked: Checked) -> Iterator[Problem]:
    """A code is the id of its heading: it must not be an id its page gives something else."""
    for code, path in checked.all_codes.items():
        if code in PAGE_IDS:
            yield Problem(
                checked.at(path + ("code",)),
                f"code {code} would take the id #{code}, which every category page gives its title;"
                " choose another code",
            )


def check_unique_codes(checked: Checked) -> Iterator[Problem]:
    for where, code in checked.repeated:
        first = checked.at(checked.all_codes[code] + ("code",))
        own = "its own name" if isinstance(code, str) else "its own number"
        yield Problem(
            checked.at(where + ("code",)),
            f"duplicate code {code} (first defined at {first}); a code belongs to exactly one"
            f" category: give a new code {own}, or edit the existing entry",
        )


def check_see_also_targets(checked: Checked) -> Iterator[Problem]:
    for path, entry in checked.entries:
        for index, target in enumerate(entry.get("see_also", ())):
            where = checked.at(path + ("see_also", index))
            if target == entry["code"]:
                yield Problem(where, f"code {target} lists itself in see_also")
            elif target not in checked.all_codes:
                # In a text catalog 402 is the text 402: say so, to whoever meant a number.
                hint = "; this catalog's codes are text, written as the code is" if _looks_numeric(target) else ""
                yield Problem(
                    where,
                    f"see_also of {owner(checked.document, path)} names {target}, which is not a code in the"
                    f" catalog{hint}",
                )


CHECKS: tuple[Callable[[Checked], Iterator[Problem]], ...] = (
    check_unique_category_ids,
    check_site_paths,
    check_former_ids,
    check_moved_from,
    check_unique_codes,
    check_codes_differ_beyond_case,
    check_codes_leave_page_ids_free,
    check_code_pattern,
    check_see_also_targets,
)


def _is_text(value: Any) -> bool:
    return isinstance(value, str)


def _looks_numeric(value: Any) -> bool:
    return isinstance(value, str) and value.lstrip("-").isdigit()
