"""Every page accessible, on every screen: axe-core, phones, keyboard, motion and print.

axe-core (WCAG 2.2 A and AA, and best practices) runs on every kind of page, in light
and dark, at 1280 and 360 px, and fails on any violation. Screenshots of the home,
filtered home and category pages at 360 px, light and dark, are kept in
test-output/screenshots/ on every run, for a reviewer to look at.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from browser import OUTPUT, require_axe, settled
from sitecheck import ROOT

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# Every kind of page: home, filtered home, a category, a deep link, the hand-written
# pages, the 404 page and a permanent /codes/<code>/ page (its redirect held back).
PAGES = {
    "home": "",
    "filtered home": "?q=phonebook",
    "category": "contacts/",
    "deep link": "contacts/#70093",
    "using": "using/",
    "catalog-json": "catalog-json/",
    "clients": "clients/",
    "404": "no/such/page/",
    "permanent code page": "codes/70093/",
}
# Pages that need the history of the catalog: on the real project, built from its git
# history; its first category, whichever it is (a pull request may rename it).


def real_pages() -> dict[str, str]:
    first = yaml.safe_load((ROOT / "catalog.yaml").read_text(encoding="utf-8"))["categories"][0]["id"]
    return {"changes": "changes/", "category with dates": f"{first}/"}


MODES = [("light", 1280), ("dark", 1280), ("light", 360), ("dark", 360)]


def axe_violations(page, exclude: tuple[str, ...] = ()) -> list[str]:
    """axe's violations on the page, but in the elements `exclude` selects."""
    # Colours as a reader sees them at rest: Material fades a link's colour over 125 ms, and
    # the highlight of a deep-linked entry changes it just after load.
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
    page.add_script_tag(path=str(require_axe()))
    found = page.evaluate(
        """([tags, exclude]) => axe.run({include: [['html']], exclude: exclude.map(e => [e])},
             {runOnly: {type: 'tag', values: tags}}).then(result =>
             result.violations.flatMap(v => v.nodes.map(n =>
               v.id + ' at ' + n.target.join(' ') + ': ' + v.help + ' (' + v.helpUrl + ')')))""",
        [AXE_TAGS, list(exclude)],
    )
    return list(found)


@pytest.mark.parametrize("scheme, width", MODES, ids=[f"{scheme}-{width}" for scheme, width in MODES])
def test_no_axe_violation_on_any_kind_of_page(chromium, base_url, watch, scheme, width):
    context = chromium.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
    context.on("page", watch.attach)
    page = context.new_page()
    watch.expected_404s.add(base_url + PAGES["404"])
    problems = []
    try:
        for name, path in PAGES.items():
            if path.startswith("codes/"):
                # The permanent page redirects at once: its target answers "204 No Content",
                # so the browser stays on the page itself for axe to read. (Last: the
                # route stays.)
                page.route(base_url + "contacts/**", lambda route: route.fulfill(status=204))
            page.goto(base_url + path)
            page.wait_for_load_state("load")
            if path.startswith("codes/"):
                assert page.url == base_url + path
            problems += [f"{name} ({scheme}, {width} px): {violation}" for violation in axe_violations(page)]
    finally:
        context.close()
    assert not problems, "axe found violations:\n" + "\n".join(problems)
    assert watch.errors == [] and watch.foreign == []


@pytest.mark.parametrize("scheme, width", MODES, ids=[f"{scheme}-{width}" for scheme, width in MODES])
def test_no_axe_violation_on_the_real_sites_pages_of_history(chromium, real_base_url, watch, scheme, width):
    context = chromium.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
    context.on("page", watch.attach)
    page = context.new_page()
    problems = []
    try:
        for name, path in real_pages().items():
            page.goto(real_base_url + path)
            page.wait_for_load_state("load")
            problems += [f"{name} ({scheme}, {width} px): {violation}" for violation in axe_violations(page)]
    finally:
        context.close()
    assert not problems, "axe found violations:\n" + "\n".join(problems)
    assert watch.errors == [] and watch.foreign == []


def test_the_search_dialog_override_is_materials_own_but_for_its_name():
    import material

    original = (Path(material.__file__).parent / "templates" / "partials" / "search.html").read_text()
    override = (
        ROOT / "hooks" / "errcat" / "engines" / "mkdocs" / "templates" / "material" / "partials" / "search.html"
    ).read_text()
    body = re.sub(r"^\{#-.*?-#\}\n", "", override, flags=re.S)
    expected = re.sub(r"^\{#-.*?-#\}\n", "", original, flags=re.S).replace(
        'role="dialog">', 'role="dialog" aria-label="{{ lang.t(\'search\') }}">', 1
    )
    assert body == expected


# --- phones --------------------------------------------------------------------------------

