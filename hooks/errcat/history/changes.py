"""The catalog's history for readers and tools: the /changes/ page, the Atom feed
/changes.xml, and the OpenSearch description /opensearch.xml. No MkDocs imports."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from itertools import groupby
from types import MappingProxyType

from ..catalog.model import Catalog, Code
from ..catalog.paths import CHANGES, Urls
from ..languages import ENGLISH, Words, fill, placeholders, words_for
from .read import ADDED, CATEGORY_ADDED, DESCRIPTION, Change, Commit, History

ATOM = "http://www.w3.org/2005/Atom"
OPENSEARCH = "http://a9.com/-/spec/opensearch/1.1/"
XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'
SHORT_NAME_LIMIT = 16  # OpenSearch: a ShortName has at most 16 characters

# The history's reasons for having none that errcat words in the site's language (any other,
# such as git's own message, is shown as it is).
_REASONS = ("history.shallow", "history.not_asked", "history.not_read")


def message_key(prefix: str, kind: str) -> str:
    """The key of a kind of change's text: `change.category_added`."""
    return f"{prefix}.{kind.replace('-', '_')}"


def fields_reworded(change: Change, words: Words) -> str:
    """The fields a DESCRIPTION or CATEGORY_REWORDED change names, as a phrase of the
    language: "description", "description and note", "examples, see also and HTTP status"."""
    names = [name for name in change.new.split(",") if name] or ["description"]
    return words.listed([words.text(f"field.{name}") if f"field.{name}" in words.messages else name for name in names])


def commit_anchor(commit: Commit) -> str:
    return f"commit-{commit.sha[:12]}"


class ChangeLines:
    """One line a change, for a writer with a text for each kind of change (`template`).

    Each kind is described once: the values its text may name (the code, the category, what
    was old and what is new...). A writer gives each value in its own form (`values`: HTML
    for the page and the feed, here; Markdown for errcat diff, in review.py); a text's
    `{name}` puts one in, and `{Name}` puts it in with a capital, as a sentence starts.
    """

    def template(self, kind: str) -> str:
        raise NotImplementedError

    def values(self) -> Mapping[str, Callable[[Change], str]]:
        raise NotImplementedError

    def line(self, change: Change) -> str:
        template = self.template(change.kind)
        values = self.values()
        return fill(template, {name: values[name](change) for name in placeholders(template) if name in values})


class ChangeWriter(ChangeLines):
    """Lines that describe changes, in HTML in the site's language, with links made by
    `href(category_id, code)`.

    A link goes to where the code (or category) is now; a code no longer in the catalog
    is named without a link.
    """

    def __init__(self, catalog: Catalog, href: Callable[[str, Code | None], str], words: Words | None = None) -> None:
        self.catalog = catalog
        self.href = href
        self.words = words or words_for()[0]
        self.ltr = ' dir="ltr"' if self.words.rtl else ""

    def code(self, change: Change) -> str:
        assert change.code is not None
        text = self.words.isolated(f"<code>{change.code}</code> {html.escape(change.message)}")
        found = self.catalog.find(change.code)
        if found is None:
            return text
        return f'<a href="{html.escape(self.href(found[0].id, change.code))}">{text}</a>'

    def category(self, category_id: str, title: str) -> str:
        text = f"<em>{html.escape(title)}</em>"
        if self.catalog.category(category_id) is None:
            return text
        return f'<a href="{html.escape(self.href(category_id, None))}">{text}</a>'

    def template(self, kind: str) -> str:
        return self.words.html(message_key("change", kind))

    def values(self) -> Mapping[str, Callable[[Change], str]]:
        words, ltr = self.words, self.ltr
        return {
            "code": self.code,
            "category": lambda change: self.category(change.category, change.title),
            "old": lambda change: f"<code{ltr}>{html.escape(change.old)}</code>",
            "new": lambda change: f"<code{ltr}>{html.escape(change.new)}</code>",
            "old_status": lambda change: html.escape(words.status(change.old)),
            "new_status": lambda change: f"<strong>{html.escape(words.status(change.new))}</strong>",
            "old_category": lambda change: f"<em>{html.escape(self._old_title(change.old))}</em>",
            "fields": lambda change: html.escape(fields_reworded(change, words)),
            "changed": lambda change: f"<strong>{words.html('change.message_changed')}</strong>",
        }

    def _old_title(self, category_id: str) -> str:
        old = self.catalog.category(category_id)
        return old.title if old else category_id

    def items(self, commit: Commit) -> str:
        """A commit's changes as list items; a category added with its codes is one item,
        its codes behind a <details>, so that a first commit reads as a few lines, not 70."""
        new, rest = with_new_categories(commit)
        words = self.words
        lines = []
        for category, codes in new:
            count = words.html("change.codes", len(codes))
            listed = "".join(f"<li>{self.code(change)}</li>" for change in codes)
            summary = words.html("change.its_codes", len(codes))
            details = f"<details><summary>{summary}</summary><ul>{listed}</ul></details>" if codes else ""
            line = words.html("change.with_codes", change=self.line(category), codes=count)
            lines.append(f'<li class="errcat-change--{CATEGORY_ADDED}">{line}{details}</li>')
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


