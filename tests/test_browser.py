"""The site as a user meets it, in Debian's Chromium: filter, sort, deep links, search.

Every page a test opens is watched (browser_fixtures.py): a console error, an uncaught
exception or a request to anything but the local server fails the test.
"""

from __future__ import annotations

import re

import pytest

from browser import assert_404_says, open_search, serve, visible_codes
from browser_fixtures import BIG_CATALOG, served
from errcat import Catalog
from sitecheck import ROOT, SEED_CATALOG, SEED_PUBLISHED, built_site, make_project

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def catalog(seed_catalog: Catalog) -> Catalog:
    """The frozen seed catalog these tests build: they name its codes and categories."""
    return seed_catalog


# --- helpers ----------------------------------------------------------------------


def expected_matches(catalog: Catalog, query: str) -> list[str]:
    """What errcat.js's filter must leave, modelled in Python: the codes whose row (code,
    message, category, description as shown) holds every word of the query, in any case."""
    from errcat.render.markup import Markup

    text_of = Markup().text
    terms = query.lower().split()
    found = []
    for category, error in catalog.codes():
        text = "\0".join([str(error.code), error.message, category.title, text_of(error.description)]).lower()
        if all(term in text for term in terms):
            found.append(str(error.code))
    return found


def filter_box(page):
    return page.get_by_label("Filter codes")


# --- the index filter ---------------------------------------------------------------


@pytest.mark.parametrize(
    "query, must_include",
    [("700", ["70004", "70093"]), ("phonebook", ["70093", "70091"]), ("token expired", ["10004"]), ("-2", ["-2"])],
)
def test_filter_shows_matching_rows_and_counts_them(page, base_url, catalog, query, must_include):
    page.goto(base_url)
    filter_box(page).fill(query)
    expected = expected_matches(catalog, query)
    assert visible_codes(page) == expected
    assert set(must_include) <= set(expected)
    assert page.locator(".errcat-count").inner_text() == f"{len(expected)} of {len(catalog.codes())} codes"
    assert page.locator(".errcat-empty").is_hidden()


def test_filter_token_expired_finds_only_10004(page, base_url):
    page.goto(base_url)
    filter_box(page).fill("token expired")
    assert visible_codes(page) == ["10004"]


def test_a_long_table_shows_the_first_rows_and_a_button_for_the_rest(page, big_base_url, tmp_path):
    page.goto(big_base_url)
    assert len(visible_codes(page)) == 50
    assert page.locator(".errcat-count").inner_text() == "250 of 250 codes, showing the first 50"
    more = page.get_by_role("button", name="Show all 250 matching codes")

    from errcat import read_catalog

    (tmp_path / "catalog.yaml").write_text(BIG_CATALOG, encoding="utf-8")
    big, _ = read_catalog(tmp_path / "catalog.yaml")
    assert big is not None
    many, few = expected_matches(big, "big 1"), expected_matches(big, "code 24")
    assert len(many) > 50 and len(few) < 50
    filter_box(page).fill("big 1")
    assert visible_codes(page) == many[:50]
    assert page.get_by_role("button", name=f"Show all {len(many)} matching codes").is_visible()
    filter_box(page).fill("code 24")
    assert visible_codes(page) == few
    assert page.locator(".errcat-more").is_hidden()
    filter_box(page).fill("")
    more.click()
    assert visible_codes(page) == [str(50000 + i) for i in range(250)]
    assert page.locator(".errcat-count").inner_text() == "250 of 250 codes"
    # Sorting orders all matches, not only the rows on screen.
    page.locator("table.errcat-index th").nth(0).get_by_role("button").click()
    page.locator("table.errcat-index th").nth(0).get_by_role("button").click()
    assert visible_codes(page)[:2] == ["50249", "50248"]


def test_a_keystroke_shows_the_rows_in_view_at_once_and_the_rest_a_frame_later(page, big_base_url):
    page.goto(big_base_url)
    now = page.evaluate(
        """() => {
          const input = document.getElementById('errcat-filter-input');
          const body = document.querySelector('table.errcat-index tbody');
          input.value = 'big';
          input.dispatchEvent(new Event('input'));
          const last = body.rows[body.rows.length - 1].getBoundingClientRect();
          return {rows: body.rows.length, busy: body.getAttribute('aria-busy'),
                  past: last.bottom >= window.innerHeight};
        }"""
    )
    # In the keystroke's own task: the screen's worth of rows (reaching past its bottom), not 50.
    assert now["busy"] == "true" and now["past"] and 1 < now["rows"] < 50
    assert len(visible_codes(page)) == 50  # then the rest, once the table is no longer busy
    assert page.locator("table.errcat-index tbody").get_attribute("aria-busy") is None