OVERFLOW = """() => { const width = document.documentElement.clientWidth; const out = [];
  for (const e of document.querySelectorAll('body *')) { const r = e.getBoundingClientRect();
    if (r.width > 0 && r.right > width + 0.5 && getComputedStyle(e).visibility !== 'hidden')
      out.push(e.tagName.toLowerCase() + '.' + e.className + ' reaches ' + Math.round(r.right) + ' px'); }
  return {scroll: document.documentElement.scrollWidth, width: width, wider: out}; }"""

SMALL_TARGETS = """() => Array.from(document.querySelectorAll(
    'article a, article button, article input, article select'))
  .filter(e => { const r = e.getBoundingClientRect();
    return r.width > 0 && (r.width < 24 || r.height < 24) && !e.closest('p, li'); })
  .map(e => e.tagName.toLowerCase() + '.' + e.className + ' ' + e.textContent.trim().slice(0, 20)
    + ': ' + Math.round(e.getBoundingClientRect().width) + ' x ' + Math.round(e.getBoundingClientRect().height))"""


@pytest.fixture
def phone(chromium, watch):
    context = chromium.new_context(viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True)
    context.on("page", watch.attach)
    yield context.new_page()
    context.close()
    assert watch.errors == [] and watch.foreign == []


@pytest.mark.parametrize("path", ["", "contacts/"], ids=["home", "category"])
def test_nothing_is_wider_than_a_phone(phone, base_url, path):
    phone.goto(base_url + path)
    phone.wait_for_load_state("load")
    found = phone.evaluate(OVERFLOW)
    assert found["wider"] == [] and found["scroll"] == found["width"] == 360
    assert phone.evaluate(SMALL_TARGETS) == []  # WCAG 2.5.8: 24 x 24 px, links in text excepted


def card_cells(page) -> list[str]:
    """The first card's cells, top to bottom, left to right."""
    return page.eval_on_selector(
        "table.errcat-index tbody tr",
        """row => Array.from(row.cells).map(c => [c.getBoundingClientRect().top, c.getBoundingClientRect().left,
                                                  c.textContent.trim()])
                  .sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(c => c[2])""",
    )


def test_on_a_phone_rows_are_cards_and_filter_and_sort_work_by_touch(phone, base_url):
    phone.goto(base_url)
    assert phone.locator("table.errcat-index thead").is_hidden()
    assert card_cells(phone) == ["-2", "INTERNAL SERVER ERROR", "General status", "Internal server error."]
    phone.locator("#errcat-filter-input").tap()
    phone.keyboard.type("phonebook")
    settled(phone)
    codes = phone.eval_on_selector_all("table.errcat-index tbody tr", "rows => rows.map(r => r.cells[0].textContent)")
    assert len(codes) >= 2 and phone.locator(".errcat-count").inner_text() == f"{len(codes)} of 61 codes"
    sort = phone.get_by_label("Sort by")
    sort.tap()
    sort.select_option(label="Code, descending")
    assert phone.eval_on_selector_all(
        "table.errcat-index tbody tr", "rows => rows.map(r => r.cells[0].textContent)"
    ) == sorted(codes, key=int, reverse=True)
    assert phone.locator(".errcat-count").inner_text() == f"{len(codes)} of 61 codes, sorted by code, descending"
    phone.locator("#errcat-filter-input").fill("zzzz")
    assert phone.locator(".errcat-empty").inner_text() == "No code matches \u201czzzz\u201d."


def test_on_a_phone_show_all_works_on_a_long_table(phone, big_base_url):
    phone.goto(big_base_url)
    assert phone.locator(".errcat-count").inner_text() == "250 of 250 codes, showing the first 50"
    phone.get_by_role("button", name="Show all 250 matching codes").tap()
    assert phone.locator("table.errcat-index tbody tr").count() == 250
    assert phone.evaluate(OVERFLOW)["wider"] == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_at_360_px_are_kept_for_review(chromium, base_url, scheme):
    folder = OUTPUT / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    context = chromium.new_context(viewport={"width": 360, "height": 740}, color_scheme=scheme, is_mobile=True)
    page = context.new_page()
    try:
        for name, path in [("home", ""), ("filtered-home", "?q=phonebook"), ("category", "contacts/")]:
            page.goto(base_url + path)
            page.wait_for_load_state("load")
            target = folder / f"{name}-360-{scheme}.png"
            page.screenshot(path=str(target), full_page=True)
            assert target.stat().st_size > 10_000
    finally:
        context.close()


# --- keyboard and screen readers --------------------------------------------------------


