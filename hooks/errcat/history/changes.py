"""The catalog's history for readers and tools: the /changes/ page, the Atom feed
/changes.xml, and the OpenSearch description /opensearch.xml. No MkDocs imports."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from itertools import groupby
from types import MappingProxyType

from ..catalog.model import Catalog, Code
from ..catalog.paths import CHANGES, Urls
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
    History,
)

ATOM = "http://www.w3.org/2005/Atom"
OPENSEARCH = "http://a9.com/-/spec/opensearch/1.1/"
XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'
SHORT_NAME_LIMIT = 16  # OpenSearch: a ShortName has at most 16 characters

# What a line of the page or feed says of each kind of change, and how a commit's
# changes are counted in the feed's entry titles.
_COUNTED = MappingProxyType(
    {
        ADDED: ("code added", "codes added"),
        MESSAGE: ("message changed", "messages changed"),
        DESCRIPTION: ("description reworded", "descriptions reworded"),
        STATUS: ("status changed", "statuses changed"),
        MOVED: ("code moved", "codes moved"),
        DROPPED: ("code removed from the catalog", "codes removed from the catalog"),
        CATEGORY_ADDED: ("category added", "categories added"),
        CATEGORY_RENAMED: ("category renamed", "categories renamed"),
        CATEGORY_REWORDED: ("category reworded", "categories reworded"),
    }
)
# How a line names the fields of a DESCRIPTION or CATEGORY_REWORDED change.
FIELD_NAMES = MappingProxyType(
    {
        "description": "description",
        "examples": "examples",
        "see_also": "see also",
        "note": "note",
        "http_status": "HTTP status",
        "causes": "possible causes",
        "solutions": "possible solutions",
        "title": "title",
    }
)


def fields_reworded(change: Change, capitalized: bool = True) -> str:
    """The fields a DESCRIPTION or CATEGORY_REWORDED change names, as a phrase:
    "Description", "Description and note", "Examples, see also and HTTP status"."""
    names = [FIELD_NAMES.get(name, name) for name in change.new.split(",") if name] or ["description"]
    phrase = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return phrase[0].upper() + phrase[1:] if capitalized else phrase


def commit_anchor(commit: Commit) -> str:
    return f"commit-{commit.sha[:12]}"


class ChangeWriter:
    """Lines that describe changes, with links made by `href(category_id, code)`.

    A link goes to where the code (or category) is now; a code no longer in the catalog
    is named without a link.
    """

    def __init__(self, catalog: Catalog, href: Callable[[str, Code | None], str]) -> None:
        self.catalog = catalog
        self.href = href

    def code(self, change: Change) -> str:
        assert change.code is not None
        text = f"<code>{change.code}</code> {html.escape(change.message)}"
        found = self.catalog.find(change.code)
        if found is None:
            return text
        return f'<a href="{html.escape(self.href(found[0].id, change.code))}">{text}</a>'

    def category(self, category_id: str, title: str) -> str:
        text = f"<em>{html.escape(title)}</em>"
        if self.catalog.category(category_id) is None:
            return text
        return f'<a href="{html.escape(self.href(category_id, None))}">{text}</a>'

    def line(self, change: Change) -> str:
        kind = change.kind
        if kind == CATEGORY_ADDED:
            return f"New category {self.category(change.category, change.title)}"
        if kind == CATEGORY_RENAMED:
            return (
                f"Category <code>{html.escape(change.old)}</code> renamed to"
                f" {self.category(change.category, change.title)} (<code>{html.escape(change.new)}</code>);"
                " its old links lead to the new one"
            )
        if kind == CATEGORY_REWORDED:
            return f"{fields_reworded(change)} of category {self.category(change.category, change.title)} reworded"
        code = self.code(change)
        if kind == ADDED:
            return f"Added {code} in {self.category(change.category, change.title)}"
        if kind == MESSAGE:
            return (
                f"<strong>Message changed</strong> (what the API returns): {code},"
                f" was <code>{html.escape(change.old)}</code>"
            )
        if kind == DESCRIPTION:
            return f"{fields_reworded(change)} of {code} reworded"
        if kind == STATUS:
            return f"{code} is now <strong>{html.escape(change.new)}</strong> (was {html.escape(change.old)})"
        if kind == MOVED:
            old = self.catalog.category(change.old)
            was = html.escape(old.title if old else change.old)
            return f"{code} moved from <em>{was}</em> to {self.category(change.category, change.title)}"
        assert kind == DROPPED
        return f"{code} removed from the catalog"

    def items(self, commit: Commit) -> str:
        """A commit's changes as list items; a category added with its codes is one item,
        its codes behind a <details>, so that a first commit reads as a few lines, not 70."""
        new, rest = with_new_categories(commit)
        lines = []
        for category, codes in new:
            count = f"{len(codes)} {'code' if len(codes) == 1 else 'codes'}"
            listed = "".join(f"<li>{self.code(change)}</li>" for change in codes)
            details = f"<details><summary>Its {count}</summary><ul>{listed}</ul></details>" if codes else ""
            lines.append(f'<li class="errcat-change--{CATEGORY_ADDED}">{self.line(category)}, {count}{details}</li>')
        lines += [f'<li class="errcat-change--{change.kind}">{self.line(change)}</li>' for change in rest]
        return "".join(lines)


def with_new_categories(commit: Commit) -> tuple[list[tuple[Change, list[Change]]], list[Change]]:
    """A commit's categories added, each with the codes added in it, and its other changes."""
    new: dict[str, tuple[Change, list[Change]]] = {
        change.category: (change, []) for change in commit.changes if change.kind == CATEGORY_ADDED
    }
    rest: list[Change] = []
    for change in commit.changes:
        if change.kind == ADDED and change.category in new:
            new[change.category][1].append(change)
        elif change.kind != CATEGORY_ADDED:
            rest.append(change)
    return list(new.values()), rest


