"""The reader's side of a reference in a folder, in Chromium: the team site
(tests/fixtures/team-site) with its two references, /reference/errors/ (text codes) and
/reference/sdk-errors/ (integer codes, permanent pages under errno/)."""

from __future__ import annotations

import re
import shutil
import struct
import zlib
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml

from browser import assert_404_says, open_search, visible_codes
from browser_fixtures import served
from test_browser import assert_highlighted, filter_box
from test_team_site import OPENSEARCH, TEAM_SITE

# errcat's words in German, as a German page shows them.
WORDS_DE = yaml.safe_load(
    (Path(__file__).resolve().parents[1] / "hooks" / "errcat" / "languages" / "de.yml").read_text(encoding="utf-8")
)

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


# --- the 404 page: one for the whole site, served as GitHub Pages serves it ----------------


@pytest.mark.parametrize(
    "path, says, link",
    [
        (SDK + "1002", "Error code 1002 exists:", SDK + "runtime/#1002"),
        (API + "codes/x/NOT_FOUND/", "Error code NOT_FOUND exists:", API + "requests/#NOT_FOUND"),
        (SDK + "errno/9999/", "There is no error code 9999 in this reference.", SDK),
        (SDK + "no-such-page/", "Every code of this reference is in the table of all codes.", SDK),
    ],
)
def test_in_a_references_folder_the_themes_404_page_says_what_errcat_knows(page, team_url, watch, path, says, link):
    assert_404_says(page, team_url, watch, path, says, link)
    assert page.locator("article h1").inner_text() == "404 - Not found"  # Material's, above it


@pytest.mark.parametrize("path", ["guides/gibt-es-nicht/", "card_declined", "reference/errors-old/1002"])
def test_outside_every_folder_the_404_page_is_the_themes_unchanged(page, team_url, watch, path):
    assert_404_is_the_sites(page, team_url, watch, path, "404 - Not found")


def assert_404_is_the_sites(page, url: str, watch, path: str, text: str) -> None:
    """The 404 page at `path` is the site's own, with `text`, once errcat.js has run on it."""
    watch.expected_404s.add(url + path)
    response = page.goto(url + path)
    assert response.status == 404
    page.wait_for_selector("input.md-search__input[data-errcat-ready]", state="attached")  # errcat.js ran
    assert page.locator("article").inner_text().split() == text.split()
    assert page.locator("#errcat-404, main [class*=errcat]").count() == 0  # (its search dialog has the hits)


# --- a German team site: its own 404 page, its favicon, the filter's folding --------------


def png(width: int = 16, height: int = 16) -> bytes:
    """A PNG image, one colour, for a favicon of the team's."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\0" + b"\x2a\x6f\xdb" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


ACME_PNG = png()
GERMAN_CODES = """\
  - id: shipping
    title: Versand
    codes:
      - code: street_unknown
        message: Straße unbekannt
        description: Die Lieferadresse nennt keine bekannte.
      - code: street_closed
        message: Strasse gesperrt
        description: Der Zusteller kommt nicht hin.
      - code: carrier_timeout
        message: Zeitüberschreitung beim Zusteller
        description: Der Zusteller hat nicht geantwortet.
      - code: fee_unpaid
        message: Gebuehr nicht bezahlt
        description: Die Sendung wartet auf Zahlung.
      - code: shop_delivery
        message: Zustellung an ein Café abgelehnt
        description: Nur an Wohnadressen.
