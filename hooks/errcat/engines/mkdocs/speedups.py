"""The only code that reaches into other packages' internals, each part on only where a test pins it.

Three parts, each with a plain, correct path that runs instead wherever it is off:

- `SearchSpeedups`, for Material's search plugin (the versions in MATERIAL_VERSIONS):
  while search reads a page, it parses a lean view of errcat's part of it (a category
  page's body, the index's table), where no other plugin has changed that part (the page
  keeps its content, and what other plugins added around the part is parsed as it is); it
  looks headings up in a table of contents that finds each in one step, and, under
  `mkdocs serve`, reuses the entries of the pages whose view did not change. Off, search
  parses each finished page as it parses any page.
- `ServeSpeedups`, for MkDocs' livereload server (the versions in MKDOCS_VERSIONS): a
  rebuild that fails on the catalog keeps the last good build served instead of stalling
  the server, and the permanent pages /codes/<code>/ are served from memory rather than
  written at every rebuild. Off, they are written at every build, and a failed rebuild
  stops the server until the sources are fixed, as MkDocs does for any failed rebuild.
- `known_search_partial`, for Material's partials/search.html (the file whose hash is
  SEARCH_PARTIAL_SHA256, which Material 9.5.50 to 9.8.2 ship; 9.5.0 has an older one):
  errcat's copy of it, which gives the search dialog an accessible name, takes its place.
  Off, Material's own partial stays: a copy of another version's could break its search.

tests/test_speedups.py pins the lists and the hash, and builds the same sites with every
part off to check that the output is the same; tests/test_versions.py builds them with the
oldest MkDocs and Material errcat accepts, where every part is off.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import re
from collections.abc import Callable, Collection, Iterable, Iterator
from html.parser import HTMLParser
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from mkdocs.structure.toc import AnchorLink, get_toc
from mkdocs.utils import get_theme_dir

from ...render import PageBody, TocEntry

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.pages import Page

MATERIAL_VERSIONS = frozenset({"9.8.2"})
MKDOCS_VERSIONS = frozenset({"1.6.1"})
# Material's partials/search.html that templates/material/partials/search.html was copied from.
SEARCH_PARTIAL_SHA256 = "bfd556535abcddb99396ab2a7e3acc2ebcd3f36756007d3969396caa4126be30"
SEARCH_PARTIAL = "partials/search.html"
SEARCH_PLUGIN = "material/search"
log = logging.getLogger("mkdocs.plugins.errcat")


def installed_version(distribution: str) -> str | None:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def known_search_partial() -> bool:
    """Whether the installed Material's own search partial is the one errcat's copy was made from."""
    try:
        own = Path(get_theme_dir("material"), SEARCH_PARTIAL).read_bytes()
    except (KeyError, OSError):  # no Material, or none of its partial
        return False
    return hashlib.sha256(own).hexdigest() == SEARCH_PARTIAL_SHA256


def toc_of(body: PageBody) -> Any:
    """A page's table of contents as MkDocs makes it from Python-Markdown's tokens."""
    return get_toc([_toc_token(entry) for entry in body.toc])


def _toc_token(entry: TocEntry) -> Any:
    return {
        "level": entry.level,
        "id": entry.id,
        "name": entry.title,
        "children": [_toc_token(e) for e in entry.children],
    }


class SearchSpeedups:
    """Material's search plugin, given less to parse. One per plugin instance: under
    `mkdocs serve` it keeps each category page's search entries for the next rebuild.

    The pages keep their content: search gets a lean view only while it reads a page (its
    index's add_entry_from_context), made from the page as it is then, other plugins'
    changes included: errcat's part of it (a category page's body, the index's table)
    replaced by what search indexes of that part. Where a plugin changed that part, search
    parses the page as it is, as it parses any page.
    """

    def __init__(self, enabled: Callable[[], bool] | None = None) -> None:
        self.enabled_here = enabled or (lambda: installed_version("mkdocs-material") in MATERIAL_VERSIONS)
        self.on = False
        self.reusing = False  # under `mkdocs serve`: keep entries from one build to the next
        self.views: dict[str, _View] = {}  # src_uri -> errcat's part of the page, until search reads it
        self.last: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        self.now: dict[tuple[str, ...], list[dict[str, Any]]] = {}

    def start(self, config: MkDocsConfig, serving: bool) -> None:
        """A build starts: on only for a pinned Material with its search plugin."""
        index = self._index(config)
        self.on = self.enabled_here() and index is not None
        self.reusing = serving and self.on
        self.views = {}
        self.last, self.now = (self.now, {}) if self.reusing else ({}, {})
        if self.on:
            # The index is the search plugin's for this build (its on_config makes a new
            # one), so this build's is the one wrapped. A second errcat wraps this wrapper.
            index.add_entry_from_context = functools.partial(self._add_entry, index, index.add_entry_from_context)

    def page_content(self, page: Page, content: str, body: PageBody | None = None, excluded: str = "") -> str:
        """A page's content (for on_page_content): `content`, as it is. errcat's part of it is a
        category page's `body` (with its table of contents), or `excluded`, an element search
        leaves out (data-search-exclude)."""
        if body is not None:
            page.toc = toc_of(body)
        if self.on:
            part, lean = ("", "")
            if body is not None and body.search_html:  # /changes/ has none: it is out of search
                part, lean = body.html, lean_body(body)
            elif excluded:
                part, lean = excluded, APART
            self.views[page.file.src_uri] = _View(part, lean, body, page.toc)
        return content

    @staticmethod
    def _index(config: MkDocsConfig) -> Any:
        plugin = config.plugins.get(SEARCH_PLUGIN)
        index = getattr(plugin, "search_index", None)
        return index if isinstance(getattr(index, "entries", None), list) else None

    def _add_entry(self, index: Any, add: Callable[[Page], None], page: Page) -> None:
        """The search plugin indexes `page` (in its on_page_context): a lean view of it where
        one gives the same entries; the page itself after, as it was."""
        view = self.views.pop(page.file.src_uri, None)
        if view is None:
            add(page)
            return
        content, toc = page.content, page.toc
        lean = search_view(content, view.part, view.lean) if view.part and content is not None else None
        body = view.body if toc is view.toc else None  # a category page's, its toc still errcat's
        key = None
        if lean is not None and body is not None and self.reusing:
            search = tuple(repr(page.meta.get(name)) for name in ("title", "tags", "search"))
            key = (page.url, str(page.title), lean, *search)
            kept = self.last.get(key)
            if kept is not None:
                # Material's search plugin parses every page at every build and has no
                # cache: a page whose view, address, title and search settings are what
                # they were gets the entries it had, where search would have put them.
                index.entries.extend(dict(entry) for entry in kept)
                self.now[key] = kept
                return
        if lean is not None:
            page.content = lean
        if body is not None:
            # For search, a table of contents that finds each heading in one step: the
            # plugin looks each one up from the top, quadratic in a page's length.
            page.toc = _InDocumentOrder(body.toc)  # type: ignore[assignment]
        count = len(index.entries)
        try:
            add(page)
        finally:
            page.content, page.toc = content, toc
        if key is not None:
            self.now[key] = [dict(entry) for entry in index.entries[count:]]


class _View(NamedTuple):
    part: str  # errcat's part of the page's content ("" for none)
    lean: str  # what search parses in its place
    body: PageBody | None  # a category page's
    toc: object  # the table of contents errcat gave the page


# Material's search parser joins the text on either side of what it is not given, and
# collapses whitespace by what came last: an empty comment keeps the text apart, as the
# tags of the part it replaces did; and a category page's body ends, for the parser, in
# whitespace (its last line is "</div>"), as its lean view then does too.
APART = "<!---->"


def lean_body(body: PageBody) -> str:
    """What search parses in place of a category page's body, wherever it is in the page."""
    return body.search_html + "\n" + APART


def search_view(content: str, part: str, lean: str) -> str | None:
    """What Material's search may parse of a page's `content` and index the same entries:
    `content` with errcat's `part` of it replaced by `lean`, what search indexes of the part.

    What other plugins put before and after the part stays. None where the part is not in
    the page as errcat made it (a plugin changed it), or where what comes before it leaves
    an element open: the part would be parsed inside it, where its lean view may differ.
    """
    at = content.find(part)
    if at < 0 or (at > 0 and not _closes_what_it_opens(content[:at])):
        return None
    return content[:at] + lean + content[at + len(part) :]


def _closes_what_it_opens(html: str) -> bool:
    """Whether Material's search parser ends `html` with no element open and no text
    waiting for more, as it starts."""
    from material.plugins.search.plugin import void  # type: ignore[import-untyped]

    parser = _OpenElements(void)
    parser.feed(html)
    return not parser.open and not parser.rawdata


class _OpenElements(HTMLParser):
    """The elements Material's search parser holds open (its `context`): it opens every
    element but the void ones, and closes one only at its own end tag."""

    def __init__(self, void: Collection[str]) -> None:
        super().__init__()
        self.void = void
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.void:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.open and self.open[-1] == tag:
            self.open.pop()


class _InDocumentOrder:
    """A table of contents, flattened, for a reader that looks its headings up in document
    order: each pass starts after the heading the last pass stopped at, so each lookup
    takes one step, and every heading is still reached (passes wrap around)."""

    def __init__(self, toc: Iterable[TocEntry]) -> None:
        self.links: list[AnchorLink] = []
        self.next = 0
        self._add(toc)

    def _add(self, entries: Iterable[TocEntry]) -> None:
        for entry in entries:
            self.links.append(AnchorLink(entry.title, entry.id, entry.level))
            self._add(entry.children)

    def __iter__(self) -> Iterator[AnchorLink]:
        start, count = self.next, len(self.links)
        for step in range(count):
            index = (start + step) % count
            self.next = index + 1
            yield self.links[index]

    def __len__(self) -> int:
        return len(self.links)


class ServeSpeedups:
    """MkDocs' livereload server, made to keep serving through a broken catalog and to serve
    the permanent pages from memory."""

    def __init__(self, enabled: Callable[[], bool] | None = None) -> None:
        self.enabled_here = enabled or (lambda: installed_version("mkdocs") in MKDOCS_VERSIONS)

    def serve(
        self,
        server: LiveReloadServer,
        is_source_error: Callable[[BaseException | None], bool],
        permalink_page: Callable[[str], str | None],
        folder: str,
    ) -> bool:
        """Wire the server up; False where this MkDocs is not one these internals are known in."""
        if not self.enabled_here() or not hasattr(server, "builder") or not hasattr(server, "set_app"):
            return False
        # MkDocs stalls every request after a failed rebuild until one succeeds. A problem
        # in the sources fails before anything is written, so the site on disk is still
        # the last good build: keep serving it, with the problems printed above.
        rebuild = server.builder

        def rebuild_or_keep_last_good() -> None:
            try:
                rebuild()
            except SystemExit as error:
                if not is_source_error(error.__context__):
                    raise
                log.warning("still serving the last good build; it updates once the problems above are fixed")

        server.builder = rebuild_or_keep_last_good
        app = server.get_app()
        assert app is not None
        address = re.compile(rf"{re.escape(folder)}/([^/]+)(/|/index\.html)?")

        def serve_permalinks(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
            path = environ.get("PATH_INFO", "")
            found = path.startswith(server.mount_path) and address.fullmatch(path[len(server.mount_path) :])
            page = permalink_page(found.group(1)) if found else None
            if not found or page is None:
                return app(environ, start_response)
            if not found.group(2):  # as a static server does for a folder
                start_response("302 Found", [("Location", path + "/")])
                return []
            body = page.encode("utf-8")
            start_response("200 OK", [("Content-Type", "text/html"), ("Content-Length", str(len(body)))])
            return [body]

        server.set_app(serve_permalinks)
        return True
