"""One build of the site: everything the catalog adds to it, from one plain function.

`build_site` is what the MkDocs hook calls; it owns everything a build needs (the
compiled schema, the Markdown renderer and its cache) and drops it with the build, so
`mkdocs serve` never shows what an earlier build knew. Tests call it directly.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..catalog.check import CATALOG_NAME, Project, check_project, paused_gc, timed
from ..catalog.model import Catalog
from ..catalog.paths import CHANGES, CODES, FAVICON, Urls
from ..catalog.problems import Location, Problem
from ..catalog.schema import SCHEMA_PATH, Schema
from ..history.read import History, read_history
from ..languages import Words, words_for
from . import ASSET_FILES, GeneratedFile, PageBody, RenderCache, Renderer, SiteNames


@dataclass(frozen=True)
class SiteBuild:
    """What a build adds: the problems (then nothing else), or the files, table and nav."""

    problems: list[Problem]
    catalog: Catalog | None = None
    files: list[GeneratedFile] = field(default_factory=list)
    index_table: str = ""
    nav: list[dict[str, str]] = field(default_factory=list)  # one {title: page} per category, then the changes
    timings: dict[str, float] = field(default_factory=dict)  # seconds per step
    renderer: Renderer | None = None
    history: History | None = None
    project: Project | None = None

    def collisions(self, existing: Collection[str]) -> list[Problem]:
        """Generated files that a file of the site's own already takes (`existing`: source paths).

        Everything under /codes/ is the permanent pages': no file of the site's own may be there.
        """
        catalog = self.project.catalog if self.project else CATALOG_NAME
        folder = self.renderer.urls.file(self.renderer.urls.permalinks) if self.renderer else CODES
        return [
            Problem(
                Location(catalog, file.category.location.line if file.category else 1),
                f"the generated {file.path} collides with a file of the site's own",
            )
            for file in self.files
            if file.path in existing
        ] + [
            Problem.at(f"docs/{path}", 1, f"/{folder}/ holds the permanent page of each code: move this file elsewhere")
            for path in sorted(existing)
            if path.startswith(f"{folder}/")
        ]

    def permalink_pages(self) -> Iterator[GeneratedFile]:
        """The permanent page of every code, /codes/<code>/index.html, made one at a time."""
        return self.renderer.permalink_pages() if self.renderer else iter(())

    def permalink_page(self, code: str) -> str | None:
        """The permanent page of the code written `code` in its address, if the catalog has it."""
        return self.renderer.permalink_page(code) if self.renderer else None

    def body_of(self, path: str) -> PageBody | None:
        """The finished content of the generated page at `path` (a source path), if it is one."""
        return self._bodies.get(path)

    def is_category_page(self, path: str) -> bool:
        """Whether the generated page at `path` (a source path) is a category's."""
        return path in self._category_pages

    @cached_property
    def _category_pages(self) -> frozenset[str]:
        return frozenset(file.path for file in self.files if file.category is not None and file.body is not None)

    @cached_property
    def _bodies(self) -> dict[str, PageBody]:
        return {file.path: file.body for file in self.files if file.body is not None}

    def nav_with_categories(self, nav: list[object], title: str = "Error codes") -> list[object]:
        """A nav with the categories, in catalog order: right after the home page for a
        reference at the site's root; for one in a folder, nested under its index page.

        `nav` is the site's configured nav or, for a site without one, the nav its
        generator would derive from its own pages: either way every page of the site stays.
        A nav that names a category page itself is the site's choice, kept as it is. A nav
        that does not name the index page gets the reference as a last section, `title`.
        """
        nav = list(nav)
        urls = self.renderer.urls if self.renderer else Urls()
        if not urls.folder:
            home = next((index for index, item in enumerate(nav) if _is_home(item)), -1)
            return [*nav[: home + 1], *self.nav, *nav[home + 1 :]]
        if _names_any(nav, {page for item in self.nav for page in item.values()}):
            return nav
        nested = _nested_under(nav, urls.index_src, list(self.nav), title, top=True)
        return nested if nested is not None else [*nav, {title: [urls.index_src, *self.nav]}]


