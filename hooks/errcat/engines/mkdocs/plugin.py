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
import inspect
import logging
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File

from ...catalog.check import Project
from ...catalog.paths import Urls
from ...catalog.problems import Problem
from ...catalog.schema import SchemaFileError
from ...options import OptionError, Options, option_types, read_options
from ...reference import Reference, missing_marker_hint, problem_report, sharing_problem, with_marker
from ...render import (
    ASSET_FILES,
    INDEX_MARKER,
    SCRIPT,
    STYLESHEET,
    THEME_TEMPLATES,
    PageBody,
    RenderCache,
    mark_not_found,
    mark_page,
)
from ...render.output import set_aside, write_files
from ...render.site import SiteBuild, asset_collisions
from .speedups import SearchSpeedups, ServeSpeedups, known_search_partial
from .templating import CompiledTemplates

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.errcat")
ASSETS = ASSET_FILES
TEMPLATES = Path(__file__).resolve().parent / "templates"


def _config_class() -> type[base.Config]:
    """MkDocs' schema of the options, from errcat's own (options.py): each with its type and default."""
    defaults = Options()
    schema = {
        name: c.Optional(c.Type(kind)) if optional else c.Type(kind, default=getattr(defaults, name))
        for name, (kind, optional) in option_types().items()
    }
    return type("ErrcatConfig", (base.Config,), {"__doc__": "errcat's options (errcat.options.Options).", **schema})


ErrcatConfig = _config_class()


class SourceError(PluginError):
    """The site's sources have problems; the message lists them all."""


