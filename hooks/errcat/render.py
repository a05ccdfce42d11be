"""Page text for the site, made for one build: no MkDocs imports, no state beyond the build."""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple, TypeVar

from .changes import ChangeWriter, atom_feed, changes_page, commit_anchor, opensearch
from .history import History
from .markup import Markup
from .model import INTEGER, TEXT, TEXT_CODE, Catalog, Category, Code, ErrorCode, former_categories
from .paths import ASSETS, CATALOG_JSON, CATALOG_JSON_SCHEMA, CHANGES, CODE_LOOKUP, OPENSEARCH, TITLE_ID, Urls
from .schema import Schema

INDEX_MARKER = "<!-- errcat:index -->"
# A table longer than LONG_TABLE rows shows ROWS_SHOWN matching rows at once (the rest
# behind a button): laying out rows is what a keystroke costs. The table carries both
# facts for errcat.js and errcat.css (data-rows-shown, the errcat-long class, a style).
LONG_TABLE = 200
ROWS_SHOWN = 50
# Until errcat.js has set a long table up, show only the rows it will show: laying out
# and styling every row, only for the script to take most of them away, costs seconds at
# 10,000 codes. Without JavaScript the errcat-js class is absent and every row shows.
# (The renderer marks long tables: a :has() test in CSS slowed the load of 10,000 rows
# by half.)
READY = "errcat-ready"  # the attribute errcat.js marks what it has set up with: data-errcat-ready
JS_CLASS = "errcat-js"  # on <html> while scripts run
FIRST_PAINT_RULE = (
    f".{JS_CLASS} table.errcat-long:not([data-{READY}]) tbody tr:nth-child(n+{{first_hidden}}){{{{display:none}}}}"
)
SCRIPT = f"{ASSETS}/errcat.js"
STYLESHEET = f"{ASSETS}/errcat.css"
# What a code looks like in an address or a search box, for errcat.js (JavaScript syntax).
CODE_PATTERNS = MappingProxyType({INTEGER: "-?[0-9]+", TEXT: TEXT_CODE})
CATALOG_JSON_VERSION = 1
CATALOG_JSON_SCHEMA_SOURCE = Path(__file__).resolve().parent / "catalog-json.schema.json"
# /changes/ lists changes, not codes: out of search, where it would answer every code.
CHANGES_FRONT_MATTER = '---\ntitle: "What changed"\nsearch:\n  exclude: true\n---\n'
T = TypeVar("T")
_compact_json = partial(json.dumps, ensure_ascii=False, separators=(",", ":"))


def _heading_text(text: str) -> str:
    """Catalog text as the text of a heading: on one line, escaped (quotes are text)."""
    return html.escape(" ".join(text.split()), quote=False)


def _heading(level: int, id: str, content: str, attributes: str = "") -> str:
    """A heading with its permalink, as MkDocs' `toc` extension (permalink: true) writes it."""
    return (
        f'<h{level}{attributes} id="{id}">{content}'
        f'<a class="headerlink" href="#{id}" title="Permanent link">&para;</a></h{level}>'
    )


class RenderCache:
    """What one build rendered of each code, for the next build (under `mkdocs serve`) to reuse.

    Each part (a code's section, its row in the index, its record in catalog.json) is keyed
    by everything it is made from (the kind of part, the code's every field, its category,
    what it shows of the codes it refers to) and the renderer's settings, so a reused part
    is the one a fresh build would render. Rendered Markdown is keyed by its text, the
    compiled schema by its file's text. Only what the last build used is kept.
    """

    def __init__(self) -> None:
        self.settings: object = None
        self.parts: dict[tuple[object, ...], Any] = {}
        self.markup = Markup()
        self.schema: tuple[Path, str, Schema] | None = None  # the compiled schema, by its path and text

    def compiled_schema(self, path: Path) -> Schema:
        """The schema at `path`, compiled again only when its text has changed."""
        text = path.read_text(encoding="utf-8")
        if self.schema is None or self.schema[:2] != (path, text):
            self.schema = (path, text, Schema(path, text))
        return self.schema[2]


@dataclass(frozen=True)
class TocEntry:
    """A heading of a page, for its table of contents: `title` is HTML, without tags."""

    level: int
    id: str
    title: str
    children: tuple[TocEntry, ...] = ()


