"""The only code that reaches into other packages' internals, each part on only where a test pins it.

Three parts, each with a plain, correct path that runs instead wherever it is off:

- `SearchSpeedups`, for Material's search plugin (the versions in MATERIAL_VERSIONS):
  search parses a lean view of each category page (then the finished page is put back),
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

import hashlib
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
    `mkdocs serve` it keeps each category page's search entries for the next rebuild."""

    def __init__(self, enabled: Callable[[], bool] | None = None) -> None:
        self.enabled_here = enabled or (lambda: installed_version("mkdocs-material") in MATERIAL_VERSIONS)
        self.config: MkDocsConfig | None = None  # this build's
        self.on = False
        self.reusing = False  # under `mkdocs serve`: keep entries from one build to the next
        self.finished: dict[str, str] = {}  # src_uri -> the page's finished content, while search sees a lean one
        self.last: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
        self.now: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
        self.pages: dict[str, tuple[tuple[str, str, str], bool, object]] = {}  # src_uri -> key, reused, meta

    def start(self, config: MkDocsConfig, serving: bool) -> None:
        """A build starts: on only for a pinned Material with its search plugin."""
        self.config = config
        self.on = self.enabled_here() and self._index(config) is not None
        self.reusing = serving and self.on
        self.finished = {}
        self.last, self.now, self.pages = (self.now, {}, {}) if self.reusing else ({}, {}, {})

    def page_content(self, page: Page, finished: str, lean: str, body: PageBody | None) -> str:
        """What search sees of a page (for on_page_content): `finished` is its content, `lean`
        the same without what search leaves out; `body` a category page's, with its toc.

        Until every plugin has seen a page's context, its content is what search indexes
        of it; `page_context` puts the finished page back.
        """
        if not self.on:
            if body is not None:
                page.toc = toc_of(body)
            return finished
        self.finished[page.file.src_uri] = finished
        if body is not None and not self._reuse_or_watch(page, lean):
            # For search, a table of contents that finds each heading in one step: the
            # plugin looks each one up from the top, quadratic in a page's length. (A page
            # whose entries are kept is not parsed, nor its table of contents read.)
            page.toc = _InDocumentOrder(body.toc)  # type: ignore[assignment]
        return lean

    def page_context(self, page: Page, body: PageBody | None) -> None:
        """After every plugin's on_page_context, the search plugin's included."""
        finished = self.finished.pop(page.file.src_uri, None)
        if finished is None:
            return
        page.content = finished
        if body is not None:
            self._after_search(page)
            page.toc = toc_of(body)

    @staticmethod
    def _index(config: MkDocsConfig) -> list[dict[str, Any]] | None:
        plugin = config.plugins.get(SEARCH_PLUGIN)
        entries = getattr(getattr(plugin, "search_index", None), "entries", None)
        return entries if isinstance(entries, list) else None

    def _reuse_or_watch(self, page: Page, search_html: str) -> bool:
        """Before the search plugin sees the page: leave it out if its entries are kept (True).

        Material's search plugin parses every page at every build and has no cache. For a
        page whose search view, address and title are what they were, the page is left out
        of its parsing and the entries it made last time are put in its index where it
        would have put them: right after the page's own turn.
        """
        if not self.reusing:
            return False
        key = (page.url, str(page.title), search_html)
        reused = key in self.last
        self.pages[page.file.src_uri] = (key, reused, page.meta.get("search"))
        if reused:
            page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        return reused

    def _after_search(self, page: Page) -> None:
        seen = self.pages.pop(page.file.src_uri, None)
        index = self._index(self.config) if self.config is not None else None
        if index is None or seen is None:
            return
        key, reused, search = seen
        if reused:
            if search is None:
                del page.meta["search"]
            else:
                page.meta["search"] = search
            entries = self.last[key]
            index.extend(dict(entry) for entry in entries)
        else:
            # The plugin has just parsed this page: its entries are the last ones, and all
            # of them have the page's address.
            count = 0
            while count < len(index) and _of_page(index[-1 - count], page.url):
                count += 1
            entries = [dict(entry) for entry in index[len(index) - count :]]
        self.now[key] = entries


def _of_page(entry: dict[str, Any], url: str) -> bool:
    location = str(entry.get("location", ""))
    return location == url or location.startswith(url + "#")


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
