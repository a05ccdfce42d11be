"""What a change to the catalog does to its codes, in Markdown for a pull request's reviewer.

`errcat diff REV` compares the catalog at a git revision with the working tree's; the
changes are classified by the history module (`history.compare`, the classification of
/changes/ and the feed), and written here as one line per changed code or category.

A pull request from anyone writes into this text, and GitHub renders it: every piece of
catalog text goes into a code span, where Markdown, HTML, autolinks, @mentions and
#references are shown as the characters they are. No MkDocs imports.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from types import MappingProxyType
from urllib.parse import quote

from ..catalog.model import Catalog, Code
from ..catalog.paths import Urls
from ..languages import Words, words_for
from .changes import ChangeLines, fields_reworded, with_new_categories
from .read import (
    ADDED,
    CATEGORY_ADDED,
    CATEGORY_RENAMED,
    CATEGORY_REWORDED,
    DESCRIPTION,
    DROPPED,
    MESSAGE,
    MOVED,
    STATUS,
    Change,
    Commit,
)

MAX_LINES = 1000  # a job summary holds 1 MiB; past this many lines the rest is counted
# A reviewer's line for each kind of change, in English: its values (ReviewWriter.values) are
# Markdown, each piece of catalog text a code span.
LINES = MappingProxyType(
    {
        CATEGORY_ADDED: "**New category** {category} ({category_id})",
        CATEGORY_RENAMED: "**Category renamed** {old} to {category} ({new}); its old links lead to the new one",
        CATEGORY_REWORDED: "**Category reworded** {category}: {Fields}",
        ADDED: "**Added** {code} in {category}",
        MESSAGE: "**Message changed** {code_link}: {old} to {new}"
        " (what the API returns: a client that matches on it changes too)",
        DESCRIPTION: "**Reworded** {code}: {fields}",
        STATUS: "**Status** {code}: {old} to **{new}**",
        MOVED: "**Moved** {code} from {old_category} ({old}) to {category}; its old link leads to the new place",
        DROPPED: "**Deleted** {code}: no longer in the catalog",
    }
)
_BACKTICKS = re.compile("`+")
_LINE_BREAKS = re.compile(r"[\r\n]+")


def literal(text: str) -> str:
    """`text` as a Markdown code span: shown as written, whatever it holds.

    The fence is one backtick longer than the longest run inside; a space pads text that
    starts or ends with a backtick or a space (CommonMark strips one on each side).
    """
    text = _LINE_BREAKS.sub(" ", text)
    longest = max((len(run) for run in _BACKTICKS.findall(text)), default=0)
    fence = "`" * (longest + 1)
    padded = text[:1] in ("`", " ") or text[-1:] in ("`", " ")
    pad = " " if padded else ""
    return f"{fence}{pad}{text}{pad}{fence}"


class ReviewWriter(ChangeLines):
    """Markdown lines for changes, with links into the site at `base_url` (none if it is None)."""

    def __init__(
        self, catalog: Catalog, old: Catalog | None, urls: Urls, base_url: str | None, words: Words | None = None
    ) -> None:
        self.catalog = catalog
        self.old = old
        self.urls = urls
        self.base_url = base_url if base_url is None or base_url.endswith("/") else base_url + "/"
        self.words = words or words_for()[0]  # English: the names of an entry's fields

    def link(self, text: str, path: str) -> str:
        if self.base_url is None:
            return text
        address = self.base_url + self.urls.folder + path  # a reference in a folder of its site
        return f"[{text}]({quote(address, safe=':/#?=&%~+@!$,;')})"

    def code_link(self, change: Change) -> str:
        """The code, linked to its entry where the catalog still has it."""
        code = code_of(change)
        found = self.catalog.find(code)
        text = literal(str(code))
        return self.link(text, self.urls.code(found[0].id, code)) if found else text

    def code(self, change: Change) -> str:
        return f"{self.code_link(change)} {literal(change.message)}"

    def category(self, category_id: str, title: str) -> str:
        text = literal(title)
        if self.catalog.category(category_id) is None:
            return text
        return self.link(text, self.urls.category(category_id))

    def old_title(self, category_id: str) -> str:
        old = self.old.category(category_id) if self.old else None
        return literal(old.title if old else category_id)

    def template(self, kind: str) -> str:
        return LINES[kind]

    def values(self) -> Mapping[str, Callable[[Change], str]]:
        return {
            "code": self.code,
            "code_link": self.code_link,
            "category": lambda change: self.category(change.category, change.title),
            "category_id": lambda change: literal(change.category),
            "old": lambda change: literal(change.old),
            "new": lambda change: literal(change.new),
            "old_category": lambda change: self.old_title(change.old),
            "fields": lambda change: fields_reworded(change, self.words),
        }


def review(
    changes: tuple[Change, ...], writer: ReviewWriter, source: str, revision: str, limit: int = MAX_LINES
) -> str:
    """The Markdown a reviewer reads: a heading, then a line per change (categories first);
    one line when nothing changed. Codes added with a new category are listed under it,
    behind a <details>; past `limit` lines the rest is counted, not listed."""
    since = f"{literal(source)} since {literal(revision)}"
    if not changes:
        return f"**Error codes:** no change to the codes of {since}.\n"
    new, rest = with_new_categories(Commit("", 0, changes))
    count = len(new) + len(rest)  # a line each: a new category's codes are listed under its line
    lines = [f"### Error codes: {count} {'change' if count == 1 else 'changes'} in {since}", ""]
    listed = 0
    for category, added in new:
        codes = f"{len(added)} {'code' if len(added) == 1 else 'codes'}"
        lines.append(f"- {writer.line(category)}, {codes}")
        listed += 1
        if added:
            room = max(limit - listed, 0)
            lines += [f"  <details><summary>Its {codes}</summary>", ""]
            lines += [f"  - {writer.code(change)}" for change in added[:room]]
            if len(added) > room:
                lines.append(f"  - and {len(added) - room} more")
            lines += ["", "  </details>"]
            listed += min(len(added), room)
    room = max(limit - listed, 0)
    lines += [f"- {writer.line(change)}" for change in rest[:room]]
    if len(rest) > room:
        lines.append(f"- and {len(rest) - room} more changes, not listed here")
    return "\n".join(lines) + "\n"


def code_of(change: Change) -> Code:
    assert change.code is not None, "a change of a code"
    return change.code