@dataclass(frozen=True)
class PageBody:
    """The finished HTML of a page's content, with what a generator would otherwise parse
    out of it again: its table of contents and every id in it."""

    html: str
    toc: tuple[TocEntry, ...]
    ids: frozenset[str]
    # What a search engine indexes of it: the same headings and text, without the markup
    # and the parts it leaves out (permalinks, data-search-exclude), so it parses fast.
    search_html: str


class Section(NamedTuple):
    html: str
    search_html: str
    toc: TocEntry


@dataclass(frozen=True)
class GeneratedFile:
    """A file of the site made from the catalog: a page (Markdown) or a file served as is.

    A category page's Markdown is only its front matter: its content is `body`, finished
    HTML, which the generator puts in place of whatever it renders from the Markdown.
    """

    path: str  # relative to the site's source folder, e.g. "billing.md"
    content: str
    category: Category | None = None  # for a category page
    body: PageBody | None = None  # for a category page


@dataclass(frozen=True)
class SiteNames:
    """The site's own words: what it is called (in the feed's title, and in a browser's list
    of search engines) and what its API calls the code and message fields of a response."""

    site_name: str = "Error codes"
    short_name: str | None = None  # at most 16 characters (OpenSearch); the site name, cut, if not given
    code_label: str = "Code"  # what the API names the code field
    message_label: str = "Message"
    source: str = "catalog.yaml"  # the catalog's path, as catalog.json names it