def build_site(
    root: Path,
    docs_dir: Path,
    urls: Urls,
    site_url: str | None,
    schema_path: Path = SCHEMA_PATH,
    cache: RenderCache | None = None,
    names: SiteNames | None = None,
    with_history: bool = True,
    project: Project | None = None,
    changes: bool = True,
    favicon: str | None = FAVICON,
    words: Words | None = None,
) -> SiteBuild:
    """Check the catalog and its record; render every page and file it adds to the site.

    `project` says where the catalog and record are (root/catalog.yaml and
    root/published-codes.txt if not given). `cache` carries what one build rendered to
    the next (see RenderCache). The history of the catalog is read from git unless
    `with_history` is false (then the site has none); `changes` adds /changes/ and its feed.
    `favicon` is the site's, as its theme serves it (from the site's root, or a URL; None: none).
    `words` are errcat's words in the site's language (English if not given).
    """
    timings: dict[str, float] = {}
    project = project or Project(root, reserved=urls.reserved)
    words = words or words_for()[0]
    names = names or SiteNames(
        words.text("reference.title"), message_label=words.text("label.message"), source=project.catalog
    )
    with paused_gc():
        schema = timed(timings, "schema", cache.compiled_schema if cache else Schema, schema_path)
        catalog, problems = check_project(project, docs_dir, schema, timings, cache.last_read if cache else None)
        if catalog is None:
            return SiteBuild(problems, timings=timings, project=project)
        schema = schema.for_code_type(catalog.code_type)
        history = (
            timed(timings, "history", read_history, root, schema, None, project.catalog)
            if with_history
            else History(unavailable="this build was asked not to read it")
        )
        renderer = timed(
            timings,
            "render",
            Renderer,
            catalog,
            urls,
            site_url,
            schema.statuses,
            schema.default_status,
            cache,
            history,
            names,
            changes,
            favicon,
            words,
        )
        files = timed(timings, "render", renderer.files)
        index_table = timed(timings, "render", renderer.index_table)
    nav = [{renderer.nav_title(category): urls.category_src(category.id)} for category in catalog.categories]
    if changes:
        nav.append({renderer.words.html("changes.title"): urls.category_src(CHANGES)})
    return SiteBuild([], catalog, files, index_table, nav, timings, renderer, history, project)


def asset_collisions(existing: Collection[str]) -> list[Problem]:
    """The site's own files (`existing`: source paths) where errcat serves its script and style sheet."""
    return [
        Problem.at(f"docs/{path}", 1, "errcat serves its own script and style sheet here: move this file elsewhere")
        for path in ASSET_FILES
        if path in existing
    ]


def _names_any(nav: list[object], pages: Collection[str]) -> bool:
    """Whether the nav (at any depth) names one of `pages`."""
    for item in nav:
        values = item.values() if isinstance(item, dict) else [item]
        for value in values:
            if (isinstance(value, str) and value in pages) or (isinstance(value, list) and _names_any(value, pages)):
                return True
    return False


def _nested_under(nav: list[object], index: str, pages: list[object], title: str, top: bool) -> list[object] | None:
    """`nav` with `pages` nested under the item that names `index` (None if none does).

    `Title: index.md` becomes a section `Title` whose first page is the index (Material's
    navigation.indexes shows it as the section's page); an index that already opens a
    section gets the pages after it; an index alone at the top becomes a section `title`.
    """
    for position, item in enumerate(nav):
        replacement: list[object] | None = None
        if item == index:
            replacement = [{title: [index, *pages]}] if top else [index, *pages]
        elif isinstance(item, dict) and len(item) == 1:
            ((key, value),) = item.items()
            if value == index:
                replacement = [{key: [index, *pages]}]
            elif isinstance(value, list):
                inner = _nested_under(value, index, pages, title, top=False)
                replacement = [{key: inner}] if inner is not None else None
        if replacement is not None:
            return [*nav[:position], *replacement, *nav[position + 1 :]]
    return None


def _is_home(item: object) -> bool:
    return item == "index.md" or (isinstance(item, dict) and "index.md" in item.values())
