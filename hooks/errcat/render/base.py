"""What every part of a build's rendering shares: the names, the data it hands over, and the
context (the catalog, its addresses and words, what the last build rendered).

No MkDocs imports.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple, TypeVar
from urllib.parse import urlsplit

from ..catalog.model import INTEGER, TEXT, TEXT_CODE, Catalog, Category, Code, ErrorCode
from ..catalog.paths import ASSETS, CHANGES, FAVICON, OPENSEARCH, Urls
from ..catalog.reread import LastRead
from ..catalog.schema import Schema, read_schema_text
from ..history.read import History
from ..languages import Words, words_for
from .markup import Markup

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
# The mark of a page errcat makes (errcat.css holds its page-wide rules to these pages).
PAGE_MARK = "data-errcat-page"
FIRST_PAINT_RULE = (
    f".{JS_CLASS} table.errcat-long:not([data-{READY}]) tbody tr:nth-child(n+{{first_hidden}}){{{{display:none}}}}"
)
SCRIPT = f"{ASSETS}/errcat.js"
STYLESHEET = f"{ASSETS}/errcat.css"
# The files behind SCRIPT and STYLESHEET, by the path the site serves each at: every engine serves them.
ASSET_FILES = MappingProxyType(
    {
        SCRIPT: Path(__file__).resolve().parents[1] / "assets" / "errcat.js",
        STYLESHEET: Path(__file__).resolve().parents[1] / "assets" / "errcat.css",
    }
)
# The theme templates every engine renders (MkDocs with Jinja2, Zensical with MiniJinja): the 404 page.
THEME_TEMPLATES = Path(__file__).resolve().parent / "templates"
# What a code looks like in an address or a search box, for errcat.js (JavaScript syntax).
CODE_PATTERNS = MappingProxyType({INTEGER: "-?[0-9]+", TEXT: TEXT_CODE})
CATALOG_JSON_VERSION = 1
CATALOG_JSON_SCHEMA_SOURCE = Path(__file__).resolve().parents[1] / "catalog-json.schema.json"
# /changes/ lists changes, not codes: out of search, where it would answer every code.
CHANGES_FRONT_MATTER = "---\ntitle: {title}\nsearch:\n  exclude: true\n---\n"
T = TypeVar("T")


def _heading_text(text: str) -> str:
    """Catalog text as the text of a heading: on one line, escaped (quotes are text)."""
    return html.escape(" ".join(text.split()), quote=False)


def _heading(level: int, id: str, content: str, attributes: str = "", permalink: str = "Permanent link") -> str:
    """A heading with its permalink, as MkDocs' `toc` extension (permalink: true) writes it."""
    return (
        f'<h{level}{attributes} id="{id}">{content}'
        f'<a class="headerlink" href="#{id}" title="{permalink}">&para;</a></h{level}>'
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
        self.last_read = LastRead()  # the catalog as the last build read it, when it had no problem

    def compiled_schema(self, path: Path) -> Schema:
        """The schema at `path`, compiled again only when its text has changed."""
        text = read_schema_text(path)
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


class RenderContext:
    """One build's rendering: its catalog, addresses and words, and the parts it may reuse.

    Each part of the rendering (category.py, index.py, tools.py, pages.py) is a class over
    this one context; Renderer (the package's front) is all of them.
    `statuses` maps each status to what it means (from the schema); codes with
    `default_status` get no badge. `words` are errcat's words in the site's language.
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
        favicon: str | None = FAVICON,
        words: Words | None = None,
    ) -> None:
        self.catalog = catalog
        self.words = words or words_for()[0]
        # The site's favicon as its theme serves it: from the site's root, or a URL; None if it has none.
        self.favicon = favicon
        self.changes = changes  # the page /changes/ and the feed /changes.xml
        self.urls = urls
        # The reference's own address (the site's, and its folder): absolute links need it.
        self.site_url = site_url.rstrip("/") + "/" + urls.folder if site_url else None
        self.root = self.site_url or "/" + urls.folder
        self.history = history or History(unavailable="it was not read")
        self.names = names or SiteNames()
        self.statuses = self.words.status_meanings(statuses)
        self.default_status = default_status
        self.with_http = catalog.has_http_status  # an HTTP column in the index, when any code has one
        # Without a cache (a one-off build), nothing is kept: there is no next build.
        settings = (urls, self.root, tuple(statuses.items()), default_status, self.names, self.words)
        self._reusable = cache.parts if cache and cache.settings == settings else {}
        self._rendered: dict[tuple[object, ...], Any] | None = None  # what this build renders, for the next
        if cache:
            cache.settings, cache.parts = settings, {}
            self._rendered = cache.parts
        self.markup = cache.markup if cache else Markup()
        # Titles and messages are escaped on several pages each; at 10,000 codes it adds up.
        self.escape = lru_cache(maxsize=None)(html.escape)
        # What an element whose text runs left to right (a code, a message) says of it on a
        # right-to-left page; and what the pages errcat writes whole say on <html>.
        self.ltr = ' dir="ltr"' if self.words.rtl else ""
        self.html_attributes = f'lang="{self.escape(self.words.language)}"' + (' dir="rtl"' if self.words.rtl else "")
        self.permalink_title = self.escape(self.words.text("heading.permalink"))
        texts = [category.description for category in catalog.categories if category.description]
        for _, error in catalog.codes():
            texts += [error.description] if error.description else []
            texts += [*error.examples, *error.causes, *error.solutions]
            texts += [error.note] if error.note else []
        self.markup.prepare(texts)

    def _reused(self, key: tuple[object, ...], make: Callable[..., T], *args: Any) -> T:
        """What the last build made for `key`, or `make(*args)`; kept for the next build."""
        made = self._reusable.get(key)
        if made is None:
            made = make(*args)
        if self._rendered is not None:
            self._rendered[key] = made
        return made

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

    def heading(self, level: int, id: str, content: str, attributes: str = "") -> str:
        """A heading with its permalink, titled in the site's language."""
        return _heading(level, id, content, attributes, self.permalink_title)

    def nav_title(self, category: Category) -> str:
        """The category's title for MkDocs' nav, where themes print titles as raw HTML."""
        return self.escape(category.title)

    def badge(self, error: ErrorCode, in_heading: bool = False) -> str:
        """The status of a code that has not the default one, as a label after its message.

        `in_heading`: in the code's heading, where it is out of search (a search entry's
        title is the code and its message, as its table-of-contents entry is).
        """
        if error.status == self.default_status:
            return ""
        excluded = " data-search-exclude" if in_heading else ""
        name = self.escape(self.words.status(error.status))
        return f' <span class="errcat-badge errcat-badge--{error.status}"{excluded}>{name}</span>'

    def favicon_href(self, root: str) -> str | None:
        """The site's favicon, linked from a page whose link to the site's root is `root`."""
        if not self.favicon or urlsplit(self.favicon).scheme or self.favicon.startswith("/"):
            return self.favicon or None
        return root + self.favicon

    def icon_link(self, root: str) -> str:
        """A line of a page's head: the <link> to the site's favicon, from a page whose link to
        the site's root is `root` (nothing for a site without one)."""
        href = self.favicon_href(root)
        return f'\n<link rel="icon" href="{self.escape(href)}">' if href else ""

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
        title = self.words.text("feed.title", site=names.site_name)
        feed = (
            f'\n<link rel="alternate" type="application/atom+xml" title="{escape(title)}"'
            f' href="{escape(root)}{CHANGES}.xml">'
            if self.changes
            else ""
        )
        return (
            f"{feed}\n"
            '<link rel="search" type="application/opensearchdescription+xml"'
            f' title="{escape(names.short_name or names.site_name)}" href="{escape(root)}{OPENSEARCH}">'
        )