class Renderer:
    """Every page and file the catalog adds to one build.

    `statuses` maps each status to what it means (from the schema); codes with
    `default_status` get no badge.
    """

    def __init__(
        self,
        catalog: Catalog,
        urls: Urls,
        site_url: str | None,
        statuses: Mapping[str, str],
        default_status: str,
        cache: RenderCache | None = None,
        history: History | None = None,
        names: SiteNames | None = None,
        changes: bool = True,
    ) -> None:
        self.catalog = catalog
        self.changes = changes  # the page /changes/ and the feed /changes.xml
        self.urls = urls
        self.site_url = site_url.rstrip("/") + "/" if site_url else None  # absolute links need it
        self.root = self.site_url or "/"
        self.history = history or History(unavailable="it was not read")
        self.names = names or SiteNames()
        self.statuses = statuses
        self.default_status = default_status
        self.with_http = catalog.has_http_status  # an HTTP column in the index, when any code has one
        # Without a cache (a one-off build), nothing is kept: there is no next build.
        settings = (urls, self.root, tuple(statuses.items()), default_status, self.names)
        self._reusable = cache.parts if cache and cache.settings == settings else {}
        self._rendered: dict[tuple[object, ...], Any] | None = None  # what this build renders, for the next
        if cache:
            cache.settings, cache.parts = settings, {}
            self._rendered = cache.parts
        self.markup = cache.markup if cache else Markup()
        # Titles and messages are escaped on several pages each; at 10,000 codes it adds up.
        self.escape = lru_cache(maxsize=None)(html.escape)
        texts = [category.description for category in catalog.categories if category.description]
        for _, error in catalog.codes():
            texts += [error.description, *error.examples, *error.causes, *error.solutions]
            texts += [error.note] if error.note else []
        self.markup.prepare(texts)

    def files(self) -> list[GeneratedFile]:
        """Every file the catalog adds to the site (the index table goes into index.md)."""
        files = []
        moves = self.catalog.moved_away()
        for category in self.catalog.categories:
            body = self.category_page(category, moves.get(category.id, []))
            files.append(
                GeneratedFile(self.urls.category_src(category.id), self.front_matter(category), category, body)
            )
        current = {category.id for category in self.catalog.categories}
        for former, pairs in moves.items():
            if former not in current:
                files.append(GeneratedFile(self.urls.category_html(former), self.moved_page(former, pairs)))
        files.append(GeneratedFile(CODE_LOOKUP, self.code_lookup()))
        files.append(GeneratedFile(CATALOG_JSON, self.catalog_json()))
        files.append(GeneratedFile(CATALOG_JSON_SCHEMA, self.catalog_json_schema()))
        if self.changes:
            changes = self.changes_page()
            files.append(GeneratedFile(self.urls.category_src(CHANGES), CHANGES_FRONT_MATTER, body=changes))
        if self.site_url:  # both need absolute URLs
            if self.changes:
                writer = ChangeWriter(self.catalog, self._absolute_href)
                feed = atom_feed(self.history, writer, self.site_url, self.names.site_name, self.urls)
                files.append(GeneratedFile(f"{CHANGES}.xml", feed))
            description = f"Search the {self.names.site_name} by code, message, category or description."
            search = opensearch(self.site_url, self.names.site_name, self.names.short_name, description)
            files.append(GeneratedFile(OPENSEARCH, search))
        return files

    # --- what changed --------------------------------------------------------------------

    def changes_page(self) -> PageBody:
        """/changes/: every change, newest first, grouped by day; a heading per day."""
        writer = ChangeWriter(self.catalog, self._relative_href)
        content, headings = changes_page(self.history, writer, self.urls, self.names.source)
        days = tuple(TocEntry(2, anchor, text) for anchor, text in headings)
        ids = {TITLE_ID, *(anchor for anchor, _ in headings)}
        ids.update(commit_anchor(commit) for commit in self.history.commits)
        return PageBody(content, (TocEntry(1, TITLE_ID, "What changed", days),), frozenset(ids), "")

    def _target(self, category_id: str, code: Code | None) -> str:
        """A category's page or a code's entry, relative to the site root."""
        return self.urls.category(category_id) if code is None else self.urls.code(category_id, code)

    def _relative_href(self, category_id: str, code: Code | None) -> str:
        """A link from a page at a category's depth (such as /changes/)."""
        return self.urls.root_from_category + self._target(category_id, code)

    def _absolute_href(self, category_id: str, code: Code | None) -> str:
        assert self.site_url
        return self.site_url + self._target(category_id, code)

    def dates(self, code: Code) -> tuple[str | None, str | None]:
        """When a code first appeared and last changed (ISO dates), where the history says."""
        return self.history.added.get(code), self.history.changed.get(code)

    def permalink_pages(self) -> Iterator[GeneratedFile]:
        """The permanent page of every code, /codes/<code>/, made one at a time as it is
        written: there is one per code, and none is a page for the site generator."""
        for category, error in self.catalog.codes():
            yield GeneratedFile(self.urls.permalink_html(error.code), self.code_redirect(category, error))

    def permalink_page(self, code: str) -> str | None:
        """The permanent page of the code written `code` in its address, if the catalog has it."""
        found = self.catalog.find_text(code)
        return self.code_redirect(*found) if found else None

    def nav_title(self, category: Category) -> str:
        """The category's title for MkDocs' nav, where themes print titles as raw HTML."""
        return self.escape(category.title)

    # --- category pages ----------------------------------------------------------------

    def category_page(self, category: Category, moved_away: list[tuple[Category, ErrorCode]]) -> PageBody:
        """The content of one category page, as finished HTML: its description, one section
        per code, then an anchor for each code that moved away from it, leading to where it
        is now.

        Every heading carries a permalink, like the headings MkDocs renders from Markdown.
        The h1 has a fixed id: the slug of the title would be made of catalog text. A text
        code `top` would collide with it: the validation refuses a code of that name.
        """
        title = _heading_text(category.title)
        parts, searched = [_heading(1, TITLE_ID, title)], [f'<h1 id="{TITLE_ID}">{title}</h1>']
        if category.description:
            intro = self.markup.block(category.description)
            parts.append(f'<div class="errcat-intro">\n{intro}\n</div>\n')
            searched.append(intro)
        entries = []
        for error in category.codes:
            section = self.code_section(category, error)
            parts.append(section.html)
            searched.append(section.search_html)
            entries.append(section.toc)
        ids = {TITLE_ID, *(entry.id for entry in entries)}
        if moved_away:
            items = "\n".join(self.moved_item(new_category, error) for new_category, error in moved_away)
            ids.update(str(error.code) for _, error in moved_away)
            # Out of the search index and the table of contents: codes are found where they are.
            parts.append(
                '<div class="errcat-moved" data-search-exclude>\n'
                '<p class="errcat-label">Moved to other categories</p>\n'
                f"<ul>\n{items}\n</ul>\n</div>\n"
            )
        toc = (TocEntry(1, TITLE_ID, title, tuple(entries)),)
        return PageBody("\n".join(parts).rstrip("\n"), toc, frozenset(ids), "\n".join(searched))

    def front_matter(self, category: Category) -> str:
        """A category page's Markdown: only its title (its content is its PageBody).

        Material prints the front-matter title into <title> as it is, and would strip tags
        from (and so unescape) any other title: give it escaped text.
        """
        return f"---\ntitle: {json.dumps(self.nav_title(category))}\n---\n"

    def code_section(self, category: Category, error: ErrorCode) -> Section:
        """A code's section, what search indexes of it, and its entry in the table of contents.

        The heading is a heading of its own, so that it is in the table of contents and is
        its own search entry; its id is exactly the code.
        """
        key = ("section", category.id, error, self._see_also_targets(error), self.dates(error.code))
        return self._reused(key, self._code_section, category, error)

    def _reused(self, key: tuple[object, ...], make: Callable[..., T], *args: Any) -> T:
        """What the last build made for `key`, or `make(*args)`; kept for the next build."""
        made = self._reusable.get(key)
        if made is None:
            made = make(*args)
        if self._rendered is not None:
            self._rendered[key] = made
        return made

    def _code_section(self, category: Category, error: ErrorCode) -> Section:
        text = f"{error.code} {_heading_text(error.message)}"
        badge = self.badge(error)
        message = self.escape(error.message)
        label = self.escape(self.names.message_label)
        status_and_note = self.status_and_note(error)
        description = self.markup.block(error.description)
        http = [f'<p class="errcat-http">HTTP status <code>{error.http_status}</code></p>'] if error.http_status else []
        lists = [
            *self.examples(error),
            *self.markdown_list("errcat-causes", "Possible causes", error.causes),
            *self.markdown_list("errcat-solutions", "Possible solutions", error.solutions),
        ]
        body = [
            _heading(2, str(error.code), text + badge, ' class="errcat-heading"'),
            f'<div class="errcat-entry" data-code="{error.code}">',
            f'<p class="errcat-message"><span>{label}</span> <code>{message}</code></p>',
            *http,
            *self.dates_line(error.code),
            *status_and_note,
            f'<div class="errcat-description">{description}</div>',
            *lists,
            *self.see_also(category, error),
            "</div>\n",
        ]
        searched = [
            f'<h2 id="{error.code}">{text}{badge}</h2>',
            f"<p>{label} <code>{message}</code></p>",
            *http,
            *status_and_note,
            description,
            *lists,
        ]
        toc_title = f"{text} {error.status}" if badge else text
        return Section("\n".join(body), "\n".join(searched), TocEntry(2, str(error.code), toc_title))

    def _see_also_targets(self, error: ErrorCode) -> tuple[tuple[str, str], ...]:
        """What a code's section shows of the codes it refers to: their category and message."""
        targets = []
        for code in error.see_also:
            category, target = self.catalog.lookup(code)
            targets.append((category.id, target.message))
        return tuple(targets)

    def dates_line(self, code: Code) -> list[str]:
        """When the code appeared and last changed, small, under its message (no line without history)."""
        added, changed = self.dates(code)
        if added is None and changed is None:
            return []
        parts = []
        if added:
            parts.append(f'Added <time datetime="{added}">{added}</time>')
        if changed and changed != added:
            parts.append(f'changed <time datetime="{changed}">{changed}</time>')
        text = ", ".join(parts)
        return [f'<p class="errcat-dates" data-search-exclude>{text[0].upper()}{text[1:]}</p>']

    def status_and_note(self, error: ErrorCode) -> list[str]:
        note = self.markup.inline(error.note) if error.note else ""
        if error.status != self.default_status:
            return [
                f'<div class="errcat-status errcat-status--{error.status}">'
                f"<p><strong>{error.status.capitalize()}:</strong> {self.statuses[error.status]}"
                f"{' ' + note if note else ''}</p></div>"
            ]
        if note:
            return [f'<div class="errcat-note"><p><strong>Note:</strong> {note}</p></div>']
        return []

    def examples(self, error: ErrorCode) -> list[str]:
        if not error.examples:
            return []
        items = "".join(f"<li>{self.markup.inline(example)}</li>" for example in error.examples)
        title = "Example scenario" if len(error.examples) == 1 else "Example scenarios"
        return [f'<div class="errcat-examples"><p class="errcat-label">{title}</p><ul>{items}</ul></div>']

    def markdown_list(self, class_name: str, title: str, items: tuple[str, ...]) -> list[str]:
        """An optional list of Markdown items under a label, such as "Possible causes"."""
        if not items:
            return []
        rendered = "".join(f"<li>{self.markup.inline(item)}</li>" for item in items)
        return [f'<div class="{class_name}"><p class="errcat-label">{title}</p><ul>{rendered}</ul></div>']

    def see_also(self, category: Category, error: ErrorCode) -> list[str]:
        if not error.see_also:
            return []
        links = []
        for code in error.see_also:
            target_category, target = self.catalog.lookup(code)
            href = (
                f"#{code}"
                if target_category is category
                else self.urls.root_from_category + self.urls.code(target_category.id, code)
            )
            links.append(
                f'<li><a href="{self.escape(href)}"><code>{code}</code> {self.escape(target.message)}</a></li>'
            )
        # Out of the search index: a search for 70093 should list 70093, not every
        # code that mentions it.
        return [
            '<div class="errcat-see-also" data-search-exclude><p class="errcat-label">See also</p>'
            f"<ul>{''.join(links)}</ul></div>"
        ]

    def badge(self, error: ErrorCode) -> str:
        if error.status == self.default_status:
            return ""
        return f' <span class="errcat-badge errcat-badge--{error.status}">{error.status}</span>'

    def moved_item(self, category: Category, error: ErrorCode) -> str:
        """The anchor a code keeps at a category it left: a visible line that links to its entry.

        errcat.js (or, on a stub page, its own script) follows the link at once.
        """
        root = self.urls.root_from_category
        target = self.escape(root + self.urls.code(category.id, error.code))
        return (
            f'<li id="{error.code}" class="errcat-moved-code"><a href="{target}"><code>{error.code}'
            f" {self.escape(error.message)}</code></a> moved to"
            f' <a href="{self.escape(root + self.urls.category(category.id))}">'
            f"<em>{self.escape(category.title)}</em></a></li>"
        )

    # --- the index table ------------------------------------------------------------------

    def index_table(self) -> str:
        """One HTML table of every code, for the home page.

        Written as HTML rather than a Markdown table: it is the largest thing on the site,
        and Markdown would only have to parse it back.
        """
        rows = [
            self._reused(("row", category.id, category.title, error, self.with_http), self._index_row, category, error)
            for category, error in self.catalog.codes()
        ]
        # Out of the search index: every code has its own entry on its category page.
        # A long table is marked, with its number of rows shown, so that its first paint
        # shows only the rows the filter will show (errcat.js reads the same number).
        long = len(rows) > LONG_TABLE
        attributes = (
            f' class="errcat-index errcat-long" data-rows-shown="{ROWS_SHOWN}"' if long else ' class="errcat-index"'
        )
        # Integer codes sort as numbers (errcat.js compares their digits, never as floats).
        sort = ' data-sort="number"' if self.catalog.code_type == INTEGER else ""
        http = "<th>HTTP</th>" if self.with_http else ""
        table = (
            f"<table{attributes} data-search-exclude>\n"
            f"<thead><tr><th{sort}>Code</th><th>Message</th>{http}<th>Category</th>"
            "<th>Description</th></tr></thead>\n"
            "<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"
        )
        if long:  # the first paint: only the rows errcat.js will show (a rule before the rows it hides)
            table = f"<style>{FIRST_PAINT_RULE.format(first_hidden=ROWS_SHOWN + 1)}</style>\n{table}"
        return table

    def _index_row(self, category: Category, error: ErrorCode) -> str:
        row_class = "" if error.status == self.default_status else f' class="errcat-row--{error.status}"'
        return (
            f"<tr{row_class}>"
            f'<td><a href="{self.urls.code(category.id, error.code)}">{error.code}</a></td>'
            f'<td class="errcat-msg">{self.escape(error.message).replace("_", "_<wbr>")}{self.badge(error)}</td>'
            + (f"<td>{error.http_status or ''}</td>" if self.with_http else "")
            + f'<td><a href="{self.urls.category(category.id)}">{self.escape(category.title)}</a></td>'
            f"<td>{self.markup.inline(error.description)}</td>"
            "</tr>"
        )

    # --- for tools --------------------------------------------------------------------------

    def catalog_json(self) -> str:
        """/catalog.json: every code for tools, in catalog order, with a fixed key order.

        The format is documented in docs/catalog-json.md; change both together, and bump
        CATALOG_JSON_VERSION when a key changes meaning or goes away.
        """
        codes = [
            self._reused(
                ("record", category.id, category.title, category.former_ids, error), self._record, category, error
            )
            for category, error in self.catalog.codes()
        ]
        # One code a line: small, and a diff of two versions shows which codes changed.
        # Encoded in one call; `},{"code":` only occurs between two codes, since a quote
        # inside a JSON string is always escaped.
        lines = _compact_json(codes)[1:-1].replace('},{"code":', '},\n{"code":')
        source = json.dumps(self.names.source, ensure_ascii=False)
        return f'{{"version":{CATALOG_JSON_VERSION},"source":{source},"codes":[\n{lines}\n]}}\n'

    def _record(self, category: Category, error: ErrorCode) -> dict[str, Any]:
        """A code's record in catalog.json."""
        root, urls, text = self.root, self.urls, self.markup.text
        added, changed = self.dates(error.code)
        return {
            "code": error.code,
            "message": error.message,
            "description": text(error.description),
            "examples": [text(example) for example in error.examples],
            "category": {"id": category.id, "title": category.title},
            "status": error.status,
            "note": text(error.note) if error.note else None,
            "see_also": list(error.see_also),
            "url": root + urls.code(category.id, error.code),
            "permalink": root + urls.permalink(error.code),
            "former_urls": [root + urls.code(former, error.code) for former in former_categories(category, error)],
            "added": added,
            "changed": changed,
            "http_status": error.http_status,
            "causes": [text(cause) for cause in error.causes],
            "solutions": [text(solution) for solution in error.solutions],
        }

    def catalog_json_schema(self) -> str:
        """/catalog.schema.json: the JSON Schema of /catalog.json, with this build's statuses and address."""
        schema = json.loads(CATALOG_JSON_SCHEMA_SOURCE.read_text(encoding="utf-8"))
        schema["$id"] = self.root + CATALOG_JSON_SCHEMA
        code = schema["$defs"]["code"]["properties"]
        code["status"]["enum"] = list(self.statuses)
        # Which kind of code this catalog has: a JSON number or a JSON string.
        kind = {"type": "integer"} if self.catalog.code_type == INTEGER else {"type": "string", "minLength": 1}
        code["code"] = {**code["code"], **kind}
        code["see_also"]["items"] = kind
        return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"

    def code_lookup(self) -> str:
        """JSON for the search box's direct hit and the 404 page: code -> where, message, category."""
        lookup = {
            str(error.code): {
                "url": self.urls.code(category.id, error.code),
                "message": error.message,
                "category": category.title,
            }
            for category, error in self.catalog.codes()
        }
        return json.dumps(lookup, ensure_ascii=False, separators=(",", ":"))

    # --- pages written as HTML --------------------------------------------------------------

    def code_redirect(self, category: Category, error: ErrorCode) -> str:
        """The permanent page /codes/<code>/: a redirect to the code's anchor that needs no JavaScript.

        It stays valid when a code moves to another category, so tools can print it.
        """
        escape = self.escape
        target = "../../" + self.urls.code(category.id, error.code)
        canonical = (self.root if self.root != "/" else "../../") + self.urls.code(category.id, error.code)
        name = escape(f"{error.code} {error.message}")
        return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Error {name}</title>
