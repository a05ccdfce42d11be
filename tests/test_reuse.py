"""What the build hands MkDocs ready-made, and what it keeps between builds (issue 12).

- A rebuild that reuses the last build's parts gives exactly what a fresh build gives,
  whatever changed in between: reuse is keyed by content and never stale.
- Material's search indexes a category page's search view exactly as it would index the
  finished page: same entries, same titles, same text, same anchors; and so wherever other
  plugins put things around errcat's part of a page.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from material.plugins.search.plugin import SearchIndex
from mkdocs.structure.toc import get_toc

from errcat.catalog.model import ErrorCode
from errcat.catalog.paths import Urls
from errcat.engines.mkdocs.speedups import APART, lean_body, search_view
from errcat.render import RenderCache, TocEntry
from errcat.render.site import SiteBuild, build_site
from sitecheck import ROOT, SEED_CATALOG, SEED_PUBLISHED, make_project, record_of
from synthetic import generate_catalog

GOLDEN = ROOT / "tests" / "golden"
SITE_URL = "https://example.org/errors/"


def everything(build: SiteBuild) -> dict[str, str]:
    """Every output of a build, as text."""
    assert build.problems == [], build.problems[:3]
    files = {file.path: file.content for file in [*build.files, *build.permalink_pages()]}
    for file in build.files:
        if file.body is not None:
            files[file.path + ":body"] = repr(file.body)
    files["index table"] = build.index_table
    return files


def project_with(where: Path, catalog: str, published: str | None = None) -> Path:
    shutil.rmtree(where, ignore_errors=True)
    where.mkdir(parents=True)
    (where / "catalog.yaml").write_text(catalog, encoding="utf-8")
    (where / "published-codes.txt").write_text(published or "", encoding="utf-8")
    if published is None:
        (where / "published-codes.txt").write_text(record_of(where / "catalog.yaml"), encoding="utf-8")
    return where


# Each edit, applied to the seed catalog, changes what some parts show and not others.
EDITS = {
    "a description": ("description: The phonebook does not exist.\n", "description: The phonebook is *gone*.\n"),
    "a message shown by another code's see also": (
        "code: 70093\n        message: PHONEBOOK_NOT_EXISTED\n",
        "code: 70093\n        message: PHONEBOOK_GONE\n",
    ),
    "a category title": ("    title: Contacts and phonebooks\n", "    title: Contacts & phonebooks\n"),
    "a status": (
        "code: 70093\n        message: PHONEBOOK_NOT_EXISTED\n",
        "code: 70093\n        message: PHONEBOOK_NOT_EXISTED\n        status: deprecated\n        note: Use `70091`.\n",
    ),
    "lines above every code": ("categories:\n", "# A comment that moves every line down.\n\ncategories:\n"),
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_a_rebuild_that_reuses_parts_gives_what_a_fresh_build_gives(tmp_path: Path, edit: str):
    old, new = EDITS[edit]
    assert SEED_CATALOG.count(old) == 1
    cache = RenderCache()
    before = project_with(tmp_path / "before", SEED_CATALOG, SEED_PUBLISHED)
    first = build_site(before, ROOT / "docs", Urls(), SITE_URL, cache=cache)
    after = project_with(tmp_path / "after", SEED_CATALOG.replace(old, new, 1), SEED_PUBLISHED)
    reused = build_site(after, ROOT / "docs", Urls(), SITE_URL, cache=cache)
    fresh = build_site(after, ROOT / "docs", Urls(), SITE_URL)
    assert everything(reused) == everything(fresh)
    if edit == "lines above every code":  # where a code is written is not what it shows
        assert everything(reused) == everything(first)
    else:
        assert everything(reused) != everything(first)


def test_a_rebuild_reuses_the_sections_that_did_not_change(tmp_path: Path):
    cache = RenderCache()
    project = project_with(tmp_path / "p", SEED_CATALOG, SEED_PUBLISHED)
    first = build_site(project, ROOT / "docs", Urls(), SITE_URL, cache=cache)
    kept = dict(cache.parts)
    old, new = EDITS["a description"]
    (project / "catalog.yaml").write_text(SEED_CATALOG.replace(old, new, 1), encoding="utf-8")
    build_site(project, ROOT / "docs", Urls(), SITE_URL, cache=cache)
    changed = [key for key in cache.parts if key not in kept]
    # The code's section, index row and catalog.json record, and nothing else.
    assert sorted(key[0] for key in changed) == ["record", "row", "section"]
    assert all(next(part for part in key if isinstance(part, ErrorCode)).code == 70093 for key in changed)
    assert len(cache.parts) == len(kept)  # only what the last build used is kept
    assert first.problems == []


def test_other_settings_reuse_nothing(tmp_path: Path):
    cache = RenderCache()
    project = project_with(tmp_path / "p", SEED_CATALOG, SEED_PUBLISHED)
    build_site(project, ROOT / "docs", Urls(), SITE_URL, cache=cache)
    other = build_site(project, ROOT / "docs", Urls(directory_urls=False), "https://elsewhere.example/", cache=cache)
    fresh = build_site(project, ROOT / "docs", Urls(directory_urls=False), "https://elsewhere.example/")
    assert everything(other) == everything(fresh)


def test_the_schema_is_compiled_again_only_when_its_text_changes(tmp_path: Path):
    cache = RenderCache()
    schema_path = tmp_path / "catalog.schema.json"
    shutil.copy2(ROOT / "hooks" / "errcat" / "catalog.schema.json", schema_path)
    first = cache.compiled_schema(schema_path)
    assert cache.compiled_schema(schema_path) is first
    schema_path.write_text(schema_path.read_text().replace('"minItems": 1,', '"minItems": 2,', 1))
    assert cache.compiled_schema(schema_path) is not first


# --- the search view ---------------------------------------------------------------------


def search_entries(html: str, toc: object, title: str) -> list[dict[str, str]]:
    """What Material's search plugin indexes of a page with this content and toc."""
    index = SearchIndex(lang=["en"], separator=r"[\s\-]+", pipeline=[], fields={})
    page = SimpleNamespace(content=html, toc=toc, url="category/", meta={"title": title}, title=title)
    index.add_entry_from_context(page)
    return index.entries