class ErrcatPlugin(BasePlugin[ErrcatConfig]):  # type: ignore[valid-type]  # a class made from Options
    # A site may hold several references, each with its own catalog and folder (as
    # Material's blog plugin may be listed twice); MkDocs names the second `errcat #2`.
    supports_multiple_instances = True

    def __init__(self) -> None:
        super().__init__()
        self.serving = False
        self.cache: RenderCache | None = None  # what the last build rendered, under `mkdocs serve`
        self.build: SiteBuild | None = None  # this build's
        self.last_good: SiteBuild | None = None
        self.pages_in_memory = False  # /codes/ pages served from memory, not written
        self.derive_nav = False  # the site has no nav: the one MkDocs would derive, with the categories
        self.first = True  # the site's first errcat: it adds the script, style sheet and templates
        self.writes_index = False  # this build's index page is errcat's, not the site's
        self.name = "errcat"  # as MkDocs names this instance in config.plugins
        self.options = Options()  # this build's, from self.config
        self.reference: Reference | None = None  # this build's, from the options
        self.urls = Urls()
        self.search = SearchSpeedups()
        self.server = ServeSpeedups()
        self.templates = CompiledTemplates()  # the theme's, from one `mkdocs serve` rebuild to the next
        self.register_anchor: Callable[[Page, str, str, str], None] | None = None  # the site's autorefs'
        self.language_said = False  # the line that errcat has no words for the site's language, said once

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.serving = command == "serve"
        self.cache = RenderCache() if self.serving else None
        self.pages_in_memory = self.serving and self.server.enabled_here()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        try:
            self.options = options = read_options(dict(self.config))[0]
        except OptionError as error:
            raise PluginError(f"errcat: {error}") from None
        root = Path(config.config_file_path).parent
        self.reference = reference = Reference.of(options, root, config.use_directory_urls, config.theme)
        self.urls = urls = reference.urls
        project = reference.project
        self.name, self.first = _place_among_siblings(self, config)
        if self.first and reference.language_note and not self.language_said:
            log.info(reference.language_note)
            self.language_said = True
        self.register_anchor = _autorefs_registrar(config, self.name)
        try:
            self.build = build = reference.build(
                Path(config.docs_dir), config.site_name, config.site_url, self.cache, theme_favicon(config)
            )
        except SchemaFileError as error:
            if not options.schema:
                raise  # errcat's own schema: a broken install, not the site's mistake
            # A source of the site's, as the catalog is: under `mkdocs serve`, a save that
            # breaks it keeps the last good build on screen.
            raise SourceError(f"{self.name}: option 'schema': {options.schema} {error}") from None
        _fail_on(build.problems, project)
        note = reference.short_name_note(config.site_name) if config.site_url else None
        if note:
            log.info(f"{self.name}: {note}")
        self.search.start(config, self.serving)
        _log_history(build, project.catalog)
        self.derive_nav = config.nav is None
        if config.nav is not None:
            config.nav = build.nav_with_categories(config.nav, reference.title)
        indexes = config.extra.setdefault("errcat_indexes", [])  # for the 404 page
        indexes.append({"folder": urls.folder, "title": reference.title})
        if self.first:
            config.extra["errcat_words"] = reference.words.for_missing_page()  # the 404 page's, in the site's language
            config.extra_css.append(STYLESHEET)
            config.extra_javascript.append(SCRIPT)
            _add_templates(config, _has_reference_at_root(config))
        return config

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment | None:
        if self.serving and self.first and env.bytecode_cache is None:
            env.bytecode_cache = self.templates
        return env

    # Early, so that the plugins beside it (mkdocs-redirects, autorefs) see the pages it adds.
    @event_priority(50)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        build = self._this_build()
        assert build.project is not None
        _fail_on(build.collisions({file.src_uri for file in files}), build.project)
        if self.first:
            _fail_on(asset_collisions({file.src_uri for file in files}), build.project)
        index = self.urls.index_src
        self.writes_index = bool(self.urls.folder) and files.get_file_from_path(index) is None
        if self.writes_index:
            assert self.reference is not None
            written = File.generated(config, index, content=self.reference.index_page())
            written.edit_uri = None  # no file of the site's to edit
            files.append(written)
        source = Path(os.path.relpath(build.project.catalog_path, config.docs_dir)).as_posix()
        for generated in build.files:
            file = File.generated(config, generated.path, content=generated.content)
            if generated.body is not None:
                # "Edit this page" opens the catalog, a category page's real source; the
                # changes come from its history, which no one edits.
                file.edit_uri = source if generated.category is not None else None
            files.append(file)  # the other files are not pages: out of the nav, search and sitemap
        if self.first:
            for path, asset in ASSETS.items():
                files.append(File.generated(config, path, abs_src_path=str(asset)))
        return files

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        """For a site without a nav, the one MkDocs derived from its pages, with the categories
        in catalog order after the reference's index page (the site's home page at its root)."""
        if self.derive_nav:
            build = self._this_build()
            ours = [page for item in build.nav for page in item.values()]
            place_after(nav, self.urls.index_src, ours, root_is_home=not self.urls.folder)
            if self.urls.folder and self.reference is not None:
                title_section(nav, self.urls.index_src, self.reference.title)
        return nav

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        build = self._this_build()
        body = build.body_of(page.file.src_uri)
        if body is not None:
            # A category page: its content is finished HTML, with its table of contents and
            # ids, so that MkDocs does not parse what the plugin has written (and still
            # checks links to its anchors).
            page.present_anchor_ids = set(body.ids)
            if build.is_category_page(page.file.src_uri) and self.register_anchor is not None:
                # autorefs' private mode flag; unknown: the mode that needs care
                strips_tags = getattr(config.plugins.get("autorefs"), "_strip_title_tags", True)
                _register_with_autorefs(self.register_anchor, page, body, self.urls.folder, strips_tags)
            # The page's Markdown is only front matter: anything in `html` is what a plugin
            # before errcat added (a line, a script), and it follows the content.
            content = body.html + "\n" + html if html.strip() else body.html
            return self.search.page_content(page, content, body)
        if not self._is_index(page):
            return None
        html, marked = with_marker(html)
        if not marked and not self.urls.folder:  # the site's own page, without the marker
            log.info(missing_marker_hint(self.name, page.file.src_uri))
        # The table is out of the search index (data-search-exclude): search may see the page without it.
        return self.search.page_content(
            page, html.replace(INDEX_MARKER, build.index_table, 1), excluded=build.index_table
        )

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        # The site's root from the page: `billing/` and `billing.html` alike are a folder
        # deep for every '/' in their address.
        output = self._with_head(output, "../" * page.url.count("/"), self._is_index(page))
        return mark_page(output) if self._is_own_page(page) else output

    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str | None:
        if template_name != "404.html":
            return None
        # Served at any depth: the root from the host's (as MkDocs links the 404 page's assets).
        output = self._with_head(output_content, urlsplit(config.site_url or "/").path or "/", False)
        if 'id="errcat-404"' in output:  # errcat's 404 page: the site's reference is at its root
            return mark_page(output)
        # The theme's or the site's own, left as it is: errcat.js helps only in a reference's folder.
        return mark_not_found(output) if self.first else output

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # Before MkDocs empties the site folder: the last build's permanent pages go aside,
        # so that this build writes only the ones that changed (output.py says why).
        if not self.pages_in_memory:
            set_aside(Path(config.site_dir), self._permalinks_folder())

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        # The permanent pages are written by the plugin rather than handed to MkDocs as
        # files: ten thousand File objects cost memory and time, and none of them is a
        # page of the site. (Writing them in a thread or a forked process beside the build
        # was slower: the disk, not the processor, is what they wait for.)
        self.last_good = self._this_build()
        if not self.pages_in_memory:
            write_files(Path(config.site_dir), self.last_good.permalink_pages(), self._permalinks_folder())

    def _permalinks_folder(self) -> str:
        return self.urls.folder + self.options.permalinks

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer | None:
        # Its own inputs, wherever they are (a catalog outside docs/ included): no site needs
        # a `watch:` line for them, as none does for Material's plugins.
        if self.reference is not None:
            for path in self.reference.inputs():
                if path.exists():  # a missing one failed the first build
                    server.watch(str(path))
        if self.pages_in_memory:
            wired = self.server.serve(
                server,
                lambda error: isinstance(error, SourceError),
                self.permalink_page,
                self.urls.folder + self.options.permalinks,
            )
            assert wired, "ServeSpeedups.enabled_here() said this MkDocs is known"
        return server

    def permalink_page(self, code: str) -> str | None:
        """The permanent page of a code from the last good build, for `mkdocs serve`."""
        return self.last_good.permalink_page(code) if self.last_good else None

    def _this_build(self) -> SiteBuild:
        assert self.build is not None, "on_config has run"
        return self.build

    def _is_index(self, page: Page) -> bool:
        """Whether `page` is this reference's index: `<folder>/index.md`, or the site's home page."""
        return page.file.src_uri == self.urls.index_src or (not self.urls.folder and page.is_homepage)

    def _is_own_page(self, page: Page) -> bool:
        """Whether errcat made `page`, all of it: a category page, /changes/ or the index it wrote
        (the site's own index page is errcat's only for the table, which its classes mark)."""
        source = page.file.src_uri
        return self._this_build().body_of(source) is not None or (self.writes_index and source == self.urls.index_src)

    def _with_head(self, output: str, root: str, is_index: bool) -> str:
        renderer = self._this_build().renderer
        if renderer is None or "</head>" not in output:
            return output
        return output.replace("</head>", renderer.page_head(root, is_index, self.first) + "</head>", 1)


