"""The MkDocs plugin `errcat`: the catalog's pages, files and checks in any MkDocs site.

`plugins: [search, errcat]` is the whole set-up: the catalog is catalog.yaml beside
mkdocs.yml, its record published-codes.txt. Everything that knows MkDocs is here (and,
where it reaches into Material's or livereload's internals, in speedups.py); the work is
done by the rest of the package, which does not import MkDocs.

State lives on the instance. A plugin with `on_startup` is kept by MkDocs from one
`mkdocs serve` rebuild to the next, so what a rebuild may reuse (what the last build
rendered, the last good build) is kept here, and nowhere else; each build's own state
(its SiteBuild) is replaced at every on_config.
"""

from __future__ import annotations

import html
import logging
import os
import re
import time
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, file_sort_key
from mkdocs.utils import nest_paths

from .check import CATALOG_NAME, Project, format_problems
from .paths import Urls
from .problems import Problem
from .published import PUBLISHED_NAME
from .render import INDEX_MARKER, SCRIPT, STYLESHEET, PageBody, RenderCache, SiteNames
from .schema import SCHEMA_PATH
from .site import SiteBuild, build_site, write_files
from .speedups import SearchSpeedups, ServeSpeedups

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext

log = logging.getLogger("mkdocs.plugins.errcat")
PACKAGE = Path(__file__).resolve().parent
ASSETS = MappingProxyType({SCRIPT: PACKAGE / "assets" / "errcat.js", STYLESHEET: PACKAGE / "assets" / "errcat.css"})
TEMPLATES = PACKAGE / "templates"
_FOLDER = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


class ErrcatConfig(base.Config):
    """The plugin's options; every one has a default (docs/plugin.md documents them)."""

    catalog = c.Type(str, default=CATALOG_NAME)  # relative to mkdocs.yml
    published = c.Type(str, default=PUBLISHED_NAME)  # relative to mkdocs.yml
    code_label = c.Type(str, default="Code")  # what the API calls the code field
    message_label = c.Type(str, default="Message")  # and the message field
    short_name = c.Optional(c.Type(str))  # the OpenSearch short name; the site name if not given
    permalinks = c.Type(str, default="codes")  # the folder of the permanent pages /codes/<code>/
    changes = c.Type(bool, default=True)  # the page /changes/ and the feed /changes.xml
    history = c.Type(bool, default=True)  # read the catalog's git history (days on entries, changes)
    # The catalog's JSON Schema, for a site with statuses of its own; errcat's if not given.
    schema = c.Optional(c.Type(str))


class SourceError(PluginError):
    """The site's sources have problems; the message lists them all."""


