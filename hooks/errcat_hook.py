"""MkDocs glue: read catalog.yaml, add one page per category, fill the index table."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

from errcat import Catalog, format_problems, paused_gc, read_catalog
from errcat.render import INDEX_MARKER, Urls, nav_title, render_index_table, render_site
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

CATALOG_NAME = "catalog.yaml"

log = logging.getLogger("mkdocs.hooks.errcat")
_catalog: Catalog | None = None


class CatalogError(PluginError):
    """catalog.yaml has problems; the message lists them all."""


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _catalog
    root = Path(config.config_file_path).parent
    path = root / CATALOG_NAME
    _catalog, problems = read_catalog(path, CATALOG_NAME)
    if problems:
        # A PluginError stops the build with this message and no traceback; under
        # `mkdocs serve` the last good build stays served. MkDocs logs a message it has
        # logged before only once: the save time keeps each report distinct.
        saved = time.strftime("%H:%M:%S", time.localtime(path.stat().st_mtime)) if path.exists() else None
        raise CatalogError(format_problems(problems, saved))
    config.nav = _nav_with_categories(config.nav, _catalog, _urls(config))
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    with paused_gc():
        return _add_generated_files(files, config)


def _add_generated_files(files: Files, config: MkDocsConfig) -> Files:
    assert _catalog is not None
    catalog_from_docs = os.path.relpath(Path(config.config_file_path).parent / CATALOG_NAME, config.docs_dir)
    for generated in render_site(_catalog, _urls(config), config.site_url):
        file = File.generated(config, generated.path, content=generated.content)
        if generated.category is not None:
            if files.get_file_from_path(generated.path) is not None:
                line = generated.category.location.line
                raise PluginError(
                    f"{CATALOG_NAME}:{line}: category id '{generated.category.id}' collides with docs/{generated.path}"
                )
            # "Edit this page" opens the catalog, the page's real source.
            file.edit_uri = Path(catalog_from_docs).as_posix()
        # The other files are not pages: out of the nav, the search index and the sitemap.
        files.append(file)
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    if not page.is_homepage:
        return None
    if INDEX_MARKER not in html:
        raise PluginError(f"docs/{page.file.src_uri} must contain the line {INDEX_MARKER} where the table of codes goes")
    assert _catalog is not None
    with paused_gc():
        return html.replace(INDEX_MARKER, render_index_table(_catalog, _urls(config)), 1)


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder) -> LiveReloadServer:
    # MkDocs stalls every request after a failed rebuild until one succeeds. A broken
    # catalog fails before anything is written, so the site on disk is still the last
    # good build: keep serving it, with the problems printed above.
    rebuild = server.builder

    def rebuild_or_keep_last_good() -> None:
        try:
            rebuild()
        except SystemExit as error:
            if not isinstance(error.__context__, CatalogError):
                raise
            log.warning("still serving the last good build; it updates once %s is fixed", CATALOG_NAME)

    server.builder = rebuild_or_keep_last_good
    return server


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