def place_after(nav: Navigation, index_src: str, sources: list[str], root_is_home: bool) -> None:
    """Move the pages of `sources` (in that order) right after the page `index_src`, in its
    section of `nav`, and link the pages again (previous, next, parent) as MkDocs does."""
    from mkdocs.structure.nav import Section, _add_parent_links, _add_previous_and_next_links, _get_by_type
    from mkdocs.structure.pages import Page

    by_source = {page.file.src_uri: page for page in nav.pages}
    moved = [by_source[source] for source in sources if source in by_source]
    if not moved:
        return
    moving = {id(page) for page in moved}

    def without(items: list[Any]) -> list[Any]:
        kept = []
        for item in items:
            if id(item) in moving:
                continue
            if isinstance(item, Section):
                item.children = without(item.children)
            kept.append(item)
        return kept

    def inserted(items: list[Any]) -> bool:
        for position, item in enumerate(items):
            if isinstance(item, Page) and item.file.src_uri == index_src:
                items[position + 1 : position + 1] = moved
                return True
            if isinstance(item, Section) and inserted(item.children):
                return True
        return False

    nav.items = without(nav.items)
    if not inserted(nav.items):
        if root_is_home:
            home = next((i for i, item in enumerate(nav.items) if isinstance(item, Page) and item.is_homepage), -1)
            nav.items[home + 1 : home + 1] = moved
        else:
            nav.items.extend(moved)
    for item in nav.items:
        item.parent = None
    _add_parent_links(nav.items)
    nav.pages = _get_by_type(nav.items, Page)
    _add_previous_and_next_links(nav.pages)


