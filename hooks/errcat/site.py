"""One build of the site: everything the catalog adds to it, from one plain function.

`build_site` is what the MkDocs hook calls; it owns everything a build needs (the
compiled schema, the Markdown renderer and its cache) and drops it with the build, so
`mkdocs serve` never shows what an earlier build knew. Tests call it directly.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from .check import CATALOG_NAME, check_project, paused_gc, timed
from .model import Catalog
from .paths import Urls
from .problems import Location, Problem
from .render import GeneratedFile, Renderer
from .schema import SCHEMA_PATH, Schema


@dataclass(frozen=True)
class SiteBuild:
    """What a build adds: the problems (then nothing else), or the files, table and nav."""

    problems: list[Problem]
    catalog: Catalog | None = None
    files: list[GeneratedFile] = field(default_factory=list)
    index_table: str = ""
    nav: list[dict[str, str]] = field(default_factory=list)  # one {title: page} per category
    timings: dict[str, float] = field(default_factory=dict)  # seconds per step

    def collisions(self, existing: Collection[str]) -> list[Problem]:
        """Generated files that a file of the site's own already takes (`existing`: source paths)."""
        return [
            Problem(
                Location(CATALOG_NAME, file.category.location.line if file.category else 1),
                f"the generated {file.path} collides with a file of the site's own",
            )
            for file in self.files
            if file.path in existing
        ]

    def nav_with_categories(self, nav: list[object] | None) -> list[object]:
        """The configured nav with the categories, in catalog order, right after the home page."""
        nav = list(nav) if nav is not None else ["index.md"]
        home = next((index for index, item in enumerate(nav) if _is_home(item)), -1)
        return [*nav[: home + 1], *self.nav, *nav[home + 1 :]]


def build_site(
    root: Path, docs_dir: Path, urls: Urls, site_url: str | None, schema_path: Path = SCHEMA_PATH
) -> SiteBuild:
    """Check root/catalog.yaml and its record; render every page and file it adds to the site."""
    timings: dict[str, float] = {}
    with paused_gc():
        schema = timed(timings, "schema", Schema, schema_path)
        catalog, problems = check_project(root, docs_dir, schema, timings)
        if catalog is None:
            return SiteBuild(problems, timings=timings)
        renderer = timed(timings, "render", Renderer, catalog, urls, site_url, schema.statuses, schema.default_status)
        files = timed(timings, "render", renderer.files)
        index_table = timed(timings, "render", renderer.index_table)
    nav = [{renderer.nav_title(category): urls.category_src(category.id)} for category in catalog.categories]
    return SiteBuild([], catalog, files, index_table, nav, timings)


def _is_home(item: object) -> bool:
    return item == "index.md" or (isinstance(item, dict) and "index.md" in item.values())