def tab_to(page, predicate: str, limit: int = 80) -> None:
    """Press Tab until the focused element matches `predicate` (a JS expression on `e`)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const e = document.activeElement; return !!({predicate}); }})()"):
            return
    pytest.fail(f"Tab never reached {predicate}")


def assert_focus_shows(page) -> None:
    style = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]; })()"
    )
    assert style[0] != "none" and style[1] != "0px", style


def test_keyboard_alone_filters_sorts_opens_a_code_and_copies_its_link(context, page, base_url):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.split("/error-codes")[0])
    page.goto(base_url)
    tab_to(page, "e.id === 'errcat-filter-input'")
    page.keyboard.type("phonebook")
    assert page.locator(".errcat-count").inner_text().endswith("codes")
    tab_to(page, "e.tagName === 'SELECT'")
    assert_focus_shows(page)
    page.keyboard.press("ArrowDown")  # the first sort: code, ascending
    assert page.locator(".errcat-count").inner_text().endswith("sorted by code, ascending")
    tab_to(page, "e.classList.contains('errcat-sort')")
    assert_focus_shows(page)
    page.keyboard.press("Enter")  # the header button: code, descending
    assert page.locator(".errcat-count").inner_text().endswith("sorted by code, descending")
    first = page.eval_on_selector("table.errcat-index tbody tr", "r => r.cells[0].textContent")
    tab_to(page, f"e.closest('table.errcat-index tbody') && e.textContent === '{first}'")
    assert_focus_shows(page)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/#{first}")
    # Instant navigation changes the address before it swaps the content in.
    page.wait_for_function(
        "code => { const e = document.getElementById(code); return e && e.classList.contains('errcat-target'); }",
        arg=first,
    )
    tab_to(page, f"e.classList.contains('errcat-copy') && e.dataset.for === '{first}'")
    assert_focus_shows(page)
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == f"Copy the link to code {first}"
    page.keyboard.press("Enter")
    page.wait_for_selector(".errcat-copy.errcat-copied")
    assert page.evaluate("navigator.clipboard.readText()").endswith(f"/#{first}")
    status = page.locator(f'.errcat-copy[data-for="{first}"] .errcat-copy-status')
    assert status.inner_text() == "Link copied" and status.get_attribute("aria-live") == "polite"


def test_the_search_direct_hit_works_from_the_keyboard(page, base_url):
    page.goto(base_url)
    page.keyboard.press("/")  # Material's shortcut to the search box
    page.wait_for_function(
        "document.querySelector('.md-search-result__meta').textContent.trim() !== 'Initializing search'"
    )
    page.keyboard.type("-2")
    page.locator(".errcat-search-hit").wait_for()
    page.keyboard.press("Enter")
    page.wait_for_url("**/general/#-2")


# --- motion and print ------------------------------------------------------------------------


def test_reduced_motion_means_no_smooth_scroll_or_animation(chromium, base_url):
    context = chromium.new_context(reduced_motion="reduce")
    page = context.new_page()
    try:
        page.goto(base_url + "contacts/#70093")
        page.wait_for_function("document.getElementById('70093').classList.contains('errcat-target')")
        assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "auto"
        for selector in ['[id="70093"]', '[data-code="70093"]']:
            style = page.locator(selector).evaluate(
                "e => [getComputedStyle(e).transitionDuration, getComputedStyle(e).animationName]"
            )
            assert style == ["0s", "none"], selector
    finally:
        context.close()


def test_a_printed_category_page_shows_every_code_without_navigation_or_buttons(page, base_url, seed_catalog):
    page.goto(base_url + "contacts/")
    page.wait_for_selector(".errcat-copy")
    page.emulate_media(media="print")
    for selector in [".errcat-copy", ".md-header", ".md-sidebar--primary", ".md-footer", ".headerlink"]:
        assert page.locator(selector).first.is_hidden(), selector
    contacts = next(category for category in seed_catalog.categories if category.id == "contacts")
    for error in contacts.codes:
        assert page.locator(f'[id="{error.code}"]').is_visible()
        assert page.locator(f'[data-code="{error.code}"] .errcat-description').is_visible()


def test_show_all_works_from_the_keyboard(page, big_base_url):
    page.goto(big_base_url)
    tab_to(page, "e.classList.contains('errcat-more')", limit=200)
    assert_focus_shows(page)
    page.keyboard.press("Enter")
    assert page.locator(".errcat-count").inner_text() == "250 of 250 codes"
    assert page.locator("table.errcat-index tbody tr").count() == 250


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_code_blocks_are_reachable_on_a_touch_phone(chromium, base_url, watch, scheme):
    """On a device without hover Material leaves a code block that scrolls sideways out of
    the keyboard's reach: the catalog.json page had one (axe: scrollable-region-focusable)."""
    context = chromium.new_context(
        viewport={"width": 360, "height": 800}, is_mobile=True, has_touch=True, color_scheme=scheme
    )
    context.on("page", watch.attach)
    try:
        page = context.new_page()
        for path in ("catalog-json/", "clients/", "errcat/", "plugin/"):
            page.goto(base_url + path)
            page.wait_for_load_state("load")
            assert page.evaluate("matchMedia('(hover)').matches") is False  # a phone, as Material sees it
            assert axe_violations(page) == [], path
            overflowing = page.eval_on_selector_all(
                "pre > code", "codes => codes.filter(c => c.scrollWidth > c.clientWidth + 1).length"
            )
            assert overflowing == 0, path
    finally:
        context.close()