def title_section(nav: Navigation, index_src: str, title: str) -> None:
    """Give the section that holds a reference's index page the reference's title: MkDocs
    names a section after its folder (`sdk-errors` is "Sdk errors"), its author wrote
    `title: SDK errors`."""
    from mkdocs.structure.nav import Section
    from mkdocs.structure.pages import Page

    def holder(items: list[Any]) -> Section | None:
        for item in items:
            if isinstance(item, Section):
                if any(isinstance(child, Page) and child.file.src_uri == index_src for child in item.children):
                    return item
                found = holder(item.children)
                if found is not None:
                    return found
        return None

    section = holder(nav.items)
    if section is not None:
        section.title = title


def _place_among_siblings(plugin: ErrcatPlugin, config: MkDocsConfig) -> tuple[str, bool]:
    """This instance's name in config.plugins and whether it is the site's first errcat; fails
    when an earlier errcat of the site takes the same folder, catalog or record."""
    siblings = [(name, other) for name, other in config.plugins.items() if isinstance(other, ErrcatPlugin)]
    names = [name for name, other in siblings if other is plugin]
    name = names[0] if names else "errcat"
    for other_name, other in siblings:
        if other is plugin:
            break
        assert plugin.reference is not None and other.reference is not None
        shared = plugin.reference.shared_with(other.reference)
        if shared:
            raise PluginError(sharing_problem(name, other_name, shared))
    return name, not siblings or siblings[0][1] is plugin


# The mkdocs-autorefs errcat registers its codes with: the optional extra errcat[autorefs].
AUTOREFS_RANGE = "mkdocs-autorefs>=1.0,<2"


def _autorefs_registrar(config: MkDocsConfig, name: str) -> Callable[[Page, str, str, str], None] | None:
    """How to register an anchor (page, identifier, anchor, title) with the site's
    mkdocs-autorefs, read once a build from its signature; None where the site has none.

    1.4 takes the page and a title; 1.0 to 1.3 take the page's URL, and no title (1.3
    `primary` too).
    """
    register = getattr(config.plugins.get("autorefs"), "register_anchor", None)
    if register is None:
        return None
    try:
        parameters = inspect.signature(register).parameters
    except (TypeError, ValueError):  # not a signature Python can read
        parameters = MappingProxyType({})
    if "title" in parameters and "primary" in parameters:
        return lambda page, identifier, anchor, title: register(page, identifier, anchor, title=title, primary=True)
    if "anchor" in parameters:
        primary = {"primary": True} if "primary" in parameters else {}
        return lambda page, identifier, anchor, title: register(page.url, identifier, anchor, **primary)
    raise PluginError(
        f"{name}: this mkdocs-autorefs is older than errcat can work with (its register_anchor takes no"
        f" anchor): install errcat[autorefs], or upgrade it: pip install '{AUTOREFS_RANGE}'"
    )


