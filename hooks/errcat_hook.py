"""MkDocs glue: check the catalog, add its pages and files, fill the index table.

Everything that knows MkDocs (and Material's search plugin) is here; `errcat` does the
work without it. A category page reaches MkDocs as finished HTML with its table of
contents; search sees a lean view of each generated page; the /codes/ pages are written
here (or, under `mkdocs serve`, served from memory); a rebuild under `mkdocs serve`
reuses what did not change.
"""

from __future__ import annotations

import logging
import os
import re
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.structure.toc import AnchorLink, get_toc

from errcat import CATALOG_NAME, Problem, format_problems
from errcat.paths import CODES, Urls
from errcat.render import INDEX_MARKER, RenderCache, SiteNames, TocEntry
from errcat.site import SiteBuild, build_site, write_files

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext

log = logging.getLogger("mkdocs.hooks.errcat")
BUILD = "errcat_build"  # where a build's SiteBuild lives: on its own config
AFTER_SEARCH = "errcat_after_search"  # each page's finished content, while search sees a lean view
# What the last build rendered, keyed by content: `mkdocs serve` loads this module once,
# so a rebuild renders only the parts that changed. (A one-off build keeps nothing.)
_CACHE = RenderCache()
# Under `mkdocs serve` the permanent pages /codes/<code>/ (one per code) are served from
# the last good build rather than written at every rebuild; `mkdocs build` writes them.
_SERVING = False
_LAST_GOOD: SiteBuild | None = None
_PERMALINK = re.compile(rf"{CODES}/(-?[0-9]+)(/|/index\.html)?")


def on_startup(command: str, dirty: bool) -> None:
    global _SERVING
    _SERVING = command == "serve"


class SourceError(PluginError):
    """The site's sources have problems; the message lists them all."""


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).parent
    # Everything this build knows lives on its config, and goes with it.
    urls, cache = Urls(config.use_directory_urls), _CACHE if _SERVING else None
    names = SiteNames(config.site_name, config.extra.get("short_name"))
    config[BUILD] = build = build_site(root, Path(config.docs_dir), urls, config.site_url, cache=cache, names=names)
    _fail_on(build.problems, root)
    config[AFTER_SEARCH] = {}
    _SEARCHED.start()
    _log_history(build)
    config.nav = build.nav_with_categories(config.nav)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    build: SiteBuild = config[BUILD]
    _fail_on(build.collisions({file.src_uri for file in files}), Path(config.config_file_path).parent)
    source = Path(os.path.relpath(Path(config.config_file_path).parent / CATALOG_NAME, config.docs_dir)).as_posix()
    for generated in build.files:
        file = File.generated(config, generated.path, content=generated.content)
        if generated.body is not None:
            # "Edit this page" opens the catalog, a category page's real source; the
            # changes come from its history, which no one edits.
            file.edit_uri = source if generated.category is not None else None
        files.append(file)  # the other files are not pages: out of the nav, search and sitemap
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    # Until every plugin has seen a page's context, its content is what search indexes of
    # it; on_page_context puts the page itself back. Material's search plugin parses all of
    # a page's HTML, even what it then leaves out: the finished category pages have twice
    # the markup of their text, and the index table is 2 MB at 10,000 codes.
    build: SiteBuild = config[BUILD]
    body = build.body_of(page.file.src_uri)
    if body is not None:
        # A category page: its content is finished HTML, with its table of contents and
        # ids, so that MkDocs does not parse what the hook has written (and still checks
        # links to its anchors). For search, a table of contents that finds each heading
        # in one step (the plugin looks each one up from the top: quadratic in its length).
        page.present_anchor_ids = set(body.ids)
        page.toc = _InDocumentOrder(body.toc)  # type: ignore[assignment]
        config[AFTER_SEARCH][page.file.src_uri] = body.html
        _SEARCHED.reuse_or_watch(page, body.search_html, config)
        return body.search_html
    if not page.is_homepage:
        return None
    if INDEX_MARKER not in html:
        _fail_on(
            [
                Problem.at(
                    f"docs/{page.file.src_uri}", 1, f"the line {INDEX_MARKER} must mark where the table of codes goes"
                )
            ]
        )
    # The table is out of the search index (data-search-exclude): search sees the page without it.
    config[AFTER_SEARCH][page.file.src_uri] = html.replace(INDEX_MARKER, build.index_table, 1)
    return html.replace(INDEX_MARKER, "", 1)


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