"""


@pytest.fixture(scope="module")
def german_url(tmp_path_factory):
    """The team site as a German team has it (the issue's): `language: de`, its own 404 page
    and favicon, a site name longer than a ShortName, and German messages in a category."""
    site = tmp_path_factory.mktemp("team-german") / "site"
    shutil.copytree(TEAM_SITE, site)
    config = site / "mkdocs.yml"
    text = config.read_text()
    text = text.replace(
        "site_name: Acme Payments developer docs", "site_name: Paketdienst API, Entwicklerdokumentation"
    )
    text = text.replace(
        "theme:\n  name: material\n",
        "theme:\n  name: material\n  language: de\n  custom_dir: overrides\n  favicon: images/acme.png\n",
    )
    config.write_text(text)
    (site / "overrides").mkdir()
    (site / "overrides" / "404.html").write_text(
        '{% extends "main.html" %}\n{% block content %}<h1>Seite nicht gefunden</h1>'
        "<p>Zur\u00fcck zur Startseite.</p>{% endblock %}\n"
    )
    (site / "docs" / "images").mkdir()
    (site / "docs" / "images" / "acme.png").write_bytes(ACME_PNG)
    catalog = site / "catalogs" / "api.yaml"
    catalog.write_text(catalog.read_text() + GERMAN_CODES)
    record = site / "catalogs" / "api-published.txt"
    codes = re.findall(r"code: (\w+)", GERMAN_CODES)
    record.write_text(record.read_text() + "".join(f"{code} shipping\n" for code in codes))
    with served(site, site / "built") as url:
        yield url


def test_a_teams_own_404_page_is_kept_and_errcat_helps_only_in_its_folder(page, german_url, watch):
    assert_404_is_the_sites(
        page, german_url, watch, "guides/gibt-es-nicht/", "Seite nicht gefunden Zurück zur Startseite."
    )
    # In the site's language: the sentence up to its link.
    says = WORDS_DE["missing.none"].split("{link}")[0].replace("{code}", "9999").strip()
    assert_404_says(page, german_url, watch, API + "codes/9999/", says, API)
    assert page.locator("article h1").inner_text() == "Seite nicht gefunden"


def german_filter_box(page):
    """The filter of a German page, by its label in German (errcat's words follow the site's language)."""
    return page.get_by_label(WORDS_DE["filter.label"])


@pytest.mark.parametrize(
    "query, codes",
    [
        ("strasse", ["street_unknown", "street_closed"]),  # ß as ss, and ss as itself
        ("Straße", ["street_unknown", "street_closed"]),
        ("zeitueberschreitung", ["carrier_timeout"]),  # ü as ue
        ("ZEITÜBERSCHREITUNG", ["carrier_timeout"]),
        ("gebühr", ["fee_unpaid"]),  # and ue as ü
        ("cafe", ["shop_delivery"]),  # é as e
        ("déclined", ["card_declined"]),  # and e as é
        ("zustellung cafe", ["shop_delivery"]),
    ],
)
def test_the_filter_folds_case_accents_and_the_languages_own_letters_both_ways(page, german_url, query, codes):
    page.goto(german_url + API)
    german_filter_box(page).fill(query)
    assert visible_codes(page) == codes


def test_the_filter_narrows_typed_letter_by_letter_as_it_folds(page, german_url):
    page.goto(german_url + API)
    german_filter_box(page).press_sequentially("zeitü")
    assert visible_codes(page) == ["carrier_timeout"]
    german_filter_box(page).press("Backspace")
    german_filter_box(page).press_sequentially("ueb")
    assert visible_codes(page) == ["carrier_timeout"]


def test_on_an_english_page_accents_fold_too(page, team_url):
    page.goto(team_url + API)
    filter_box(page).fill("déclined")
    assert visible_codes(page) == ["card_declined"]


@pytest.mark.parametrize("folder, name", [(API, "Acme API errors"), (SDK, "Paketdienst API")])
def test_opensearch_has_a_short_name_of_whole_words_and_the_teams_favicon(page, german_url, folder, name):
    description = ElementTree.fromstring(page.request.get(german_url + folder + "opensearch.xml").body())
    assert description.findtext(f"{{{OPENSEARCH}}}ShortName") == name
    image = description.find(f"{{{OPENSEARCH}}}Image")
    assert image.text == german_url + "images/acme.png" and image.get("type") == "image/png"
    served_image = page.request.get(image.text)
    assert served_image.status == 200 and served_image.body() == ACME_PNG
