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
from urllib.parse import quote

from ..catalog.model import Catalog, Code
from ..catalog.paths import Urls
from .changes import fields_reworded, with_new_categories
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


class ReviewWriter:
    """Markdown lines for changes, with links into the site at `base_url` (none if it is None)."""

    def __init__(self, catalog: Catalog, old: Catalog | None, urls: Urls, base_url: str | None) -> None:
        self.catalog = catalog
        self.old = old
        self.urls = urls
        self.base_url = base_url if base_url is None or base_url.endswith("/") else base_url + "/"

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

    def line(self, change: Change) -> str:
        kind = change.kind
        if kind == CATEGORY_ADDED:
            return f"**New category** {self.category(change.category, change.title)} ({literal(change.category)})"
        if kind == CATEGORY_RENAMED:
            return (
                f"**Category renamed** {literal(change.old)} to {self.category(change.category, change.title)}"
                f" ({literal(change.new)}); its old links lead to the new one"
            )
        if kind == CATEGORY_REWORDED:
            return f"**Category reworded** {self.category(change.category, change.title)}: {fields_reworded(change)}"
        code = self.code(change)
        if kind == ADDED:
            return f"**Added** {code} in {self.category(change.category, change.title)}"
        if kind == MESSAGE:
            return (
                f"**Message changed** {self.code_link(change)}: {literal(change.old)} to {literal(change.new)}"
                " (what the API returns: a client that matches on it changes too)"
            )
        if kind == DESCRIPTION:
            return f"**Reworded** {code}: {fields_reworded(change, capitalized=False)}"
        if kind == STATUS:
            return f"**Status** {code}: {literal(change.old)} to **{literal(change.new)}**"
        if kind == MOVED:
            return (
                f"**Moved** {code} from {self.old_title(change.old)} ({literal(change.old)})"
                f" to {self.category(change.category, change.title)}; its old link leads to the new place"
            )
        assert kind == DROPPED
        return f"**Deleted** {code}: no longer in the catalog"


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
