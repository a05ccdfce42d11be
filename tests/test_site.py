"""The built site, read as HTML: every code where it belongs, once, and every link working."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from errcat import Catalog
from errcat.catalog.model import former_categories
from errcat.catalog.paths import SITE_NAMES
from errcat.render import LONG_TABLE
from sitecheck import ROOT, Site, built_site, make_project

# Folders of the built site that are not category pages: the theme's, the permanent
# code URLs and the hand-written pages of docs/.
NOT_CATEGORIES = SITE_NAMES | {path.stem for path in (ROOT / "docs").glob("*.md")}


def category_pages(site: Site) -> set[str]:
    """Folders of the built site that are category pages or the pages former ids keep."""
    return {path.parent.name for path in site.root.glob("*/index.html") if path.parent.name not in NOT_CATEGORIES}


def moved_markers(site: Site, page: str) -> set[str]:
    """The codes that keep an anchor on a page after they moved away from it."""
    return {item["id"] for item in site.page(page).select("li.errcat-moved-code")}


def test_every_code_has_exactly_one_anchor_on_its_category_page(site: Site, catalog: Catalog):
    for category in catalog.categories:
        page = site.page(f"{category.id}/")
        ids = Counter(element["id"] for element in page.find_all(id=True))
        for error in category.codes:
            assert ids[str(error.code)] == 1, f"{category.id}/#{error.code}"
            heading = page.find(id=str(error.code))
            assert heading.name == "h2"
            assert error.message in heading.get_text()
            entry = page.find(attrs={"data-code": str(error.code)})
            assert error.message in entry.find(class_="errcat-message").get_text()


def test_no_code_anchor_on_another_page_but_where_it_was_before(site: Site, catalog: Catalog):
    for category, error in catalog.codes():
        holders = {
            path.parent.name
            for path in site.root.glob("*/index.html")
            if site.page(path.relative_to(site.root)).find(id=str(error.code))
        }
        assert holders == {category.id, *former_categories(category, error)}, error.code
        for former in former_categories(category, error):
            assert str(error.code) in moved_markers(site, f"{former}/"), f"{former}/#{error.code}"


def test_nothing_is_rendered_that_is_not_in_the_catalog(site: Site, catalog: Catalog):
    formers = set(catalog.moved_away())
    assert category_pages(site) == {category.id for category in catalog.categories} | formers
    rendered = []
    for name in category_pages(site):
        rendered += [heading["id"] for heading in site.page(f"{name}/").select("h2.errcat-heading")]
    assert sorted(rendered) == sorted(str(error.code) for _, error in catalog.codes())


def test_index_lists_every_code_once_linking_to_its_anchor(site: Site, catalog: Catalog):
    table = site.page("index.html").find("table", class_="errcat-index")
    rows = table.tbody.find_all("tr")
    assert len(rows) == len(catalog.codes())
    headers = [th.get_text(strip=True) for th in table.thead.find_all("th")]
    # An HTTP column when any code has a status: a pull request may give one.
    http = catalog.has_http_status
    assert headers == ["Code", "Message", *(["HTTP"] if http else []), "Category", "Description"]
    for row, (category, error) in zip(rows, catalog.codes(), strict=True):
        cells = row.find_all("td")
        code_cell, message_cell, category_cell, description_cell = cells[0], cells[1], cells[-2], cells[-1]
        assert code_cell.a["href"] == f"{category.id}/#{error.code}"
        assert code_cell.get_text() == str(error.code)
        # A code that is not active carries its status as a badge (a pull request may deprecate one).
        badge = message_cell.find(class_="errcat-badge")
        assert (badge.get_text() if badge else "active") == error.status
        if badge:
            badge.extract()
        assert message_cell.get_text().strip() == error.message
        if http:
            assert cells[2].get_text() == (str(error.http_status) if error.http_status else "")
        assert category_cell.a["href"] == f"{category.id}/"
        assert category_cell.get_text() == category.title
        assert description_cell.get_text().strip()


def test_the_index_table_is_marked_long_only_when_it_is(site: Site, catalog: Catalog):
    long = len(catalog.codes()) > LONG_TABLE
    classes = site.page("index.html").find("table", class_="errcat-index")["class"]
    assert classes == (["errcat-index", "errcat-long"] if long else ["errcat-index"])


def test_nav_lists_home_then_categories_in_catalog_order(site: Site, catalog: Catalog):
    nav = site.page("index.html").select_one("nav.md-nav--primary")
    links = [a["href"] for a in nav.select("a.md-nav__link[href]") if not a["href"].startswith("#")]
    expected = ["."] + [f"{category.id}/" for category in catalog.categories]
    assert links[: len(expected)] == expected


def test_edit_button_of_a_generated_page_opens_the_catalog(site: Site, catalog: Catalog):
    for category in catalog.categories:
        edit = site.page(f"{category.id}/").select_one("a.md-content__button[href*='/edit/']")
        assert edit["href"] == "https://github.com/pbx-docs/error-codes/edit/main/catalog.yaml"


def test_ids_are_unique_on_every_page(site: Site):
    for path in site.html_files():
        duplicates = [i for i, n in Counter(site.ids(path)).items() if n > 1]
        assert not duplicates, f"{path.relative_to(site.root)}: {duplicates}"


def test_every_internal_link_resolves_to_a_file_and_an_id(site: Site):
    """An independent check of the built HTML, not relying on MkDocs' own validation."""
    checked, broken = site.check_links(base_path="/error-codes/")
    assert broken == []
    assert checked > 500  # the check really ran over the site's links


GOLDEN = ROOT / "tests" / "golden"


