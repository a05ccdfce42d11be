"""errcat's style sheet keeps to errcat's pages: a team's own pages look the same with
errcat added as without it.

The guide site (tests/fixtures/guide-site) is built twice, with and without errcat, and
Chromium compares the computed style of the team's pages, on screens light and dark, on
a touch phone and in print: every property that a rule of errcat.css sets, on every
element of the page's content, its footer, sidebars and navigation.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from browser_fixtures import served
from sitecheck import ROOT
from test_accessibility import axe_violations
from test_team_site import edit_config

pytestmark = pytest.mark.browser

GUIDE_SITE = ROOT / "tests" / "fixtures" / "guide-site"
STYLESHEET = ROOT / "hooks" / "errcat" / "assets" / "errcat.css"
ERRCAT_ENTRY = """  - errcat:
      folder: reference/errors
      title: API errors
"""
# Every longhand property that a declaration of the style sheet sets, in any rule, as
# Chromium's own parser reads it (a shorthand such as `border` stands for its longhands).
DECLARED_PROPERTIES = """css => { const sheet = new CSSStyleSheet(); sheet.replaceSync(css); const names = new Set();
  (function walk(rules) { for (const rule of rules) {
    if (rule.style) for (const name of rule.style) names.add(name);
    if (rule.cssRules) walk(rule.cssRules); } })(sheet.cssRules);
  return Array.from(names).sort(); }"""
COMPUTED_STYLES = """([parts, properties, holders]) => { const found = {};
  for (const [name, selector] of Object.entries(parts)) document.querySelectorAll(selector).forEach((element, i) => {
    const compared = holders.includes(name) ? properties.filter(p => p !== 'height') : properties;
    const classes = Array.from(element.classList).filter(c => !c.startsWith('errcat-'));  // errcat-js: errcat's
    const tag = element.tagName.toLowerCase() + classes.map(c => '.' + c).join('');
    for (const pseudo of ['', '::before', '::after']) {
      const style = getComputedStyle(element, pseudo || null);
      found[name + ' #' + i + ' ' + tag + pseudo] = Object.fromEntries(
        compared.map(property => [property, style.getPropertyValue(property)])); } });
  return JSON.stringify(found); }"""
# What errcat adds to a site's own index page, and owns there: the table and its controls
# (Material wraps a table in its scroll wrapper).
ERRCAT_PARTS = ".md-typeset__scrollwrap, table.errcat-index, .errcat-filter, .errcat-more, .errcat-empty, style"
# The team's parts of a page, by name: its content, the theme around it, its navigation
# (the entries errcat adds to the nav are errcat's), its footer.
THE_TEAMS = {
    "html": "html",
    "body": "body",
    "header": ".md-header",
    "tabs": ".md-tabs",
    "container": ".md-container",
    "main": ".md-main",
    "sidebar": ".md-sidebar",
    "nav": "nav.md-nav--primary",
    "table of contents": "nav.md-nav--secondary",
    "nav entry": ".md-nav__link--active",
    "back to top": ".md-top",
    "article": "article",
    "content": f"article *:not({ERRCAT_PARTS}, :is({ERRCAT_PARTS}) *)",
    "footer": ".md-footer",
    "footer meta": ".md-footer-meta",
    "copyright": ".md-copyright",
    "copyright content": ".md-copyright *",
}
# The parts that hold what errcat adds (the table, the nav's entries): as tall as it makes them.
HOLDERS = ("html", "body", "container", "main", "sidebar", "nav", "article")
SCREEN = {"width": 1280, "height": 900}
MODES = {
    "light": {"viewport": SCREEN, "color_scheme": "light"},
    "dark, less motion": {"viewport": SCREEN, "color_scheme": "dark", "reduced_motion": "reduce"},
    "touch phone": {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True},
    "print": {"viewport": SCREEN},  # and print media
}
TEAM_PAGES = {"guide": "guide/", "the team's index page": "reference/errors/"}


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """The guide site's URL with errcat and without it."""
    with_errcat = tmp_path_factory.mktemp("style-with") / "site"
    without = tmp_path_factory.mktemp("style-without") / "site"
    shutil.copytree(GUIDE_SITE, with_errcat)
    shutil.copytree(GUIDE_SITE, without)
    edit_config(without, ERRCAT_ENTRY, "")
    with served(with_errcat, with_errcat / "built") as url, served(without, without / "built") as plain_url:
        yield url, plain_url


@pytest.fixture(scope="module")
def properties(chromium) -> list[str]:
    page = chromium.new_page()
    try:
        found: list[str] = page.evaluate(DECLARED_PROPERTIES, STYLESHEET.read_text(encoding="utf-8"))
    finally:
        page.close()
    # The page-wide rules' properties are among them (links, footer, code blocks, permalinks).
    page_wide = {"color", "text-decoration-line", "text-underline-offset", "white-space-collapse", "min-width"}
    assert page_wide <= set(found)
    return found


