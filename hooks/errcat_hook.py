"""MkDocs glue: check the catalog, add one page per category, fill the index table."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from errcat import CATALOG_NAME, Problem, format_problems
from errcat.paths import Urls
from errcat.render import INDEX_MARKER
from errcat.site import SiteBuild, build_site

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.errcat")
BUILD = "errcat_build"  # where a build's SiteBuild lives: on its own config


class SourceError(PluginError):
    """The site's sources have problems; the message lists them all."""


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).parent
    # Everything this build knows lives on its config, and goes with it.
    config[BUILD] = build = build_site(root, Path(config.docs_dir), Urls(config.use_directory_urls), config.site_url)
    _fail_on(build.problems, root)
    config.nav = build.nav_with_categories(config.nav)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    build: SiteBuild = config[BUILD]
    _fail_on(build.collisions({file.src_uri for file in files}), Path(config.config_file_path).parent)
    source = Path(os.path.relpath(Path(config.config_file_path).parent / CATALOG_NAME, config.docs_dir)).as_posix()
    for generated in build.files:
        file = File.generated(config, generated.path, content=generated.content)
        if generated.category is not None:
            file.edit_uri = source  # "Edit this page" opens the catalog, the page's real source
        files.append(file)  # the other files are not pages: out of the nav, search and sitemap
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
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
    return html.replace(INDEX_MARKER, config[BUILD].index_table, 1)


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
    return server


def _fail_on(problems: list[Problem], root: Path | None = None) -> None:
    # A PluginError stops the build with this message and no traceback. MkDocs logs a
    # message it has logged before only once: the save time keeps each report distinct.
    if problems:
        catalog = root / CATALOG_NAME if root else None
        saved = (
            time.strftime("%H:%M:%S", time.localtime(catalog.stat().st_mtime)) if catalog and catalog.exists() else None
        )
        raise SourceError(format_problems(problems, saved))