def _register_with_autorefs(
    register: Callable[[Page, str, str, str], None], page: Page, body: PageBody, folder: str, strips_tags: bool
) -> None:
    """Each code of a category page as a cross-reference target of mkdocs-autorefs, when the
    site uses it: `[70093][]` anywhere on the site links to the code's entry (autorefs learns
    the anchors of the headings Python-Markdown renders, and this page is not rendered by it)."""
    for title in body.toc:
        for entry in title.children:
            name = _autorefs_title(html.unescape(entry.title), strips_tags)
            register(page, entry.id, entry.id, name)
            if folder:  # the code qualified by its reference, for a code that two catalogs share
                register(page, folder + entry.id, entry.id, name)


def _autorefs_title(text: str, strips_tags: bool) -> str:
    """A code's name as autorefs is to write it into the title attribute of a link to it.

    autorefs escapes a title (with Material's `content.tooltips`) or else strips its tags,
    which decodes its character references and writes the rest as it is: a quote in a
    message would end the attribute and start one of the message's own. Escaped twice, the
    text comes out of that escaped once.
    """
    return html.escape(html.escape(text)) if strips_tags else text


def theme_favicon(config: MkDocsConfig) -> str | None:
    """The favicon the site's theme serves: theme.favicon (Material's default, or the site's own),
    MkDocs' own themes' img/favicon.ico; None for a theme that names none."""
    favicon = config.theme.get("favicon")
    if isinstance(favicon, str) and favicon:
        return favicon
    return "img/favicon.ico" if config.theme.name in ("mkdocs", "readthedocs") else None


def _add_templates(config: MkDocsConfig, with_404: bool) -> None:
    """For Material its search dialog with a name where Material's own partial is the one
    errcat's copy was made from (speedups.py), and with `with_404` the 404 page that knows
    codes (any theme); after the site's own custom_dir, so that a site can still override them."""
    theme = config.theme
    ours = [str(TEMPLATES / "material")] if theme.name == "material" and known_search_partial() else []
    ours += [str(THEME_TEMPLATES)] if with_404 else []
    if not ours or ours[0] in theme.dirs:
        return
    position = 1 if theme.custom_dir else 0
    theme.dirs[position:position] = ours


def _has_reference_at_root(config: MkDocsConfig) -> bool:
    """Whether an errcat of the site has its reference at the site's root: then the site is an
    error reference, and its 404 page errcat's. A site whose references are all in folders
    keeps its theme's or its own (one 404 page serves a whole site)."""
    folders = [_option(plugin, "folder") for plugin in config.plugins.values() if isinstance(plugin, ErrcatPlugin)]
    return any(not str(folder or "").strip("/") for folder in folders)


def _option(plugin: ErrcatPlugin, name: str) -> object:
    """An option of an errcat entry as MkDocs read it (before the entry's own on_config)."""
    options: Mapping[str, object] = plugin.config
    return options.get(name)


def _log_history(build: SiteBuild, catalog: str) -> None:
    # Information, not warnings: a build without history is still a good build (and
    # --strict fails on warnings).
    history = build.history
    if history is None:
        return
    if not history.available:
        log.info(f"the history of {catalog} is not available ({history.unavailable}): no dates, no changes")
        return
    if history.cache_dropped:
        log.info(f"history: {history.cache_dropped}")
    for skipped in history.skipped:
        commit = f"commit {skipped.sha[:12]} of {skipped.date}"
        log.info(f"history: {commit} skipped, its {catalog} does not parse: {skipped.reason}")


def _fail_on(problems: list[Problem], project: Project | None = None) -> None:
    # A PluginError stops the build with this message and no traceback. MkDocs logs a
    # message it has logged before only once: the save time keeps each report distinct.
    if problems:
        raise SourceError(problem_report(problems, project))