@contextmanager
def opened(chromium, watch, mode: str) -> Iterator:
    """A page of a browser in `mode` (MODES), watched."""
    context = chromium.new_context(**MODES[mode])
    context.on("page", watch.attach)
    try:
        page = context.new_page()
        if mode == "print":
            page.emulate_media(media="print")
        yield page
    finally:
        context.close()
    assert watch.errors == [] and watch.foreign == []


def styles_at(page, url: str, properties: list[str]) -> dict[str, dict[str, str]]:
    page.goto(url)
    page.wait_for_load_state("load")
    return styles(page, properties)


def styles(page, properties: list[str]) -> dict[str, dict[str, str]]:
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
    # As JSON text: Playwright takes one string faster than thousands of values.
    found: dict[str, dict[str, str]] = json.loads(page.evaluate(COMPUTED_STYLES, [THE_TEAMS, properties, HOLDERS]))
    return found


def differences(plain: dict[str, dict[str, str]], with_errcat: dict[str, dict[str, str]]) -> list[str]:
    assert plain.keys() == with_errcat.keys()  # the same elements, errcat's own left out
    return [
        f"{element} {property}: {value} without errcat, {with_errcat[element][property]} with it"
        for element, values in plain.items()
        for property, value in values.items()
        if with_errcat[element][property] != value
    ]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", TEAM_PAGES)
def test_a_teams_pages_look_the_same_with_errcat(chromium, watch, sites, properties, mode, name):
    url, plain_url = sites
    with opened(chromium, watch, mode) as page:
        plain = styles_at(page, plain_url + TEAM_PAGES[name], properties)
        with_errcat = styles_at(page, url + TEAM_PAGES[name], properties)
    assert any(key.startswith("content #") for key in plain)
    assert differences(plain, with_errcat) == []


def test_a_guide_reached_from_errcats_page_by_instant_navigation_looks_the_same(chromium, watch, sites, properties):
    url, plain_url = sites
    with opened(chromium, watch, "light") as page:
        plain = styles_at(page, plain_url + "guide/", properties)
        page.goto(url + "reference/errors/payments/")
        page.locator("[data-errcat-page]").wait_for(state="attached")
        documents = watch.documents
        page.locator(".md-tabs a[href$='guide/']").click()
        page.wait_for_function("document.querySelector('article h1').textContent.startsWith('Taking payments')")
        assert watch.documents == documents  # instant navigation: no new document
        assert page.locator("[data-errcat-page]").count() == 0
        assert differences(plain, styles(page, properties)) == []


def test_errcats_own_pages_keep_their_style(chromium, watch, sites):
    """What the page-wide rules are for, on errcat's category page: a legible footer,
    underlined links in text, permalinks of 24 x 24 px, and code blocks that wrap on a phone."""
    url, _ = sites
    with opened(chromium, watch, "touch phone") as page:
        page.goto(url + "reference/errors/payments/")
        page.wait_for_load_state("load")
        style = "(e, property) => getComputedStyle(e)[property]"
        assert page.locator(".md-copyright").evaluate(style, "color") == "rgb(148, 148, 148)"
        assert page.locator(".errcat-description p a").evaluate(style, "textDecorationLine") == "underline"
        assert page.locator("h1 .headerlink").evaluate(style, "minWidth") == "24px"
        assert page.locator("pre > code").evaluate(style, "whiteSpace") == "pre-wrap"


def test_the_teams_index_page_underlines_the_links_of_the_table_only(chromium, watch, sites):
    url, _ = sites
    with opened(chromium, watch, "light") as page:
        page.goto(url + "reference/errors/")
        page.wait_for_load_state("load")
        decoration = "e => getComputedStyle(e).textDecorationLine"
        assert page.locator("table.errcat-index td:nth-child(3) a").first.evaluate(decoration) == "underline"
        assert page.locator("article > p a").first.evaluate(decoration) == "none"


@pytest.mark.parametrize("mode", ["light", "dark, less motion", "touch phone"])
def test_errcats_pages_pass_axe_without_a_style_sheet_of_the_sites(chromium, watch, sites, mode):
    """The guide site has no style sheet of its own (the real site's docs/stylesheets/extra.css
    does for its pages what errcat.css does for errcat's): errcat's pages are accessible alone."""
    url, _ = sites
    missing = "reference/errors/codes/9999/"  # the theme's 404 page, with what errcat says in its folder
    watch.expected_404s.add(url + missing)
    with opened(chromium, watch, mode) as page:
        problems = []
        for path in ("reference/errors/payments/", "reference/errors/payments/#card_declined", missing):
            page.goto(url + path)
            page.wait_for_load_state("load")
            if path == missing:
                page.locator(".errcat-404-code").wait_for()
            problems += [f"{path}: {violation}" for violation in axe_violations(page)]
    # Material's tabs (navigation.tabs) fall short of its own palette's contrast, and so does
    # its footer on its own pages (the 404 page is the theme's): the theme's.
    theirs = (" at .md-tabs__item", f"{missing}: color-contrast at .md-copyright")
    assert [problem for problem in problems if not any(part in problem for part in theirs)] == []