<meta name="robots" content="noindex">
<link rel="icon" href="../../assets/images/favicon.png">
<link rel="canonical" href="{escape(canonical)}">
<meta http-equiv="refresh" content="0; url={escape(target)}">{self.head_links("../../")}
</head>
<body>
<main>
<h1>Error {name}</h1>
<p>Error code <a href="{escape(target)}">{name}</a> is described under {escape(category.title)}.</p>
</main>
</body>
</html>
"""

    def page_head(self, root: str, is_homepage: bool = False) -> str:
        """What every page of the site gets in its <head>: the facts errcat.js reads, the feed
        and search links, and the scripts that must run before the page's body is parsed.

        `root` is the site's root as the page links it: relative (`../` from a category
        page), or from the host's root (`/error-codes/`) for a page served at any depth.
        """
        escape = self.escape
        ready = "".join(part.capitalize() if index else part for index, part in enumerate(READY.split("-")))
        settings = {
            "lookup": CODE_LOOKUP,
            "script": SCRIPT,
            "ready": ready,
            "code-type": self.catalog.code_type,
            "code-pattern": CODE_PATTERNS[self.catalog.code_type],
            "code-label": self.names.code_label,
            "message-label": self.names.message_label,
        }
        attributes = "".join(f' data-{name}="{escape(value)}"' for name, value in settings.items())
        parts = [f'<meta name="errcat" content="errcat"{attributes}>', self.head_links(root).strip()]
        # With scripts on, the table of codes starts at its first rows (FIRST_PAINT_RULE),
        # so the browser never lays out thousands of rows that errcat.js would take away at
        # once; if errcat.js did not set the table up (it failed to load), every row shows.
        parts.append(
            "<script>"
            f'document.documentElement.classList.add("{JS_CLASS}");'
            'window.addEventListener("load",function(){'
            f'if(!document.querySelector("table.errcat-index[data-{READY}]"))'
            f'document.documentElement.classList.remove("{JS_CLASS}");'
            "});</script>"
        )
        if is_homepage:
            # On the home page ?q= filters the table of codes. Material's search reads ?q=
            # as it starts and would open itself over the page: take the query away from it
            # before it runs; errcat.js puts it back into the address.
            parts.append(
                "<script>(function(){var url=new URL(window.location.href);"
                'if(!url.searchParams.has("q"))return;'
                'window.__errcatInitialQuery=url.searchParams.get("q");'
                'url.searchParams.delete("q");'
                'window.history.replaceState(window.history.state,"",url.href);})();</script>'
            )
        return "\n".join(part for part in parts if part) + "\n"

    def head_links(self, root: str) -> str:
        """The feed and the search engine, as every page of the site links them (with a site URL).

        Linked from `root`, never from site_url: a site served elsewhere (a fork, a preview,
        a local copy) must not send a reader's browser to the published host. Material
        reads the sitemap beside every `rel=alternate` link: an absolute one made every
        page fetch the published site's sitemap.
        """
        if not self.site_url:
            return ""
        escape, names = self.escape, self.names
        feed = (
            f'\n<link rel="alternate" type="application/atom+xml" title="{escape(names.site_name)}: what changed"'
            f' href="{escape(root)}{CHANGES}.xml">'
            if self.changes
            else ""
        )
        return (
            f"{feed}\n"
            '<link rel="search" type="application/opensearchdescription+xml"'
            f' title="{escape(names.short_name or names.site_name)}" href="{escape(root)}{OPENSEARCH}">'
        )

    def moved_page(self, former: str, pairs: list[tuple[Category, ErrorCode]]) -> str:
        """The page a category id keeps after its category was renamed or its codes moved.

        Plain HTML, out of the nav, the search index and the sitemap: a line for each former
        code at its old anchor, linking to where it is now. Its script follows the link the
        address points to at once (and, with no code in the address, goes to the category
        the codes went to, when they all went to one).
        """
        root, escape = self.urls.root_from_category, self.escape
        items = "\n".join(self.moved_item(category, error) for category, error in pairs)
        destinations = list(dict.fromkeys(category.id for category, _ in pairs))
        whole = json.dumps(root + self.urls.category(destinations[0]) if len(destinations) == 1 else "")
        return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Moved: the codes of /{escape(former)}/</title>
<meta name="robots" content="noindex">
<link rel="icon" href="{root}assets/images/favicon.png">{self.head_links(root)}
</head>
<body>
<main>
<h1>These codes moved</h1>
<p>The codes that were published at <code>/{escape(former)}/</code> are now described elsewhere:</p>
<ul>
{items}
</ul>
<p><a href="{root}">All error codes</a></p>
</main>
<script>
(function () {{
  var id = location.hash.slice(1);
  try {{ id = decodeURIComponent(id); }} catch (error) {{}}
  var item = id && document.getElementById(id);
  var link = item && item.querySelector("a");
  if (link) location.replace(link.href);
  else if (!id && {whole}) location.replace({whole});
}})();
</script>
</body>
</html>
"""