def toc_of(entries: tuple[TocEntry, ...]) -> object:
    def token(entry: TocEntry) -> dict[str, object]:
        return {**dataclasses.asdict(entry), "name": entry.title, "children": [token(c) for c in entry.children]}

    return get_toc([token(entry) for entry in entries])


def in_document_order(entries: tuple[TocEntry, ...]) -> object:
    """The table of contents the plugin gives Material's search plugin."""
    from errcat.engines.mkdocs.speedups import _InDocumentOrder

    return _InDocumentOrder(entries)


def builds_to_compare(tmp_path: Path) -> list[SiteBuild]:
    cases = [project_with(tmp_path / "seed", SEED_CATALOG, SEED_PUBLISHED)]
    cases += [GOLDEN / name for name in ("status", "moves")]
    cases.append(project_with(tmp_path / "synthetic", generate_catalog(400, categories=4, seed=7)))
    real = make_project(tmp_path / "real")
    cases.append(real)
    return [build_site(case, ROOT / "docs", Urls(), SITE_URL) for case in cases]


@pytest.mark.real_catalog  # the real catalog is one of the cases
def test_search_indexes_the_search_view_as_it_would_the_finished_page(tmp_path: Path, monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "hooks"))
    pages = 0
    for build in builds_to_compare(tmp_path):
        for file in build.files:
            if file.body is None or file.category is None:  # /changes/ is out of search
                continue
            title = file.category.title
            finished = search_entries(file.body.html, toc_of(file.body.toc), title)
            view = search_entries(lean_body(file.body), in_document_order(file.body.toc), title)
            assert view == finished, file.path
            codes = [entry for entry in finished if re.search(r"#-?\d+$", entry["location"])]
            assert len(codes) == len(file.category.codes)
            pages += 1
    assert pages >= 20


# What other plugins may put before and after errcat's part of a page: text, whitespace,
# elements, headings, parts search leaves out, and elements left open or closed unopened.
AROUND = [
    "",
    " ",
    "\n",
    "text",
    " text ",
    "\ntext\n",
    "a &amp; b",
    "a &",
    "<p>A paragraph.</p>",
    "<p>",
    "</p>",
    '<div class="wrapper">',
    "</div>",
    "<pre>",
    "</pre>",
    "<br>",
    "<hr/>",
    "<script>if (a < b) run();</script>",
    "<!-- a comment -->",
    '<h2 id="more">More</h2>',
    "<h3>No id</h3>",
    "<div data-search-exclude>",
    "<div data-search-exclude><p>Hidden.</p></div>",
    "<ul><li>An item</li></ul>",
    "<table><tr><td>A cell</td></tr></table>",
]


