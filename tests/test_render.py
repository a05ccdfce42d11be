"""Golden tests of one build, without MkDocs: `build_site` on a fixture catalog gives
exactly the files, index table and nav in tests/golden/<case>/expected/.

Each case folder holds catalog.yaml and published-codes.txt (and, optionally,
`directory_urls: false` in a file named urls.txt). After a change to the rendering that
is meant, regenerate with `ERRCAT_BLESS=1 .venv/bin/python -m pytest tests/test_render.py`
and read the diff before committing it.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from errcat.catalog.load import _REFUSED_CHARACTERS
from errcat.catalog.paths import Urls
from errcat.render.site import SiteBuild, build_site
from sitecheck import ROOT

GOLDEN = ROOT / "tests" / "golden"
CASES = sorted(path for path in GOLDEN.iterdir() if (path / "catalog.yaml").exists())
SITE_URL = "https://example.org/errors/"


def build(case: Path) -> SiteBuild:
    directory_urls = (
        (case / "urls.txt").read_text().strip() != "directory_urls: false" if (case / "urls.txt").exists() else True
    )
    # No history: a golden output must not depend on the commits of this repository.
    return build_site(case, ROOT / "docs", Urls(directory_urls), SITE_URL, with_history=False)


def outputs(build: SiteBuild) -> dict[str, str]:
    """Every output of a build as files: the generated ones, the index table and the nav."""
    files = {generated.path: generated.content for generated in [*build.files, *build.permalink_pages()]}
    for generated in build.files:  # a category page's content, and its table of contents
        if generated.body is not None:
            files[generated.path.replace(".md", ".html")] = generated.body.html + "\n"
            files[generated.path.replace(".md", ".toc.json")] = (
                json.dumps([dataclasses.asdict(entry) for entry in generated.body.toc], indent=1) + "\n"
            )
    files["index-table.html"] = build.index_table + "\n"
    files["nav.json"] = json.dumps(build.nav_with_categories(["index.md", {"Using": "using.md"}]), indent=1) + "\n"
    return files


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_a_build_gives_exactly_the_golden_files(case: Path):
    result = build(case)
    assert result.problems == []
    got = outputs(result)
    expected_dir = case / "expected"
    if os.environ.get("ERRCAT_BLESS"):
        shutil.rmtree(expected_dir, ignore_errors=True)
        for path, content in got.items():
            (expected_dir / path).parent.mkdir(parents=True, exist_ok=True)
            (expected_dir / path).write_text(content, encoding="utf-8")
    expected = {
        path.relative_to(expected_dir).as_posix(): path.read_text(encoding="utf-8")
        for path in expected_dir.rglob("*")
        if path.is_file()
    }
    assert sorted(got) == sorted(expected)
    for path, content in got.items():
        assert content == expected[path], path


def test_nav_puts_the_categories_right_after_the_home_page():
    result = build(GOLDEN / "moves")
    assert result.nav_with_categories(["index.md", {"Using": "using.md"}]) == [
        "index.md",
        {"General status": "general.md"},
        {"Calls &amp; conferences": "calls.md"},  # escaped: themes print nav titles as HTML
        {"Voice menus": "voice-menus.md"},
        {"What changed": "changes.md"},
        {"Using": "using.md"},
    ]


def test_a_build_with_problems_gives_nothing_else(tmp_path: Path):
    shutil.copy2(GOLDEN / "moves" / "catalog.yaml", tmp_path / "catalog.yaml")
    (tmp_path / "published-codes.txt").write_text("0 general\n")
    result = build(tmp_path)
    assert result.problems and result.files == [] and result.index_table == "" and result.catalog is None


def test_each_build_compiles_the_schema_it_is_given(tmp_path: Path):
    """No state outlives a build: a changed schema is used by the very next build."""
    case = GOLDEN / "status"
    schema = tmp_path / "catalog.schema.json"
    shutil.copy2(ROOT / "hooks" / "errcat" / "catalog.schema.json", schema)
    assert build_site(case, ROOT / "docs", Urls(), SITE_URL, schema).problems == []
    schema.write_text(schema.read_text().replace('"minItems": 1,', '"minItems": 5,', 1))
    stricter = build_site(case, ROOT / "docs", Urls(), SITE_URL, schema)
    assert [str(problem) for problem in stricter.problems] == [
        "catalog.yaml:2: 'categories' of the catalog has 1 entry; at least 5 are needed"
    ]


def test_a_new_status_needs_only_the_schema_and_the_stylesheet(tmp_path: Path):
    schema = json.loads((ROOT / "hooks" / "errcat" / "catalog.schema.json").read_text())
    schema["definitions"]["code"]["properties"]["status"]["oneOf"].append(
        {"const": "sunset", "description": "the API returns this code until the date in the note."}
    )
    (tmp_path / "schema.json").write_text(json.dumps(schema))
    case = tmp_path / "project"
    case.mkdir()
    (case / "catalog.yaml").write_text(
        "categories:\n  - id: general\n    title: General\n    codes:\n      - code: 7\n        message: OLD\n"
        "        description: Old.\n        status: sunset\n        note: Until 2027-05-01.\n"
    )
    (case / "published-codes.txt").write_text("7 general\n")
    result = build_site(case, ROOT / "docs", Urls(), SITE_URL, tmp_path / "schema.json")
    assert result.problems == []
    page = next(file.body.html for file in result.files if file.path == "general.md" and file.body)
    assert '<span class="errcat-badge errcat-badge--sunset" data-search-exclude>sunset</span>' in page
    assert (
        '<div class="errcat-status errcat-status--sunset"><p><strong>Sunset:</strong> the API returns this code'
        " until the date in the note. Until 2027-05-01.</p></div>"
    ) in page
    assert 'class="errcat-row--sunset"' in result.index_table


@pytest.fixture(scope="module")
def status_build() -> SiteBuild:
    return build(GOLDEN / "status")


# Any title the catalog accepts: its refused characters are load.py's.
_TITLES = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=40).filter(
    lambda title: _REFUSED_CHARACTERS.search(title) is None
)


@settings(max_examples=300, derandomize=True, deadline=None, database=None)
@given(
    st.one_of(st.sampled_from(["Payments 💳", "Zahlungen ✓", "支払い", 'a "quoted" \\ title', "\ufeffBOM"]), _TITLES)
)
def test_a_category_pages_front_matter_reads_back_as_its_title_in_mkdocs(status_build: SiteBuild, title: str):
    from mkdocs.utils.meta import get_data

    renderer, catalog = status_build.renderer, status_build.catalog
    assert renderer is not None and catalog is not None
    category = dataclasses.replace(catalog.categories[0], title=title)
    markdown, meta = get_data(renderer.front_matter(category))
    assert (markdown, meta) == ("", {"title": renderer.nav_title(category)})