def summary(commit: Commit) -> str:
    """A commit's changes counted, for an entry title: "1 category added with 5 codes, 2 codes added"."""
    new, rest = with_new_categories(commit)
    parts = []
    if new:
        codes = sum(len(added) for _, added in new)
        parts.append(
            f"{len(new)} {_COUNTED[CATEGORY_ADDED][len(new) != 1]}"
            + (f" with {codes} {'code' if codes == 1 else 'codes'}" if codes else "")
        )
    counts: dict[tuple[str, str], int] = {}
    for change in rest:
        # A rewording of descriptions alone is counted as such; one of other fields, as an entry's.
        label = _COUNTED[change.kind]
        if change.kind == DESCRIPTION and change.new not in ("", "description"):
            label = ("entry reworded", "entries reworded")
        counts[label] = counts.get(label, 0) + 1
    parts += [f"{count} {label[count != 1]}" for label, count in counts.items()]
    return ", ".join(parts)


def changes_page(
    history: History, writer: ChangeWriter, urls: Urls, source: str = "catalog.yaml"
) -> tuple[str, list[tuple[str, str]]]:
    """The content of /changes/ as HTML, and its date headings (id, text) for its table of contents.

    The page is at a category's depth: the feed, at the site root, is linked from there
    (`../changes.xml` with directory URLs, `changes.xml` without).
    """
    feed = urls.root_from_category + f"{CHANGES}.xml"
    parts = [
        '<h1 id="top">What changed<a class="headerlink" href="#top" title="Permanent link">&para;</a></h1>',
        f"<p>Every change to the catalog, newest first, from the history of <code>{html.escape(source)}</code>:"
        " a line for each code added, message changed, description reworded, status changed or code moved,"
        " and each category added or renamed. Follow it as a feed:"
        f' <a href="{feed}" type="application/atom+xml">{CHANGES}.xml</a>.</p>',
    ]
    headings: list[tuple[str, str]] = []
    if not history.available:
        reason = html.escape(str(history.unavailable))
        parts.append(f'<p class="errcat-no-history">The history is not available in this build: {reason}.</p>')
        return "\n".join(parts), headings
    if not history.commits:
        parts.append("<p>No changes yet.</p>")
    newest_first = list(reversed(history.commits))
    for date, commits in groupby(newest_first, key=lambda commit: commit.date):
        headings.append((date, date))
        parts.append(
            f'<h2 id="{date}"><time datetime="{date}">{date}</time>'
            f'<a class="headerlink" href="#{date}" title="Permanent link">&para;</a></h2>'
        )
        parts += [
            f'<ul class="errcat-changes" id="{commit_anchor(commit)}">{writer.items(commit)}</ul>' for commit in commits
        ]
    return "\n".join(parts), headings