def test_a_long_table_shows_every_row_when_the_script_fails(context, big_base_url, watch):
    page = context.new_page()
    page.route("**/assets/errcat.js*", lambda route: route.abort())
    page.goto(big_base_url)
    watch.errors.clear()  # the aborted script's own console error
    assert "errcat-long" in page.locator("table.errcat-index").get_attribute("class")
    page.wait_for_function("!document.documentElement.classList.contains('errcat-js')")
    assert page.locator("table.errcat-index tbody tr:visible").count() == 250


def test_filter_with_no_match_says_so(page, base_url, catalog):
    page.goto(base_url)
    filter_box(page).fill("zzzz nothing")
    assert visible_codes(page) == []
    assert page.locator(".errcat-empty").inner_text() == "No code matches \u201czzzz nothing\u201d."
    assert page.locator(".errcat-count").inner_text() == f"0 of {len(catalog.codes())} codes"
    filter_box(page).fill("")
    assert len(visible_codes(page)) == len(catalog.codes())
    assert page.locator(".errcat-empty").is_hidden()


def test_filter_is_reachable_from_the_keyboard(page, base_url):
    page.goto(base_url)
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "errcat-filter-input":
            break
    else:
        pytest.fail("Tab never reached the filter box")
    page.keyboard.type("cahnnel")
    assert visible_codes(page) == ["70130"]


def test_query_in_the_address_prefills_the_filter(page, base_url, catalog):
    page.goto(base_url + "?q=phonebook")
    assert filter_box(page).input_value() == "phonebook"
    assert visible_codes(page) == expected_matches(catalog, "phonebook")
    assert page.evaluate("new URL(location.href).searchParams.get('q')") == "phonebook"
    # Material's search, which also reads ?q=, stays closed.
    assert not page.locator("#__search").is_checked()


def test_typing_keeps_the_address_in_step_without_history_entries(page, base_url):
    page.goto(base_url)
    length = page.evaluate("history.length")
    filter_box(page).press_sequentially("token")
    # The address follows once typing pauses (errcat.js: ADDRESS_DELAY).
    page.wait_for_function("location.search === '?q=token'", timeout=5000)
    assert page.evaluate("history.length") == length
    filter_box(page).fill("")
    page.wait_for_function("location.search === ''", timeout=5000)


# --- sorting ------------------------------------------------------------------------


def test_code_column_sorts_numerically_both_ways(page, base_url, catalog):
    page.goto(base_url)
    numbers = sorted(error.code for _, error in catalog.codes())
    header = page.locator("table.errcat-index th").nth(0)
    header.get_by_role("button").click()
    assert visible_codes(page) == [str(n) for n in numbers]
    assert visible_codes(page)[:6] == ["-2", "-1", "0", "1", "2", "10001"]
    assert header.get_attribute("aria-sort") == "ascending"
    header.get_by_role("button").click()
    assert visible_codes(page) == [str(n) for n in reversed(numbers)]
    assert header.get_attribute("aria-sort") == "descending"


def test_sorting_by_message_from_the_keyboard(page, base_url, catalog):
    page.goto(base_url)
    button = page.locator("table.errcat-index th").nth(1).get_by_role("button")
    button.focus()
    page.keyboard.press("Enter")
    messages = page.eval_on_selector_all("table.errcat-index tbody tr", "rows => rows.map(r => r.cells[1].textContent)")
    assert messages == sorted((error.message for _, error in catalog.codes()), key=str.lower)
    assert page.locator("table.errcat-index th").nth(1).get_attribute("aria-sort") == "ascending"
    assert page.locator("table.errcat-index th").nth(0).get_attribute("aria-sort") is None


def test_sorting_keeps_the_filter(page, base_url):
    page.goto(base_url)
    filter_box(page).fill("session")
    before = visible_codes(page)
    page.locator("table.errcat-index th").nth(0).get_by_role("button").click()
    page.locator("table.errcat-index th").nth(0).get_by_role("button").click()
    assert visible_codes(page) == sorted(before, key=int, reverse=True)


def test_sortable_headers_are_buttons_with_aria_sort(page, base_url):
    page.goto(base_url)
    headers = page.locator("table.errcat-index th")
    assert headers.count() == 4
    for i in range(4):
        assert headers.nth(i).get_by_role("button").count() == 1
    assert page.get_by_role("button", name="Code").count() >= 1


# --- deep links -----------------------------------------------------------------------


def assert_highlighted(page, code: str) -> None:
    heading = page.locator(f'[id="{code}"]')
    heading.wait_for()
    page.wait_for_function("code => document.getElementById(code).classList.contains('errcat-target')", arg=code)
    background = heading.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent"), background
    page.wait_for_function(
        """code => { const r = document.getElementById(code).getBoundingClientRect();
                     return r.top >= 0 && r.bottom <= innerHeight; }""",
        arg=code,
    )
    others = page.locator("h2.errcat-heading.errcat-target")
    assert others.count() == 1


