"""The reader's side of a reference in a folder, in Chromium: the team site
(tests/fixtures/team-site) with its two references, /reference/errors/ (text codes) and
/reference/sdk-errors/ (integer codes, permanent pages under errno/)."""

from __future__ import annotations

import shutil

import pytest

from browser import assert_404_says, open_search, visible_codes
from browser_fixtures import served
from test_browser import assert_highlighted, filter_box
from test_team_site import TEAM_SITE

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("team-site")]
API = "reference/errors/"
SDK = "reference/sdk-errors/"


@pytest.fixture(scope="module")
def team_url(tmp_path_factory):
    site = tmp_path_factory.mktemp("team-browser") / "site"
    shutil.copytree(TEAM_SITE, site)
    with served(site, site / "built") as url:
        yield url


@pytest.mark.parametrize(
    "folder, query, codes",
    [
        (API, "declined", ["card_declined"]),
        (API, "sqlstate", ["00000"]),
        (SDK, "100", ["1001", "1002"]),
        (SDK, "disk", ["23505"]),
    ],
)
def test_the_filter_of_each_reference_finds_its_own_codes(page, team_url, folder, query, codes):
    page.goto(team_url + folder)
    filter_box(page).fill(query)
    assert visible_codes(page) == codes


@pytest.mark.parametrize(
    "folder, response, code",
    [(API, '{"code": "card_declined", "message": "..."}', "card_declined"), (SDK, '{"errno": 1002}', "1002")],
)
def test_a_pasted_response_shows_its_code_with_each_references_own_label(page, team_url, folder, response, code):
    page.goto(team_url + folder)
    filter_box(page).fill(response)
    assert visible_codes(page) == [code]


def test_a_query_in_the_address_prefills_the_filter_of_a_reference_in_a_folder(page, team_url):
    page.goto(team_url + SDK + "?q=config")
    assert filter_box(page).input_value() == "config"
    assert visible_codes(page) == ["1002"]


def test_a_deep_link_lands_highlighted(page, team_url):
    page.goto(team_url + SDK + "storage/#23505")
    assert_highlighted(page, "23505")


@pytest.mark.parametrize(
    "permanent, lands",
    [(API + "codes/card_declined/", API + "payments/#card_declined"), (SDK + "errno/1001/", SDK + "runtime/#1001")],
)
def test_permanent_pages_in_a_folder_lead_to_the_entry(page, team_url, permanent, lands):
    page.goto(team_url + permanent)
    page.wait_for_url(team_url + lands)
    assert_highlighted(page, lands.rsplit("#", 1)[1])


def test_search_gives_one_direct_hit_per_reference_that_has_the_code(page, team_url):
    box = open_search(page, team_url)
    box.press_sequentially("23505")
    hits = page.locator(".errcat-search-hit:not([hidden])")
    hits.nth(1).wait_for()
    assert hits.evaluate_all("as => as.map(a => a.href)") == [
        team_url + API + "payments/#23505",
        team_url + SDK + "storage/#23505",
    ]
    box.fill("")
    box.press_sequentially("1002")
    page.wait_for_function("document.querySelectorAll('.errcat-search-hit:not([hidden])').length === 1")
    assert hits.first.evaluate("a => a.href") == team_url + SDK + "runtime/#1002"
    box.press("Enter")
    page.wait_for_url(team_url + SDK + "runtime/#1002")


@pytest.mark.parametrize(
    "path, says, link",
    [
        (SDK + "1002", "Error code 1002 exists:", SDK + "runtime/#1002"),
        (API + "codes/x/NOT_FOUND/", "Error code NOT_FOUND exists:", API + "requests/#NOT_FOUND"),
        ("card_declined", "Error code card_declined exists:", API + "payments/#card_declined"),
        (SDK + "errno/9999/", "There is no error code 9999 in this reference.", SDK),
    ],
)
def test_the_404_page_asks_the_reference_of_its_folder(page, team_url, watch, path, says, link):
    assert_404_says(page, team_url, watch, path, says, link)