def atom_feed(history: History, writer: ChangeWriter, site_url: str, title: str, urls: Urls) -> str:
    """/changes.xml: one Atom entry per commit that changed the catalog, newest first.

    Entry ids are the commit's anchor on /changes/, which never changes for a commit.
    """
    ET.register_namespace("", ATOM)
    page = site_url + urls.category(CHANGES)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _text(feed, "id", page)
    _text(feed, "title", f"{title}: what changed")
    _text(feed, "subtitle", "Codes added, messages changed, descriptions reworded, statuses changed, codes moved.")
    newest = history.commits[-1].timestamp if history.commits else "1970-01-01T00:00:00Z"
    _text(feed, "updated", newest)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", type="application/atom+xml", href=f"{site_url}{CHANGES}.xml")
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=page)
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", title)
    _text(feed, "generator", "errcat")
    for commit in reversed(history.commits):
        link = f"{page}#{commit_anchor(commit)}"
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "id", link)
        _text(entry, "title", summary(commit))
        _text(entry, "updated", commit.timestamp)
        _text(entry, "published", commit.timestamp)
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=link)
        content = _text(entry, "content", f"<ul>{writer.items(commit)}</ul>")
        content.set("type", "html")
    ET.indent(feed)
    return XML_DECLARATION + ET.tostring(feed, encoding="unicode") + "\n"


def opensearch(
    site_url: str, site_name: str, short_name: str | None, description: str, image_url: str | None = None
) -> str:
    """/opensearch.xml: a browser's address bar searches the index filter, /?q=<terms>.

    `image_url` is the site's favicon, as the theme serves it (none: no image).
    """
    ET.register_namespace("", OPENSEARCH)
    root = ET.Element(f"{{{OPENSEARCH}}}OpenSearchDescription")
    _text(root, "ShortName", opensearch_short_name(short_name or site_name))
    _text(root, "Description", description)
    _text(root, "InputEncoding", "UTF-8")
    if image_url:
        image = _text(root, "Image", image_url)
        image.attrib.update({"width": "16", "height": "16"})
        kind = _IMAGE_TYPES.get(image_url.rsplit("?", 1)[0].rsplit(".", 1)[-1].lower())
        if kind:
            image.set("type", kind)
    ET.SubElement(
        root, f"{{{OPENSEARCH}}}Url", type="text/html", method="get", template=f"{site_url}?q={{searchTerms}}"
    )
    ET.SubElement(
        root,
        f"{{{OPENSEARCH}}}Url",
        type="application/opensearchdescription+xml",
        rel="self",
        template=f"{site_url}opensearch.xml",
    )
    ET.indent(root)
    return XML_DECLARATION + ET.tostring(root, encoding="unicode") + "\n"


def opensearch_short_name(name: str) -> str:
    """`name` as an OpenSearch ShortName: the whole words of it that fit in SHORT_NAME_LIMIT
    characters, without the punctuation the cut leaves at the end (`Paketdienst API` of
    `Paketdienst API, Fehlercodes`); a first word longer than that, cut."""
    words = name.split()
    fitting: list[str] = []
    for word in words:
        if len(" ".join([*fitting, word])) > SHORT_NAME_LIMIT:
            break
        fitting.append(word)
    if len(fitting) == len(words):
        return " ".join(words)
    return _TRAILING_PUNCTUATION.sub("", " ".join(fitting)) or " ".join(words)[:SHORT_NAME_LIMIT]


_TRAILING_PUNCTUATION = re.compile(r"[\s,;:/|&+(\[\-\u2013\u2014\u00b7]+$")
# The MIME type of a favicon, by its extension.
_IMAGE_TYPES = MappingProxyType(
    {"png": "image/png", "ico": "image/x-icon", "svg": "image/svg+xml", "gif": "image/gif", "jpg": "image/jpeg"}
)


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{parent.tag.split('}')[0][1:]}}}{tag}")
    element.text = text
    return element