class ErrcatPlugin(BasePlugin[ErrcatConfig]):
    def __init__(self) -> None:
        super().__init__()
        self.serving = False
        self.cache: RenderCache | None = None  # what the last build rendered, under `mkdocs serve`
        self.build: SiteBuild | None = None  # this build's
        self.last_good: SiteBuild | None = None
        self.pages_in_memory = False  # /codes/ pages served from memory, not written
        self.derive_nav = False  # the site has no nav: the one MkDocs would derive, with the categories
        self.search = SearchSpeedups()
        self.server = ServeSpeedups()

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.serving = command == "serve"
        self.cache = RenderCache() if self.serving else None
        self.pages_in_memory = self.serving and self.server.enabled_here()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        options = self.config
        root = Path(config.config_file_path).parent
        if not _FOLDER.fullmatch(options.permalinks):
            raise PluginError(
                f"errcat: 'permalinks' must be a folder name of lower-case letters, digits and hyphens,"
                f" found {options.permalinks!r}"
            )
        urls = Urls(config.use_directory_urls, options.permalinks)
        project = Project(root, _relative(options.catalog), _relative(options.published), urls.reserved)
        names = SiteNames(
            config.site_name, options.short_name, options.code_label, options.message_label, project.catalog
        )
        self.build = build = build_site(
            root,
            Path(config.docs_dir),
            urls,
            config.site_url,
            cache=self.cache,
            names=names,
            with_history=options.history,
            project=project,
            changes=options.changes,
            schema_path=root / options.schema if options.schema else SCHEMA_PATH,
        )
        _fail_on(build.problems, project)
        self.search.start(config, self.serving)
        _log_history(build, project.catalog)
        self.derive_nav = config.nav is None
        if config.nav is not None:
            config.nav = build.nav_with_categories(config.nav)
        config.extra_css.append(STYLESHEET)
        config.extra_javascript.append(SCRIPT)
        _add_templates(config)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        build = self._this_build()
        assert build.project is not None
        _fail_on(build.collisions({file.src_uri for file in files}), build.project)
        _fail_on(_asset_collisions(files), build.project)
        if self.derive_nav:
            # What MkDocs derives from a site's pages when it has no nav, with the categories.
            pages = sorted(files.documentation_pages(), key=file_sort_key)
            config.nav = build.nav_with_categories(nest_paths(f.src_uri for f in pages if f.inclusion.is_in_nav()))
        source = Path(os.path.relpath(build.project.catalog_path, config.docs_dir)).as_posix()
        for generated in build.files:
            file = File.generated(config, generated.path, content=generated.content)
            if generated.body is not None:
                # "Edit this page" opens the catalog, a category page's real source; the
                # changes come from its history, which no one edits.
                file.edit_uri = source if generated.category is not None else None
            files.append(file)  # the other files are not pages: out of the nav, search and sitemap
        for path, asset in ASSETS.items():
            files.append(File.generated(config, path, abs_src_path=str(asset)))
        return files

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        build = self._this_build()
        body = build.body_of(page.file.src_uri)
        if body is not None:
            # A category page: its content is finished HTML, with its table of contents and
            # ids, so that MkDocs does not parse what the plugin has written (and still
            # checks links to its anchors).
            page.present_anchor_ids = set(body.ids)
            if build.is_category_page(page.file.src_uri):
                _register_with_autorefs(config, page, body)
            return self.search.page_content(page, body.html, body.search_html, body)
        if not page.is_homepage:
            return None
        if INDEX_MARKER not in html:
            _fail_on(
                [
                    Problem.at(
                        f"docs/{page.file.src_uri}",
                        1,
                        f"the line {INDEX_MARKER} must mark where the table of codes goes",
                    )
                ]
            )
        # The table is out of the search index (data-search-exclude): search may see the page without it.
        return self.search.page_content(
            page, html.replace(INDEX_MARKER, build.index_table, 1), html.replace(INDEX_MARKER, "", 1), None
        )

    @event_priority(-100)  # after every plugin's, the search plugin's included
    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        self.search.page_context(page, self._this_build().body_of(page.file.src_uri))
        return context

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        # The site's root from the page: `billing/` and `billing.html` alike are a folder
        # deep for every '/' in their address.
        return self._with_head(output, "../" * page.url.count("/"), page.is_homepage)

    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str | None:
        if template_name != "404.html":
            return None
        # Served at any depth: the root from the host's (as MkDocs links the 404 page's assets).
        return self._with_head(output_content, urlsplit(config.site_url or "/").path or "/", False)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        # The permanent pages are written by the plugin rather than handed to MkDocs as
        # files: ten thousand File objects cost memory and time, and none of them is a
        # page of the site. (Writing them in a thread or a forked process beside the build
        # was slower: the disk, not the processor, is what they wait for.)
        self.last_good = self._this_build()
        if not self.pages_in_memory:
            write_files(Path(config.site_dir), self.last_good.permalink_pages())

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer | None:
        if self.pages_in_memory:
            wired = self.server.serve(
                server, lambda error: isinstance(error, SourceError), self.permalink_page, self.config.permalinks
            )
            assert wired, "ServeSpeedups.enabled_here() said this MkDocs is known"
        return server

    def permalink_page(self, code: str) -> str | None:
        """The permanent page of a code from the last good build, for `mkdocs serve`."""
        return self.last_good.permalink_page(code) if self.last_good else None

    def _this_build(self) -> SiteBuild:
        assert self.build is not None, "on_config has run"
        return self.build

    def _with_head(self, output: str, root: str, is_homepage: bool) -> str:
        renderer = self._this_build().renderer
        if renderer is None or "</head>" not in output:
            return output
        return output.replace("</head>", renderer.page_head(root, is_homepage) + "</head>", 1)


def _relative(path: str) -> str:
    return Path(path).as_posix()


def _register_with_autorefs(config: MkDocsConfig, page: Page, body: PageBody) -> None:
    """Each code of a category page as a cross-reference target of mkdocs-autorefs, when the
    site uses it: `[70093][]` anywhere on the site links to the code's entry (autorefs learns
    the anchors of the headings Python-Markdown renders, and this page is not rendered by it)."""
    autorefs = config.plugins.get("autorefs")
    register = getattr(autorefs, "register_anchor", None)
    if register is None:
        return
    for title in body.toc:
        for entry in title.children:
            register(page, entry.id, entry.id, title=html.unescape(entry.title), primary=True)


def _add_templates(config: MkDocsConfig) -> None:
    """The 404 page that knows codes (any theme), and for Material its search dialog with a
    name; after the site's own custom_dir, so that a site can still override them."""
    theme = config.theme
    ours = [str(TEMPLATES / "material")] if theme.name == "material" else []
    ours.append(str(TEMPLATES / "any"))
    if ours[0] in theme.dirs:
        return
    position = 1 if theme.custom_dir else 0
    theme.dirs[position:position] = ours


def _asset_collisions(files: Files) -> list[Problem]:
    return [
        Problem.at(f"docs/{path}", 1, "errcat serves its own script and style sheet here: move this file elsewhere")
        for path in ASSETS
        if files.get_file_from_path(path) is not None
    ]


def _log_history(build: SiteBuild, catalog: str) -> None:
    # Information, not warnings: a build without history is still a good build (and
    # --strict fails on warnings).
    history = build.history
    if history is None:
        return
    if not history.available:
        log.info(f"the history of {catalog} is not available ({history.unavailable}): no dates, no changes")
        return
    for skipped in history.skipped:
        commit = f"commit {skipped.sha[:12]} of {skipped.date}"
        log.info(f"history: {commit} skipped, its {catalog} does not parse: {skipped.reason}")


def _fail_on(problems: list[Problem], project: Project | None = None) -> None:
    # A PluginError stops the build with this message and no traceback. MkDocs logs a
    # message it has logged before only once: the save time keeps each report distinct.
    if problems:
        catalog = project.catalog_path if project else None
        saved = (
            time.strftime("%H:%M:%S", time.localtime(catalog.stat().st_mtime)) if catalog and catalog.exists() else None
        )
        raise SourceError(format_problems(problems, saved))