def summary(commit: Commit, words: Words | None = None) -> str:
    """A commit's changes counted, for an entry title: "1 category added with 5 codes, 2 codes added"."""
    words = words or words_for()[0]
    new, rest = with_new_categories(commit)
    parts = []
    if new:
        codes = sum(len(added) for _, added in new)
        categories = words.text("count.category_added", len(new))
        parts.append(
            words.text("count.with_codes", categories=categories, codes=words.text("change.codes", codes))
            if codes
            else categories
        )
    counts: dict[str, int] = {}
    for change in rest:
        # A rewording of descriptions alone is counted as such; one of other fields, as an entry's.
        key = message_key("count", change.kind)
        if change.kind == DESCRIPTION and change.new not in ("", "description"):
            key = "count.entry_reworded"
        counts[key] = counts.get(key, 0) + 1
    parts += [words.text(key, count) for key, count in counts.items()]
    return words.template("list.separator").join(parts)


def changes_page(
    history: History, writer: ChangeWriter, urls: Urls, source: str = "catalog.yaml"
) -> tuple[str, list[tuple[str, str]]]:
    """The content of /changes/ as HTML, and its date headings (id, text) for its table of contents.

    The page is at a category's depth: the feed, at the site root, is linked from there
    (`../changes.xml` with directory URLs, `changes.xml` without).
    """
    words, ltr = writer.words, writer.ltr
    feed = urls.root_from_category + f"{CHANGES}.xml"
    permalink = html.escape(words.text("heading.permalink"))
    link = f'<a href="{feed}" type="application/atom+xml"{ltr}>{CHANGES}.xml</a>'
    intro = words.html("changes.intro", source=f"<code{ltr}>{html.escape(source)}</code>", feed=link)
    title = words.html("changes.title")
    parts = [
        f'<h1 id="top">{title}<a class="headerlink" href="#top" title="{permalink}">&para;</a></h1>',
        f"<p>{intro}</p>",
    ]
    headings: list[tuple[str, str]] = []
    if not history.available:
        reason = str(history.unavailable)
        known = [key for key in _REASONS if words.english.get(key) == reason]
        said = words.html(known[0]) if known else html.escape(reason)
        parts.append(f'<p class="errcat-no-history">{words.html("changes.unavailable", reason=said)}</p>')
        return "\n".join(parts), headings
    if not history.commits:
        parts.append(f"<p>{words.html('changes.none')}</p>")
    newest_first = list(reversed(history.commits))
    for date, commits in groupby(newest_first, key=lambda commit: commit.date):
        day = html.escape(words.date(date))
        headings.append((date, day))
        parts.append(
            f'<h2 id="{date}"><time datetime="{date}">{day}</time>'
            f'<a class="headerlink" href="#{date}" title="{permalink}">&para;</a></h2>'
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
    words = writer.words
    page = site_url + urls.category(CHANGES)
    feed = ET.Element(f"{{{ATOM}}}feed")
    if words.language != ENGLISH:  # (English, errcat's first language, says nothing: its feeds stay as they were)
        feed.set("{http://www.w3.org/XML/1998/namespace}lang", words.language)
    _text(feed, "id", page)
    _text(feed, "title", words.text("feed.title", site=title))
    _text(feed, "subtitle", words.text("feed.subtitle"))
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
        _text(entry, "title", summary(commit, words))
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
