"""The kind of codes a catalog holds where it does not say: text codes with no `code_type`.

A catalog's codes are integers unless it says `code_type: text`. A new team's catalog of
`card_declined` and `insufficient_funds` that forgets the line would get a problem for
each code, each `see_also` and each line of its record, none of which names the fix; the
loader and the checks ask here first, and say one thing instead.
"""

from __future__ import annotations

from typing import Any

from .model import CODE_SYNTAX, INTEGER, TEXT

MAX_NAMED = 3  # codes a message names before "and N more"


def undeclared_text_codes(data: Any) -> list[tuple[str, tuple[Any, ...]]]:
    """The text codes (with their paths) of a catalog that does not set `code_type`, when
    they are at least half of its codes; else nothing.

    A code YAML read as a number (`23505`) is a text code too, once the catalog says so;
    a catalog of integers with one misspelt code keeps that code's own problem.
    """
    if not isinstance(data, dict) or "code_type" in data:
        return []
    texts: list[tuple[str, tuple[Any, ...]]] = []
    count = 0
    categories = data.get("categories")
    for c_index, category in enumerate(categories if isinstance(categories, list) else ()):
        codes = category.get("codes") if isinstance(category, dict) else None
        for index, entry in enumerate(codes if isinstance(codes, list) else ()):
            code = entry.get("code") if isinstance(entry, dict) else None
            if isinstance(code, bool) or not isinstance(code, (int, str)):
                continue
            count += 1
            if isinstance(code, str) and CODE_SYNTAX[TEXT].fullmatch(code) and not CODE_SYNTAX[INTEGER].fullmatch(code):
                texts.append((code, ("categories", c_index, "codes", index, "code")))
    return texts if texts and len(texts) * 2 >= count else []


def undeclared_text_message(texts: list[tuple[str, tuple[Any, ...]]]) -> str:
    """What the one problem says: which codes are text, and the line to add."""
    named = ", ".join(code for code, _ in texts[:MAX_NAMED])
    more = f" and {len(texts) - MAX_NAMED} more" if len(texts) > MAX_NAMED else ""
    return (
        f"the codes are text ({named}{more}), and the catalog does not say so: add the line"
        " `code_type: text` at its top (without it, every code must be an integer)"
    )
