"""Page text for the site, made for one build: no MkDocs imports, no state beyond the build.

Split by what it renders (category.py, index.py, tools.py, pages.py), over one context
(base.py).
"""

from __future__ import annotations

import json

from ..catalog.paths import CATALOG_JSON, CATALOG_JSON_SCHEMA, CHANGES, CODE_LOOKUP, INDEX_MARKER, OPENSEARCH
from ..history.changes import ChangeWriter, atom_feed, opensearch
from .base import (
    ASSET_FILES,
    CHANGES_FRONT_MATTER,
    CODE_PATTERNS,
    LONG_TABLE,
    ROWS_SHOWN,
    SCRIPT,
    STYLESHEET,
    THEME_TEMPLATES,
    GeneratedFile,
    PageBody,
    RenderCache,
    SiteNames,
    TocEntry,
)
from .category import CategoryPages
from .index import IndexTable
from .pages import NOT_FOUND_MARK, StandalonePages, mark_not_found, mark_page
from .tools import ToolFiles

__all__ = (
    "ASSET_FILES",
    "CODE_PATTERNS",
    "INDEX_MARKER",
    "LONG_TABLE",
    "NOT_FOUND_MARK",
    "ROWS_SHOWN",
    "SCRIPT",
    "STYLESHEET",
    "THEME_TEMPLATES",
    "GeneratedFile",
    "PageBody",
    "RenderCache",
    "Renderer",
    "SiteNames",
    "TocEntry",
    "mark_not_found",
    "mark_page",
)


class Renderer(CategoryPages, IndexTable, ToolFiles, StandalonePages):
    """Every page and file the catalog adds to one build."""

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
        files.append(GeneratedFile(self.urls.file(CODE_LOOKUP), self.code_lookup()))
        files.append(GeneratedFile(self.urls.file(CATALOG_JSON), self.catalog_json()))
        files.append(GeneratedFile(self.urls.file(CATALOG_JSON_SCHEMA), self.catalog_json_schema()))
        if self.changes:
            changes = self.changes_page()
            title = json.dumps(self.words.html("changes.title"), ensure_ascii=False)
            files.append(
                GeneratedFile(self.urls.category_src(CHANGES), CHANGES_FRONT_MATTER.format(title=title), body=changes)
            )
        if self.site_url:  # both need absolute URLs
            if self.changes:
                writer = ChangeWriter(self.catalog, self._absolute_href, self.words)
                feed = atom_feed(self.history, writer, self.site_url, self.names.site_name, self.urls)
                files.append(GeneratedFile(self.urls.file(f"{CHANGES}.xml"), feed))
            description = self.words.text("opensearch.description", site=self.names.site_name)
            # The favicon from the site's root, not the reference's folder: the theme serves it there.
            site_root = self.site_url[: len(self.site_url) - len(self.urls.folder)]
            image = self.favicon_href(site_root)
            search = opensearch(self.site_url, self.names.site_name, self.names.short_name, description, image)
            files.append(GeneratedFile(self.urls.file(OPENSEARCH), search))
            if self.urls.folder:
                # Material fetches the sitemap.xml beside every rel=alternate link, the feed's
                # included: a reference in a folder has its own, of its pages.
                files.append(GeneratedFile(self.urls.file("sitemap.xml"), self.sitemap()))
        return files