def test_opening_a_code_link_scrolls_to_it_and_highlights_it(page, base_url):
    page.goto(base_url + "messages/#80015")
    assert_highlighted(page, "80015")
    assert page.locator('[data-code="80015"]').evaluate("e => e.classList.contains('errcat-target')")


def test_negative_code_anchor_works(page, base_url):
    page.goto(base_url + "general/#-2")
    assert_highlighted(page, "-2")


def test_instant_navigation_to_a_code_highlights_it(page, base_url, watch):
    page.goto(base_url)
    page.evaluate("window.__stillTheSameDocument = true")
    documents = watch.documents
    # Material makes every link absolute as it sets up instant navigation.
    page.locator("table.errcat-index a[href$='/messages/#80053']").click()
    page.wait_for_url("**/messages/#80053")
    assert_highlighted(page, "80053")
    # Material's instant navigation swapped the content: no new document was loaded.
    assert page.evaluate("window.__stillTheSameDocument") is True
    assert watch.documents == documents


def test_filter_and_sort_work_after_navigating_away_and_back(page, base_url, catalog):
    page.goto(base_url)
    page.evaluate("window.__stillTheSameDocument = true")
    page.locator("nav.md-nav--primary a[href$='/contacts/']").first.click()
    page.wait_for_url("**/contacts/")
    page.locator("nav.md-nav--primary a.md-nav__link[href$='/error-codes/']").first.click()
    page.wait_for_url(re.compile(r".*/error-codes/$"))
    assert page.evaluate("window.__stillTheSameDocument") is True
    # Material swaps the content in after the address changes: wait for errcat.js to
    # have set the table up again, then there must be exactly one filter.
    page.locator("table.errcat-index[data-errcat-ready]").wait_for()
    assert page.locator(".errcat-filter").count() == 1
    filter_box(page).fill("phonebook")
    assert visible_codes(page) == expected_matches(catalog, "phonebook")
    page.locator("table.errcat-index th").nth(0).get_by_role("button").click()
    assert visible_codes(page) == sorted(expected_matches(catalog, "phonebook"), key=int)


def test_copy_link_copies_the_absolute_anchor_url(context, page, base_url):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.split("/error-codes")[0])
    page.goto(base_url + "contacts/")
    control = page.get_by_role("link", name="Copy the link to code 70093")
    control.click()
    page.wait_for_selector(".errcat-copy.errcat-copied")
    assert page.evaluate("navigator.clipboard.readText()") == base_url + "contacts/#70093"
    assert "Link copied" in control.inner_text()
    # The same control followed the link: the address has the code, and it is highlighted.
    assert page.url == base_url + "contacts/#70093"
    assert page.locator('[id="70093"]').evaluate("e => e.classList.contains('errcat-target')")


# A page served over plain HTTP has no Clipboard API, and a browser may refuse it. (127.0.0.1
# is a secure context to Chromium: the API is taken away, or made to refuse, before the page
# runs; the real one is kept aside to read what Ctrl+C copied.)
NO_CLIPBOARD = {
    "no clipboard API": """const clipboard = navigator.clipboard; delete Navigator.prototype.clipboard;
        window.__readClipboard = () => clipboard.readText();""",
    "the clipboard refuses": """window.__readClipboard = () => navigator.clipboard.readText();
        Clipboard.prototype.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));""",
}


@pytest.mark.parametrize("clipboard", NO_CLIPBOARD)
def test_a_link_that_cannot_be_copied_is_offered_selected(context, page, base_url, clipboard):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.split("/error-codes")[0])
    page.add_init_script(NO_CLIPBOARD[clipboard])
    page.goto(base_url + "contacts/")
    control = page.get_by_role("link", name="Copy the link to code 70093")
    control.click()
    field = page.get_by_role("textbox", name="Link to code 70093")
    field.wait_for()
    link = base_url + "contacts/#70093"
    assert control.locator(".errcat-copy-status").inner_text() == "Copy failed: press Ctrl+C to copy the selected link"
    assert field.evaluate("e => [e === document.activeElement, e.value.slice(e.selectionStart, e.selectionEnd)]") == [
        True,
        link,
    ]
    page.keyboard.press("Control+C")
    assert page.evaluate("window.__readClipboard()") == link
    # The control still followed the link; the field goes once the reader moves on.
    assert page.url == link
    page.keyboard.press("Tab")
    assert field.count() == 0
    assert control.locator(".errcat-copy-status").inner_text() == ""


NEW_TAB_CLICKS = {"ctrl": {"modifiers": ["Control"]}, "shift": {"modifiers": ["Shift"]}, "middle": {"button": "middle"}}