class _SearchEntries:
    """Under `mkdocs serve`: the search entries of each category page, kept for the next
    rebuild, so that the search plugin parses only the pages whose search view changed.

    Material's search plugin parses every page at every build and has no cache. For a
    page whose search view, address and title are what they were, the page is left out
    of its parsing and the entries it made last time are put in its index where it would
    have put them: right after the page's own turn. Without the plugin's index (another
    search plugin, another version), every page is parsed as usual.
    """

    def __init__(self) -> None:
        self.last: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
        self.now: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
        self.pages: dict[str, tuple[tuple[str, str, str], bool, object]] = {}  # src_uri -> key, reused, meta

    def start(self) -> None:
        self.last, self.now, self.pages = self.now, {}, {}

    @staticmethod
    def _index(config: MkDocsConfig) -> list[dict[str, Any]] | None:
        plugin = config.plugins.get("material/search")
        entries = getattr(getattr(plugin, "search_index", None), "entries", None)
        return entries if isinstance(entries, list) else None

    def reuse_or_watch(self, page: Page, search_html: str, config: MkDocsConfig) -> None:
        """Before the search plugin sees the page: leave it out if its entries are kept."""
        if not _SERVING or self._index(config) is None:
            return
        key = (page.url, str(page.title), search_html)
        reused = key in self.last
        self.pages[page.file.src_uri] = (key, reused, page.meta.get("search"))
        if reused:
            page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}

    def after_search(self, page: Page, config: MkDocsConfig) -> None:
        """After the search plugin has seen the page: add the kept entries, or keep its own."""
        index = self._index(config)
        seen = self.pages.pop(page.file.src_uri, None)
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
            # The plugin has just parsed this page: its entries are the last ones, and
            # all of them have the page's address.
            count = 0
            while count < len(index) and _of_page(index[-1 - count], page.url):
                count += 1
            entries = [dict(entry) for entry in index[len(index) - count :]]
        self.now[key] = entries


def _of_page(entry: dict[str, Any], url: str) -> bool:
    location = str(entry.get("location", ""))
    return location == url or location.startswith(url + "#")


_SEARCHED = _SearchEntries()


def _toc_token(entry: TocEntry) -> Any:
    # The shape of Python-Markdown's toc_tokens, which MkDocs turns into a page's toc.
    return {
        "level": entry.level,
        "id": entry.id,
        "name": entry.title,
        "children": [_toc_token(e) for e in entry.children],
    }


@event_priority(-100)  # after every plugin's, the search plugin's included
def on_page_context(context: TemplateContext, page: Page, config: MkDocsConfig, nav: Navigation) -> None:
    finished = config[AFTER_SEARCH].pop(page.file.src_uri, None)
    if finished is None:
        return
    page.content = finished
    body = config[BUILD].body_of(page.file.src_uri)
    if body is not None:
        _SEARCHED.after_search(page, config)
        page.toc = get_toc([_toc_token(entry) for entry in body.toc])


def on_post_build(config: MkDocsConfig) -> None:
    # The permanent pages are written by the hook rather than handed to MkDocs as files:
    # ten thousand File objects cost memory and time, and none of them is a page of the
    # site. (Writing them in a thread or a forked process beside the build was slower:
    # the disk, not the processor, is what they wait for.)
    global _LAST_GOOD
    _LAST_GOOD = config[BUILD]
    if not _SERVING:
        write_files(Path(config.site_dir), _LAST_GOOD.permalink_pages())


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: object) -> LiveReloadServer:
    # MkDocs stalls every request after a failed rebuild until one succeeds. A problem in
    # the sources fails before anything is written, so the site on disk is still the
    # last good build: keep serving it, with the problems printed above.
    rebuild = server.builder

    def rebuild_or_keep_last_good() -> None:
        try:
            rebuild()
        except SystemExit as error:
            if not isinstance(error.__context__, SourceError):
                raise
            log.warning("still serving the last good build; it updates once the problems above are fixed")

    server.builder = rebuild_or_keep_last_good

    app = server.get_app()
    assert app is not None

    def serve_permalinks(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        found = path.startswith(server.mount_path) and _PERMALINK.fullmatch(path[len(server.mount_path) :])
        page = _LAST_GOOD.permalink_page(int(found.group(1))) if found and _LAST_GOOD else None
        if not found or page is None:
            return app(environ, start_response)
        if not found.group(2):  # as a static server does for a folder
            start_response("302 Found", [("Location", path + "/")])
            return []
        body = page.encode("utf-8")
        start_response("200 OK", [("Content-Type", "text/html"), ("Content-Length", str(len(body)))])
        return [body]

    server.set_app(serve_permalinks)
    return server


def _log_history(build: SiteBuild) -> None:
    # Information, not warnings: a build without history is still a good build (and
    # --strict fails on warnings).
    history = build.history
    if history is None:
        return
    if not history.available:
        log.info(f"the history of {CATALOG_NAME} is not available ({history.unavailable}): no dates, no changes")
        return
    for skipped in history.skipped:
        log.info(
            f"history: commit {skipped.sha[:12]} of {skipped.date} skipped,"
            f" its {CATALOG_NAME} does not parse: {skipped.reason}"
        )


def _fail_on(problems: list[Problem], root: Path | None = None) -> None:
    # A PluginError stops the build with this message and no traceback. MkDocs logs a
    # message it has logged before only once: the save time keeps each report distinct.
    if problems:
        catalog = root / CATALOG_NAME if root else None
        saved = (
            time.strftime("%H:%M:%S", time.localtime(catalog.stat().st_mtime)) if catalog and catalog.exists() else None
        )
        raise SourceError(format_problems(problems, saved))