@dataclasses.dataclass(frozen=True)
class PagePart:
    """A page as errcat makes it, its part of the page and what search parses in its place."""

    finished: str
    part: str
    lean: str
    entries: tuple[TocEntry, ...]
    title: str


@pytest.fixture(scope="module")
def page_parts() -> list[PagePart]:
    """Each category page of two golden catalogs, and index pages with their table."""
    parts = []
    for name in ("status", "moves"):
        build = build_site(GOLDEN / name, ROOT / "docs", Urls(), SITE_URL)
        for file in build.files:
            if file.body is not None and file.category is not None:
                body = file.body
                parts.append(PagePart(body.html, body.html, lean_body(body), body.toc, file.category.title))
        for space in ("", "\n", "\n\n", " "):  # around the line that holds the marker
            index = f'<h1 id="codes">Codes</h1>\n<p>Every code.</p>{space}{build.index_table}{space}'
            parts.append(PagePart(index, build.index_table, APART, (), "Codes"))
    return parts


@settings(max_examples=60, derandomize=True, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    before=st.lists(st.sampled_from(AROUND), max_size=4).map("".join),
    after=st.lists(st.sampled_from(AROUND), max_size=4).map("".join),
)
def test_search_indexes_the_view_around_errcats_part_as_it_would_the_page(
    page_parts: list[PagePart], before: str, after: str
):
    for page in page_parts:
        content = before + page.finished + after
        view = search_view(content, page.part, page.lean)
        if view is not None:
            assert view.startswith(before) and view.endswith(after)
            toc = in_document_order(page.entries) if page.entries else toc_of(())
            assert search_entries(view, toc, page.title) == search_entries(content, toc_of(page.entries), page.title)


def test_a_search_view_is_made_unless_what_comes_before_leaves_an_element_open(page_parts: list[PagePart]):
    page = page_parts[0]
    for before in ("", "text", "<p>A paragraph.</p>\n", "<script>if (a < b) run();</script>", "</div>"):
        assert search_view(before + page.finished + "<p>After.</p>", page.part, page.lean) is not None, before
    for before in ("<div>", "<pre>", "<p>", "<div data-search-exclude>", "a &"):
        assert search_view(before + page.finished, page.part, page.lean) is None, before
    # errcat's part changed (here its title, by a plugin that marks first headings): the page as it is.
    changed = page.finished.replace("<h1 ", "<h1 data-marked ", 1)
    assert changed != page.finished and search_view(changed, page.part, page.lean) is None


def test_the_search_table_of_contents_finds_every_heading_in_any_order(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "hooks"))
    entries = (TocEntry(1, "top", "Top", tuple(TocEntry(2, str(code), f"{code} X") for code in range(10))),)
    toc = in_document_order(entries)
    wanted = ["top", *map(str, range(10))]
    for order in (wanted, wanted[::-1], ["5", "5", "top", "9", "0"]):
        for anchor in order:
            found = next((link for link in toc if link.id == anchor), None)  # as the search plugin looks
            assert found is not None and found.id == anchor
    ids = [link.id for link in toc]  # a whole pass sees each heading once
    assert sorted(ids) == sorted(wanted) and len(ids) == len(wanted)


# --- the permanent pages -----------------------------------------------------------------


def test_a_file_of_the_site_under_codes_is_reported(tmp_path: Path):
    project = project_with(tmp_path / "p", SEED_CATALOG, SEED_PUBLISHED)
    build = build_site(project, ROOT / "docs", Urls(), SITE_URL)
    assert [str(problem) for problem in build.collisions({"index.md", "codes/notes.md"})] == [
        "docs/codes/notes.md:1: /codes/ holds the permanent page of each code: move this file elsewhere"
    ]
    assert build.permalink_page("70093") is not None and build.permalink_page("424242") is None
    assert build.permalink_page("070093") is None  # a code is found only as its anchor is written