@pytest.mark.parametrize("click", NEW_TAB_CLICKS.values(), ids=NEW_TAB_CLICKS.keys())
def test_a_click_for_a_new_tab_or_window_on_the_copy_link_opens_one(context, page, base_url, click):
    page.goto(base_url + "contacts/")
    control = page.get_by_role("link", name="Copy the link to code 70093")
    control.locator(".errcat-copy-status").wait_for(state="attached")
    with context.expect_page() as opened:
        control.click(**click)
    opened.value.wait_for_load_state()
    assert opened.value.url == base_url + "contacts/#70093"
    assert page.url == base_url + "contacts/"  # this page stays as it was: not followed, nothing copied
    assert control.locator(".errcat-copy-status").inner_text() == ""


# What the browser of another platform sends (Cmd on a Mac), or of another age (a click event
# for a button other than the first): nothing prevents the browser's own action.
@pytest.mark.parametrize("event", [{"metaKey": True}, {"button": 1}, {"altKey": True}], ids=["cmd", "middle", "alt"])
def test_a_click_for_the_browser_passes_the_copy_link_untouched(page, base_url, event):
    page.goto(base_url + "contacts/")
    status = page.locator('.errcat-copy[data-for="70093"] .errcat-copy-status')
    status.wait_for(state="attached")
    allowed = page.evaluate(
        """init => document.querySelector('.errcat-copy[data-for="70093"]').dispatchEvent(
             new MouseEvent('click', Object.assign({bubbles: true, cancelable: true}, init)))""",
        event,
    )
    assert allowed is True  # dispatchEvent: false when a listener prevented the default action
    assert status.inner_text() == ""


def test_a_highlighted_code_has_one_link_control(page, base_url):
    """A deep-linked entry showed a copy button and Material's ¶ permalink, both visible."""
    page.goto(base_url + "contacts/#70093")
    heading = page.locator('[id="70093"]')
    heading.locator(".errcat-copy").wait_for()
    controls = heading.locator("a, button")
    assert controls.count() == 1
    assert controls.first.evaluate("a => a.href") == base_url + "contacts/#70093"
    assert controls.first.is_visible()
    assert "\u00b6" not in heading.inner_text()


def test_every_code_has_a_copy_button(page, base_url, catalog):
    for category in catalog.categories:
        page.goto(base_url + f"{category.id}/")
        codes = page.eval_on_selector_all(".errcat-copy", "buttons => buttons.map(b => b.dataset.for)")
        assert codes == [str(error.code) for error in category.codes]


# --- permanent URLs ----------------------------------------------------------------------


def assert_permanent_urls_redirect_without_javascript(chromium, base_url: str, catalog: Catalog) -> None:
    context = chromium.new_context(java_script_enabled=False)
    # Only documents matter here (the redirect and the entry's id): style sheets, images
    # and fonts are not fetched, which halves the time of a page.
    context.route(re.compile(r".*\.(css|js|png|svg|ico|woff2?)(\?.*)?$"), lambda route: route.abort())
    page = context.new_page()
    try:
        for category, error in catalog.codes():
            page.goto(base_url + f"codes/{error.code}/")
            page.wait_for_url(f"**/{category.id}/#{error.code}")
            assert page.url == base_url + f"{category.id}/#{error.code}"
            assert page.locator(f'[id="{error.code}"]').count() == 1
    finally:
        context.close()


def test_permanent_url_of_every_code_redirects_without_javascript(chromium, base_url, seed_catalog):
    assert_permanent_urls_redirect_without_javascript(chromium, base_url, seed_catalog)


def test_permanent_url_lands_highlighted_with_javascript(page, base_url):
    page.goto(base_url + "codes/70130/")
    page.wait_for_url("**/calls/#70130")
    assert_highlighted(page, "70130")


# --- Material search --------------------------------------------------------------------


SCORED_RESULTS = """() => Array.from(document.querySelectorAll('.md-search-result__link'))
    .filter(a => parseFloat(a.querySelector('[data-md-score]').dataset.mdScore) > 0)
    .map(a => { const u = new URL(a.href); u.search = ''; return u.href; })"""


def search(page, base_url, query: str) -> list[str]:
    """The results a query lists, best first, without Material's ?h= highlight parameter.

    Material heads each page's group with the page itself, unscored when only a section
    matched; the entries that matched carry a score.
    """
    box = open_search(page, base_url)
    # One keystroke for the whole query: typed key by key, the results of a shorter
    # prefix could still be on screen when the wait below ends.
    box.fill(query[:-1])
    box.press(query[-1])
    page.wait_for_function(f"({SCORED_RESULTS})().length > 0", timeout=15000)
    return page.evaluate(SCORED_RESULTS)


def first_code_entry(results: list[str]) -> str:
    return next(url for url in results if "#" in url)


