"""MkDocs glue: check the catalog, add one page per category, fill the index table."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

from errcat import CATALOG_NAME, Catalog, Schema, check_project, format_problems, paused_gc
from errcat.model import Location, Problem
from errcat.render import INDEX_MARKER, Urls, nav_title, render_index_table, render_site
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.errcat")
_catalog: Catalog | None = None


class CatalogError(PluginError):
    """The site's sources have problems; the message lists them all."""


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _catalog
    root = Path(config.config_file_path).parent
    # The schema is compiled for this build: under `mkdocs serve` an edit to it counts.
    _catalog, problems = check_project(root, Path(config.docs_dir), Schema())
    if problems:
        _fail(problems, root)
    assert _catalog is not None
    config.nav = _nav_with_categories(config.nav, _catalog, _urls(config))
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    with paused_gc():
        return _add_generated_files(files, config)


def _add_generated_files(files: Files, config: MkDocsConfig) -> Files:
    assert _catalog is not None
    root = Path(config.config_file_path).parent
    catalog_from_docs = os.path.relpath(root / CATALOG_NAME, config.docs_dir)
    collisions = []
    for generated in render_site(_catalog, _urls(config), config.site_url):
        if files.get_file_from_path(generated.path) is not None:
            line = generated.category.location.line if generated.category else 1
            collisions.append(Problem(Location(CATALOG_NAME, line), f"the generated {generated.path} collides with a file of the site's own"))
            continue
        file = File.generated(config, generated.path, content=generated.content)
        if generated.category is not None:
            # "Edit this page" opens the catalog, the page's real source.
            file.edit_uri = Path(catalog_from_docs).as_posix()
        # The other files are not pages: out of the nav, the search index and the sitemap.
        files.append(file)
    if collisions:
        _fail(collisions, root)
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    if not page.is_homepage:
        return None
    if INDEX_MARKER not in html:
        where = Location(f"docs/{page.file.src_uri}", 1)
        _fail([Problem(where, f"the line {INDEX_MARKER} must mark where the table of codes goes")], None)
    assert _catalog is not None
    with paused_gc():
        return html.replace(INDEX_MARKER, render_index_table(_catalog, _urls(config)), 1)


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder) -> LiveReloadServer:
    # MkDocs stalls every request after a failed rebuild until one succeeds. A problem in
    # the sources fails before anything is written, so the site on disk is still the
    # last good build: keep serving it, with the problems printed above.
    rebuild = server.builder

    def rebuild_or_keep_last_good() -> None:
        try:
            rebuild()
        except SystemExit as error:
            if not isinstance(error.__context__, CatalogError):
                raise
            log.warning("still serving the last good build; it updates once the problems above are fixed")

    server.builder = rebuild_or_keep_last_good
    return server


def _fail(problems: list[Problem], root: Path | None) -> None:
    # A PluginError stops the build with this message and no traceback. MkDocs logs a
    # message it has logged before only once: the save time keeps each report distinct.
    path = root / CATALOG_NAME if root else None
    saved = time.strftime("%H:%M:%S", time.localtime(path.stat().st_mtime)) if path and path.exists() else None
    raise CatalogError(format_problems(problems, saved))


def _urls(config: MkDocsConfig) -> Urls:
    return Urls(directory_urls=config.use_directory_urls)


def _nav_with_categories(nav: list | None, catalog: Catalog, urls: Urls) -> list:
    """The configured nav with the categories, in catalog order, right after the home page."""
    entries = [{nav_title(category): urls.category_src(category.id)} for category in catalog.categories]
    nav = list(nav) if nav is not None else ["index.md"]
    home = next((i for i, item in enumerate(nav) if _is_home(item)), -1)
    return nav[: home + 1] + entries + nav[home + 1 :]


def _is_home(item: object) -> bool:
    return item == "index.md" or (isinstance(item, dict) and "index.md" in item.values())
