"""One reference of a site (an errcat entry of its mkdocs.yml) and its build, for every engine.

From an entry's options and the site's own settings comes everything a build needs: where
the reference's pages go (Urls), its catalog and record (Project), its schema, the words of
its feed and search; `build` checks and renders it with build_site. The MkDocs plugin, the
Zensical adapter and the commands all start here, so that an option means the same on
every engine, and so do the steps they share: the index page errcat writes for a
reference in a folder, where the table goes on an index page, and the refusal of two
references that share a folder, catalog or record.
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .catalog.check import Project, format_problems
from .catalog.paths import FAVICON, INDEX_MARKER, Urls
from .catalog.problems import Problem
from .catalog.schema import SCHEMA_PATH
from .history.changes import SHORT_NAME_LIMIT, opensearch_short_name
from .languages import Words, words_for
from .options import Options

if TYPE_CHECKING:
    from .render import RenderCache, SiteNames
    from .render.site import SiteBuild


@dataclass(frozen=True)
class Reference:
    """An errcat entry of a site: its options, and what they mean for its site (`of`)."""

    options: Options
    urls: Urls
    project: Project
    schema_path: Path
    language: str | None = None  # the site's (its theme's `language`), English if not given
    direction: str | None = None  # the site's (its theme's `direction`), its language's if not given

    @classmethod
    def of(
        cls, options: Options, root: Path, directory_urls: bool, theme: Mapping[str, Any] | None = None
    ) -> Reference:
        """The reference an entry's `options` make of the site in `root` (its mkdocs.yml's
        folder), whose theme's settings are `theme` (its language and direction)."""
        urls = Urls(directory_urls, options.permalinks, options.site_folder())
        catalog, published = Path(options.catalog).as_posix(), Path(options.published).as_posix()
        schema = root / options.schema if options.schema else SCHEMA_PATH
        language, direction = theme_language(theme or {})
        project = Project(root, catalog, published, urls.reserved, options.source_spec(), urls)
        return cls(options, urls, project, schema, language, direction)

    def inputs(self) -> list[Path]:
        """The files the reference is built from, outside the site's docs: what `serve` watches
        (the source too, which the catalog is checked against)."""
        project = self.project
        source = [project.root / project.source.path] if project.source else []
        return [project.catalog_path, project.published_path, self.schema_path, *source]

    @cached_property
    def _words(self) -> tuple[Words, str | None]:
        return words_for(self.language, self.direction, self.options.strings)

    @property
    def words(self) -> Words:
        """errcat's words in the site's language, with the entry's `strings` over them."""
        return self._words[0]

    @property
    def language_note(self) -> str | None:
        """The line a build says once where errcat has no words for the site's language."""
        return self._words[1]

    @property
    def title(self) -> str:
        """The reference's title: its option's, or errcat's word in the site's language."""
        return self.options.title or self.words.text("reference.title")

    def names(self, site_name: str) -> SiteNames:
        """The reference's words: the site's name (with the reference's title for one in a
        folder, which is one part of its site: its feed and search say which), and the labels."""
        from .render import SiteNames  # rendering's imports (Markdown) are not the check's: `errcat check`

        options = self.options
        name = f"{site_name}, {self.title}" if self.urls.folder else site_name
        message_label = options.message_label or self.words.text("label.message")
        return SiteNames(name, options.short_name, options.code_label, message_label, self.project.catalog)

    def build(
        self,
        docs_dir: Path,
        site_name: str,
        site_url: str | None,
        cache: RenderCache | None = None,
        favicon: str | None = FAVICON,
    ) -> SiteBuild:
        """Check the catalog and its record, and render everything the reference adds to its site.

        `favicon` is the one the site's theme serves (from the site's root, or a URL; None: none).
        """
        from .render.site import build_site

        return build_site(
            self.project.root,
            docs_dir,
            self.urls,
            site_url,
            cache=cache,
            names=self.names(site_name),
            with_history=self.options.history,
            project=self.project,
            changes=self.options.changes,
            schema_path=self.schema_path,
            favicon=favicon,
            words=self.words,
        )

    def short_name_note(self, site_name: str) -> str | None:
        """What a build says when the name a browser lists the reference's search under (its
        OpenSearch ShortName) is cut to fit: which words it keeps, and the option that names it."""
        names = self.names(site_name)
        name = " ".join((names.short_name or names.site_name).split())
        short = opensearch_short_name(name)
        if short == name:
            return None
        return (
            f"browsers list this reference's search as '{short}', the words of '{name}' that fit in"
            f" {SHORT_NAME_LIMIT} characters: set the option short_name to name it yourself"
        )

    def index_page(self) -> str:
        """The Markdown of the index page errcat writes for a reference in a folder whose site has none."""
        return f"# {markdown_text(self.title)}\n\n{INDEX_MARKER}\n"

    def shared_with(self, other: Reference) -> list[str]:
        """What this reference takes that `other` takes too (its folder, catalog or record), as
        `option 'value'`: each errcat of a site needs its own."""
        root = self.project.root
        same = (
            ("folder", self.urls.folder == other.urls.folder),
            ("catalog", (root / self.options.catalog).resolve() == (root / other.options.catalog).resolve()),
            ("published", (root / self.options.published).resolve() == (root / other.options.published).resolve()),
        )
        return [f"{option} {getattr(self.options, option)!r}" for option, shared in same if shared]


def theme_language(theme: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """A site's language and direction, from its theme's settings: Material's `language` and
    `direction`, else the `locale` of MkDocs' own themes; None where it gives none."""
    language = theme.get("language") or theme.get("locale")
    direction = theme.get("direction")
    return (str(language) if language else None), (direction if direction in ("ltr", "rtl") else None)


def problem_report(problems: list[Problem], project: Project | None = None) -> str:
    """What a build that stops on `problems` says: every problem, a line each, and when the
    catalog was saved (under serve, an engine prints a message it has printed before only once:
    the time tells one report from the next)."""
    catalog = project.catalog_path if project else None
    saved = time.strftime("%H:%M:%S", time.localtime(catalog.stat().st_mtime)) if catalog and catalog.exists() else None
    return format_problems(problems, saved)


def sharing_problem(name: str, other_name: str, shared: list[str]) -> str:
    """The message for two errcat entries of one site (`errcat #2`, `errcat`) that share `shared`."""
    return (
        f"errcat: '{name}' and '{other_name}' share the {' and the '.join(shared)}: each errcat of a"
        " site needs its own folder, catalog and published record"
    )


def with_marker(text: str, markdown: bool = False) -> tuple[str, bool]:
    """An index page's text (its HTML, or with `markdown` its Markdown) with the marker where
    the table goes, and whether its author put it there: else the table follows the text."""
    if INDEX_MARKER in text:
        return text, True
    return (f"{text.rstrip()}\n\n{INDEX_MARKER}\n" if markdown else f"{text}\n{INDEX_MARKER}"), False


def missing_marker_hint(name: str, source: str) -> str:
    """What the build says of a home page without the marker (a reference at the site's root)."""
    return (
        f"{name}: docs/{source} has no line {INDEX_MARKER}: the table of codes follows its text."
        " To add the reference to a folder of the site rather than its home page, set the option"
        " `folder` (folder: reference/errors)"
    )


def markdown_text(text: str) -> str:
    """A line of plain text, as Markdown that shows it as it is."""
    return re.sub(r"([\\`*_{}\[\]<>()#+!|~-])", r"\\\1", " ".join(text.split()))