@pytest.mark.parametrize("query, anchor", [("70093", "contacts/#70093"), ("40001", "parameters/#40001")])
def test_search_by_number_lists_the_code_first(page, base_url, query, anchor):
    results = search(page, base_url, query)
    # Above Material's results: the direct hit, linking to the anchor.
    hit = page.locator(".md-search-result .errcat-search-hit")
    hit.wait_for(state="visible")  # the script adds it once Material has shown its results
    assert hit.evaluate("a => a.href") == base_url + anchor
    assert (
        page.evaluate("document.querySelector('.md-search-result').firstElementChild.className") == "errcat-search-hit"
    )
    # Material's own results list the code's entry first too.
    assert first_code_entry(results) == base_url + anchor


@pytest.mark.parametrize(
    "query, anchor",
    [
        ("PHONEBOOK_NOT_EXISTED", "contacts/#70093"),
        ("phonebook_not_existed", "contacts/#70093"),
        ("CAHNNEL", "calls/#70130"),
        ("CAHNNEL ID NOT FOUND", "calls/#70130"),
        ("RESPONSE_ERRCODE_LANGUAGE_NOT_EXISTED", "ivr/#70536"),
    ],
)
def test_search_by_message_lists_the_code_first(page, base_url, query, anchor):
    assert first_code_entry(search(page, base_url, query)) == base_url + anchor
    assert page.locator(".errcat-search-hit").is_hidden()


@pytest.mark.parametrize("word, anchor", [("EXISTED", "contacts/#70093"), ("TEMPLATE", "messages/#70657")])
def test_search_finds_one_word_of_an_underscored_or_long_message(page, base_url, word, anchor):
    assert base_url + anchor in search(page, base_url, word)


def test_every_code_number_goes_straight_to_its_entry(page, base_url, catalog):
    box = open_search(page, base_url)
    hit = page.locator(".errcat-search-hit")
    for category, error in catalog.codes():
        box.fill("")
        box.press_sequentially(str(error.code))
        want = base_url + f"{category.id}/#{error.code}"
        page.wait_for_function(
            "want => { const a = document.querySelector('.errcat-search-hit');"
            " return a && !a.hidden && a.href === want; }",
            arg=want,
            timeout=10000,
        )
        assert error.message in hit.inner_text()
        if abs(error.code) >= 10000:  # Material's own ranking, for the codes it can rank
            page.wait_for_function(f"want => ({SCORED_RESULTS})().find(u => u.includes('#')) === want", arg=want)


# Every lookup of a code in the codes errcat.js fetches: the code asked of the object, as
# Object.prototype.hasOwnProperty asks it ([[GetOwnProperty]]).
COUNT_LOOKUPS = """(() => { const fetch = window.fetch; window.__lookups = [];
  window.fetch = function (resource, options) {
    return fetch.call(this, resource, options).then(response => {
      if (!String(resource).endsWith('errcat-codes.json')) return response;
      return {ok: response.ok, status: response.status, json: () => response.json().then(codes => new Proxy(codes, {
        getOwnPropertyDescriptor(target, key) { window.__lookups.push(key);
                                                return Reflect.getOwnPropertyDescriptor(target, key); } }))};
    }); }; })();"""


def test_the_search_hit_looks_a_code_up_once_a_keystroke(page, base_url):
    page.add_init_script(COUNT_LOOKUPS)
    box = open_search(page, base_url)
    box.press_sequentially("70093")
    page.wait_for_function(
        "want => { const a = document.querySelector('.errcat-search-hit'); return a && !a.hidden && a.href === want; }",
        arg=base_url + "contacts/#70093",
    )
    assert page.evaluate("window.__lookups") == ["7", "70", "700", "7009", "70093"]
    for key in ("ArrowLeft", "Shift", "End"):  # keys that leave the query as it is
        box.press(key)
    assert page.evaluate("window.__lookups") == ["7", "70", "700", "7009", "70093"]


def test_enter_on_a_negative_code_opens_it(page, base_url, watch):
    box = open_search(page, base_url)
    box.press_sequentially("-2")
    page.locator(".errcat-search-hit").wait_for()
    box.press("Enter")
    page.wait_for_url("**/general/#-2")
    assert_highlighted(page, "-2")


def test_no_direct_hit_for_a_number_that_is_not_a_code(page, base_url):
    box = open_search(page, base_url)
    box.press_sequentially("99999")
    page.wait_for_timeout(300)
    assert page.locator(".errcat-search-hit").is_hidden()


# --- every page: console, palettes ------------------------------------------------------


def test_no_console_errors_on_any_page(page, base_url, local_site, watch):
    site = local_site
    pages = [""] + [p.parent.relative_to(site.root).as_posix() + "/" for p in site.root.glob("*/index.html")]
    watch.expected_404s.add(base_url + "no/such/page/")
    for path in pages + ["no/such/page/"]:
        page.goto(base_url + path)
        page.wait_for_load_state("load")
    # A redirect page navigates by itself: wait until it has, or it would interrupt the next.
    page.goto(base_url + "codes/0/")
    page.wait_for_url("**/general/#0")
    page.wait_for_load_state("load")
    # The fixture fails the test on any console error or foreign request.