@pytest.mark.parametrize("case", sorted(path.name for path in GOLDEN.iterdir() if path.is_dir()))
def test_every_link_of_a_golden_site_resolves(case: str, tmp_path: Path):
    """The golden catalogs built by MkDocs, with their URL scheme: a link outside the site
    (the changes page linked ../changes.xml without directory URLs) fails here."""
    golden = GOLDEN / case
    project = make_project(
        tmp_path / "project",
        (golden / "catalog.yaml").read_text(encoding="utf-8"),
        (golden / "published-codes.txt").read_text(encoding="utf-8"),
    )
    urls = golden / "urls.txt"
    if urls.exists() and urls.read_text().strip() == "directory_urls: false":
        config = project / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8") + "\nuse_directory_urls: false\n", encoding="utf-8")
    site = built_site(project, tmp_path / "site")
    checked, broken = site.check_links(base_path="/error-codes/")
    assert broken == []
    assert checked > 100


def test_generated_pages_are_not_files_in_the_checkout(site: Site, catalog: Catalog):
    # Generated pages live in memory only; docs/ holds hand-written files.
    for category in catalog.categories:
        assert not (ROOT / "docs" / f"{category.id}.md").exists()
        assert not (ROOT / "docs" / category.id).exists()


def test_every_code_has_a_permanent_redirect_page(site: Site, catalog: Catalog):
    assert sorted(path.name for path in (site.root / "codes").iterdir()) == sorted(
        str(error.code) for _, error in catalog.codes()
    )
    for category, error in catalog.codes():
        page = site.page(f"codes/{error.code}/")
        target = f"../../{category.id}/#{error.code}"
        assert page.find("meta", attrs={"http-equiv": "refresh"})["content"] == f"0; url={target}"
        assert page.find("link", rel="canonical")["href"] == (
            f"https://pbx-docs.github.io/error-codes/{category.id}/#{error.code}"
        )
        link = page.body.find("a", href=target)
        assert link is not None and error.message in link.get_text()
        assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_redirect_pages_stay_out_of_nav_search_and_sitemap(site: Site):
    sitemap = (site.root / "sitemap.xml").read_text()
    assert "/codes/" not in sitemap
    index = json.loads((site.root / "search" / "search_index.json").read_text())
    assert not [doc for doc in index["docs"] if doc["location"].startswith("codes/")]
    nav = site.page("index.html").select_one("nav.md-nav--primary")
    assert not [a for a in nav.find_all("a", href=True) if "codes/" in a["href"]]


def test_search_index_has_one_entry_per_code_at_its_anchor(site: Site, catalog: Catalog):
    docs = json.loads((site.root / "search" / "search_index.json").read_text())["docs"]
    locations = Counter(doc["location"] for doc in docs)
    for category, error in catalog.codes():
        assert locations[f"{category.id}/#{error.code}"] == 1
        entry = next(doc for doc in docs if doc["location"] == f"{category.id}/#{error.code}")
        assert entry["title"].startswith(f"{error.code} ")
    # The index table and see-also lists are left out, so a number is found at its code.
    home = [doc for doc in docs if doc["location"] == ""]
    assert all("70093" not in doc["text"] for doc in home)


@pytest.fixture(scope="module")
def status_site(tmp_path_factory) -> Site:
    from sitecheck import built_site, make_project
    from status_catalog import STATUS_CATALOG

    return built_site(make_project(tmp_path_factory.mktemp("status") / "project", STATUS_CATALOG))


def test_deprecated_and_removed_codes_stay_at_their_anchor_with_a_badge(status_site: Site):
    page = status_site.page("general/")
    for code, status in (("3", "deprecated"), ("4", "removed")):
        heading = page.find(id=code)
        assert heading.name == "h2"
        badge = heading.find(class_=f"errcat-badge--{status}")
        assert badge.get_text() == status
        note = page.find(attrs={"data-code": code}).find(class_=f"errcat-status--{status}")
        assert note.get_text().startswith(f"{status.capitalize()}:")
    assert "Replaced by -1." in page.find(attrs={"data-code": "4"}).get_text()
    assert page.find(id="0").find(class_="errcat-badge") is None
    assert page.find(attrs={"data-code": "0"}).find(class_="errcat-status") is None


def test_deprecated_and_removed_codes_stay_in_the_index_marked(status_site: Site):
    rows = status_site.page("index.html").select("table.errcat-index tbody tr")
    assert [row.td.get_text() for row in rows] == ["0", "3", "4", "-1", "5"]
    assert [row.get("class") for row in rows] == [None, ["errcat-row--deprecated"], ["errcat-row--removed"], None, None]
    assert rows[2].find(class_="errcat-badge--removed").get_text() == "removed"


def test_a_note_is_shown_on_an_active_code_too(status_site: Site):
    entry = status_site.page("general/").find(attrs={"data-code": "5"})
    note = entry.find(class_="errcat-note")
    assert " ".join(note.get_text().split()) == "Note: Retry after a minute; see code 0."
    assert note.find("a")["href"] == "#0"
    assert entry.find(class_="errcat-status") is None
    assert status_site.page("general/").find(id="5").find(class_="errcat-badge") is None


def test_catalog_json_carries_status_and_note(status_site: Site):
    codes = {entry["code"]: entry for entry in json.loads((status_site.root / "catalog.json").read_text())["codes"]}
    assert (codes[3]["status"], codes[3]["note"]) == ("deprecated", "Send the new format; see code 0.")
    assert (codes[4]["status"], codes[4]["note"]) == ("removed", "Replaced by -1.")
    assert (codes[0]["status"], codes[0]["note"]) == ("active", None)
    assert (codes[5]["status"], codes[5]["note"]) == ("active", "Retry after a minute; see code 0.")