def contrast(foreground: str, background: str) -> float:
    def channels(color: str) -> list[float]:
        return [float(v) / 255 for v in re.findall(r"[\d.]+", color)[:3]]

    def luminance(color: str) -> float:
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels(color)]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted([luminance(foreground), luminance(background)], reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_is_legible_in_both_palettes(chromium, base_url, scheme):
    context = chromium.new_context(color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(base_url + "contacts/#70093")
        page.wait_for_function("document.getElementById('70093').classList.contains('errcat-target')")
        body_background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert (scheme == "dark") == (contrast(body_background, "rgb(0, 0, 0)") < 3), body_background
        for selector in [
            '[id="70093"]',
            '[data-code="70093"] .errcat-description p',
            '[id="70128"]',
            '[data-code="70128"] .errcat-label',
            '[data-code="70128"] .errcat-message span',
        ]:
            element = page.locator(selector).first
            color = element.evaluate("e => getComputedStyle(e).color")
            background = element.evaluate(
                """e => { for (; e; e = e.parentElement) { const c = getComputedStyle(e).backgroundColor;
                          if (c !== 'rgba(0, 0, 0, 0)') return c; } return 'rgb(255, 255, 255)'; }"""
            )
            # Translucent highlight colours are laid over the page background.
            if background.startswith("rgba"):
                background = body_background
            assert contrast(color, background) >= 4.5, f"{scheme} {selector}: {color} on {background}"
        page.goto(base_url)
        filter_color = page.locator("#errcat-filter-input").evaluate("e => getComputedStyle(e).color")
        assert contrast(filter_color, body_background) >= 4.5
    finally:
        context.close()


# --- the 404 page ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "path, says, link",
    [
        ("40001", "Error code 40001 exists:", "parameters/#40001"),
        ("codes/70093/x/70093/", "Error code 70093 exists:", "contacts/#70093"),
        ("contacts/-2", "Error code -2 exists:", "general/#-2"),
        ("codes/99999/", "There is no error code 99999 in this reference.", ""),
    ],
)
def test_404_says_whether_a_code_exists(page, base_url, watch, path, says, link):
    assert_404_says(page, base_url, watch, path, says, link)


def test_404_without_a_code_offers_the_index(page, base_url, watch):
    watch.expected_404s.add(base_url + "no/such/page/")
    page.goto(base_url + "no/such/page/")
    assert page.locator(".errcat-404-code").is_hidden()
    assert page.get_by_role("link", name="table of all codes").evaluate("a => a.href") == base_url


# --- deprecated and removed codes -------------------------------------------------------


@pytest.fixture(scope="module")
def status_base_url(tmp_path_factory):
    from sitecheck import make_project
    from status_catalog import STATUS_CATALOG

    project = make_project(tmp_path_factory.mktemp("status-browser") / "project", STATUS_CATALOG)
    with served(project, project.parent / "site") as url:
        yield url


def test_removed_and_deprecated_codes_are_filterable_and_distinct(page, status_base_url):
    page.goto(status_base_url)
    filter_box(page).fill("removed")
    assert visible_codes(page) == ["4"]
    filter_box(page).fill("deprecated")
    assert visible_codes(page) == ["3"]
    filter_box(page).fill("")
    style = (
        "tr => { const c = tr.cells[1];"
        " return getComputedStyle(c).textDecorationLine + '|' + getComputedStyle(c).backgroundColor; }"
    )
    rows = page.locator("table.errcat-index tbody tr")
    active, deprecated, removed = rows.nth(0).evaluate(style), rows.nth(1).evaluate(style), rows.nth(2).evaluate(style)
    assert "line-through" in removed and "line-through" not in active
    assert deprecated.split("|")[1] != active.split("|")[1]
    page.goto(status_base_url + "general/#4")
    assert_highlighted(page, "4")
    assert page.locator('[id="4"] .errcat-badge--removed').is_visible()


# --- the real catalog: what holds whatever it says ---------------------------------------


def test_real_site_permanent_urls_redirect_without_javascript(chromium, real_base_url):
    """The first code of each category of the real site, in the browser: that every code's
    page points at its entry is checked without one (test_site.py); that the browser follows
    such a page, for every code of the seed, above."""
    from dataclasses import replace

    from errcat import read_catalog

    real, _ = read_catalog(ROOT / "catalog.yaml")
    assert real is not None
    firsts = replace(real, categories=tuple(replace(each, codes=each.codes[:1]) for each in real.categories))
    assert len(firsts.codes()) == len(real.categories)
    assert_permanent_urls_redirect_without_javascript(chromium, real_base_url, firsts)


def test_real_site_has_no_console_errors_on_any_page(context, real_base_url, tmp_path_factory, watch):
    page = context.new_page()
    root = next(path for path in tmp_path_factory.getbasetemp().glob("real-site*")).resolve()
    pages = [""] + [p.parent.relative_to(root).as_posix() + "/" for p in root.glob("*/index.html")]
    assert len(pages) > 5
    for path in pages:
        page.goto(real_base_url + path)
        page.wait_for_load_state("load")


# --- moved codes and renamed categories keep their links ----------------------------------

# The seed catalog after two contributions: 70128 moved from contacts to calls, and the
# category ivr was renamed voice-menus.
MOVED_CATALOG = (
    SEED_CATALOG.replace(
        "      - code: 70128\n        message: CONTACTS_NOT_EXISTED\n        description: The contact does not exist.\n"
        "        see_also: [70093, 70091]\n",
        "",
    )
    .replace(
        "    description: Call channels and audio conferences.\n    codes:\n",
        "    description: Call channels and audio conferences.\n    codes:\n"
        "      - code: 70128\n        message: CONTACTS_NOT_EXISTED\n        description: The contact does not exist.\n"
        "        see_also: [70093, 70091]\n        moved_from: [contacts]\n",
    )
    .replace("  - id: ivr\n", "  - id: voice-menus\n    former_ids: [ivr]\n")
)
IVR_CODES = [line.split()[0] for line in SEED_PUBLISHED.splitlines() if line.endswith(" ivr")]
MOVED_PUBLISHED = SEED_PUBLISHED + "70128 calls\n" + "".join(f"{code} voice-menus\n" for code in IVR_CODES)


@pytest.fixture(scope="module")
def moved_base_url(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("moved") / "project", MOVED_CATALOG, MOVED_PUBLISHED)
    with served(project, project.parent / "site") as url:
        yield url


def test_the_move_fixture_really_moves(moved_base_url):
    assert "moved_from: [contacts]" in MOVED_CATALOG and "former_ids: [ivr]" in MOVED_CATALOG
    assert "70536" in IVR_CODES


@pytest.mark.parametrize(
    "old, new",
    [("contacts/#70128", "calls/#70128"), ("ivr/#70536", "voice-menus/#70536")],
    ids=["moved code", "renamed category"],
)
def test_an_old_link_lands_on_the_entry(page, moved_base_url, old, new):
    page.goto(moved_base_url + old)
    page.wait_for_url(moved_base_url + new)
    assert_highlighted(page, new.split("#")[1])
    # The old address was replaced, not kept: Back leaves, instead of bouncing back here.
    page.go_back()
    assert page.url == "about:blank"


@pytest.mark.parametrize(
    "old, new, documents",
    [("contacts/#70128", "calls/#70128", 1), ("ivr/#70536", "voice-menus/#70536", 2)],
    ids=["moved code", "renamed category"],
)
def test_an_old_link_followed_inside_the_site_lands_on_the_entry(page, moved_base_url, watch, old, new, documents):
    # A link in a page of the site. Material's instant navigation takes it where the old
    # page is in its sitemap (contacts still exists): the old page is fetched, not
    # loaded, and only the new one loads. A renamed category's stub is not in the
    # sitemap: the browser loads it, then the new page.
    page.goto(moved_base_url + "using/")
    loaded = watch.documents
    page.evaluate(
        """href => { const a = document.createElement("a"); a.href = href; a.id = "old-link";
                     a.textContent = "old link"; document.querySelector("article").prepend(a); }""",
        "../" + old,
    )
    page.click("#old-link")
    page.wait_for_url(moved_base_url + new)
    assert_highlighted(page, new.split("#")[1])
    assert watch.documents - loaded == documents


@pytest.mark.parametrize(
    "old, says, target",
    [
        ("contacts/#70128", "70128 CONTACTS_NOT_EXISTED moved to Calls and conferences", "calls/#70128"),
        (
            "ivr/#70536",
            "70536 RESPONSE_ERRCODE_LANGUAGE_NOT_EXISTED moved to IVR, prompts and destinations",
            "voice-menus/#70536",
        ),
    ],
    ids=["moved code", "renamed category"],
)
def test_without_javascript_the_old_anchor_says_where_the_code_went(chromium, moved_base_url, old, says, target):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(moved_base_url + old)
        assert page.url == moved_base_url + old
        line = page.locator(f'[id="{old.split("#")[1]}"]')
        assert line.is_visible()
        assert " ".join(line.inner_text().split()) == says
        assert line.locator("a").first.evaluate("a => a.href") == moved_base_url + target
        # The line is what the address points at: the browser scrolled it into view.
        assert line.evaluate(
            "e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }"
        )
        line.locator("a").first.click()
        page.wait_for_url(moved_base_url + target)
        assert page.locator(f'h2[id="{target.split("#")[1]}"]').count() == 1
    finally:
        context.close()


def test_a_renamed_category_page_leads_to_its_new_name(page, moved_base_url):
    page.goto(moved_base_url + "ivr/")
    page.wait_for_url(moved_base_url + "voice-menus/")


def test_permanent_url_and_404_follow_a_moved_code(page, moved_base_url, watch):
    page.goto(moved_base_url + "codes/70128/")
    page.wait_for_url("**/calls/#70128")
    watch.expected_404s.add(moved_base_url + "contacts/70128")
    page.goto(moved_base_url + "contacts/70128")
    slot = page.locator(".errcat-404-code")
    slot.wait_for()
    assert slot.locator("a").evaluate("a => a.href") == moved_base_url + "calls/#70128"


# --- reading an entry ---------------------------------------------------------------------

WORDS_BROKEN = """() => {
  const broken = [];
  for (const code of document.querySelectorAll('.errcat-message code')) {
    const text = code.firstChild;
    if (!text || text.nodeType !== Node.TEXT_NODE) continue;
    for (const match of text.data.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(text, match.index);
      range.setEnd(text, match.index + match[0].length);
      const lines = new Set(Array.from(range.getClientRects(), r => Math.round(r.top)));
      if (lines.size > 1) broken.push(code.closest('[data-code]').dataset.code + ': ' + match[0]);
    }
  }
  return broken;
}"""


@pytest.mark.parametrize("width", [1280, 800, 360])
def test_a_message_breaks_between_words_not_inside_them(chromium, base_url, width):
    """At 1280 px, `... CAN BE SENT` of 70657 broke as `C` / `AN BE SENT` (word-break: break-all)."""
    context = chromium.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.goto(base_url + "messages/")
        wraps = page.locator('[data-code="70657"] .errcat-message code').evaluate(
            "e => Array.from(e.getClientRects()).length"
        )
        assert wraps >= 1
        # Every word of every message stays on one line (no word here is wider than a phone).
        assert page.evaluate(WORDS_BROKEN) == []
    finally:
        context.close()


# --- served anywhere but its own address -----------------------------------------------------


@pytest.fixture(scope="module")
def elsewhere_base_url(tmp_path_factory):
    """The seed project built for its published site_url, served on 127.0.0.1: a fork, a
    preview or a local copy, where site_url names another host."""
    project = make_project(tmp_path_factory.mktemp("elsewhere") / "project", SEED_CATALOG, SEED_PUBLISHED)
    site_dir = project.parent / "site"
    built_site(project, site_dir)  # SITE_URL unset: site_url is the published address
    assert "https://pbx-docs.github.io/error-codes/" in (site_dir / "index.html").read_text()
    with serve(site_dir) as url:
        yield url


def test_a_copy_served_elsewhere_makes_no_request_to_another_host(chromium, elsewhere_base_url):
    origin = elsewhere_base_url.split("/error-codes/")[0] + "/"
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    try:
        page = context.new_page()
        for path in ("", "contacts/", "changes/", "catalog-json/", "codes/70093/", "no/such/page/"):
            page.goto(elsewhere_base_url + path)
            page.wait_for_load_state("networkidle")
        page.goto(elsewhere_base_url)
        page.wait_for_load_state("networkidle")
        page.locator("table.errcat-index a[href$='/contacts/#70093']").click()  # instant navigation
        page.wait_for_url("**/contacts/#70093")
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    assert requests, "the pages made no request at all"
    foreign = [url for url in requests if not url.startswith((origin, "data:", "blob:"))]
    assert foreign == []


# --- what the API returned, pasted ---------------------------------------------------------

RESPONSES = [
    ('{"errcode":70093,"errmsg":"PHONEBOOK_NOT_EXISTED"}', "70093"),
    ('{ "errmsg": "FAILURE", "errcode": -1 }', "-1"),
    ("errcode=40001 errmsg=PARAMETER SYNTAX ERROR", "40001"),
]


@pytest.mark.parametrize("response, code", RESPONSES)
def test_a_pasted_response_in_the_filter_shows_its_code(page, base_url, response, code):
    page.goto(base_url)
    filter_box(page).fill(response)
    assert visible_codes(page) == [code]
    assert page.locator(".errcat-empty").is_hidden()


@pytest.mark.parametrize("response, code", RESPONSES)
def test_a_pasted_response_in_search_goes_straight_to_its_code(page, base_url, catalog, response, code):
    box = open_search(page, base_url)
    box.fill(response)
    hit = page.locator(".errcat-search-hit")
    hit.wait_for()
    assert hit.locator("code").inner_text() == code
    category = next(category for category, error in catalog.codes() if str(error.code) == code)
    box.press("Enter")
    page.wait_for_url(f"**/{category.id}/#{code}")


def test_a_response_with_an_unknown_code_shows_nothing(page, base_url):
    page.goto(base_url)
    filter_box(page).fill('{"errcode":99999,"errmsg":"NO SUCH CODE"}')
    assert visible_codes(page) == []
    assert page.locator(".errcat-empty").is_visible()
