"""The index and the category pages fit any code on any screen: the PBX site's short
integer codes, examples/text-codes, and tests/fixtures/sentence-codes (a payments API's
`card_declined`, `insufficient_funds` and a 63-character code, with sentence messages),
at 360, 390, 600, 768 and 1280 px, laid out in Debian's Chromium and checked with axe.

On a phone (below 720 px) a row is a card: the code on a line of its own, the message
below it at the card's full width, then the rest. On a wider screen the table takes the
page's width, and its code column is as wide as the longest code, at least 8 and at most
24 characters; a longer code wraps inside its column. Nowhere is a cell narrower than
eight characters, and nothing scrolls sideways.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import ExitStack

import pytest

from browser_fixtures import served
from sitecheck import ROOT
from test_accessibility import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("fit")]

WIDTHS = [360, 390, 600, 768, 1280]
PHONE = 720  # errcat.css: cards below 44.9375em
SITES = {
    "pbx": ROOT / "tests" / "fixtures" / "seed",  # served by the session's base_url
    "text-codes": ROOT / "examples" / "text-codes",
    "sentence-codes": ROOT / "tests" / "fixtures" / "sentence-codes",
}
CATEGORY_PAGE = {"pbx": "contacts/", "text-codes": "requests/", "sentence-codes": "requests/"}
CODE_LIMITS = (8, 24)  # errcat.css: the code column's width, in characters

# The index as laid out: each row's cells (text, box), with the width of eight characters
# in each cell's own font, and every element that reaches past the window's right edge.
LAYOUT = """() => {
  const ruler = document.createElement('span');
  ruler.textContent = '00000000';
  ruler.style.cssText = 'position:absolute;visibility:hidden;white-space:nowrap';
  const eight = cell => { cell.appendChild(ruler); const width = ruler.getBoundingClientRect().width;
    ruler.remove(); return width; };
  const box = e => { const r = e.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width}; };
  const lines = e => { const range = document.createRange(); range.selectNodeContents(e);
    return new Set(Array.from(range.getClientRects(), r => Math.round(r.top))).size; };
  const rows = Array.from(document.querySelectorAll('table.errcat-index tbody tr')).map(tr => {
    const inner = box(tr), style = getComputedStyle(tr);
    inner.left += parseFloat(style.paddingLeft); inner.right -= parseFloat(style.paddingRight);
    inner.width = inner.right - inner.left;
    return {row: inner, cells: Array.from(tr.cells).map(cell => {
      const s = getComputedStyle(cell), link = cell.querySelector('a');
      return {text: cell.textContent.trim(), shown: s.display !== 'none', box: box(cell),
              content: cell.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight),
              eight: eight(cell), link: link && box(link), lines: link ? lines(link) : 0,
              overflows: cell.scrollWidth > cell.clientWidth + 1}; })};
  });
  const width = document.documentElement.clientWidth, wider = [];
  for (const e of document.querySelectorAll('.md-content *')) { const r = e.getBoundingClientRect();
    if (r.width > 0 && r.right > width + 0.5 && getComputedStyle(e).visibility !== 'hidden')
      wider.push(e.tagName.toLowerCase() + '.' + e.className + ' reaches ' + Math.round(r.right) + ' px'); }
  return {rows, width, scroll: document.documentElement.scrollWidth, wider};
}"""


@pytest.fixture(scope="module")
def sites(base_url, tmp_path_factory) -> Iterator[dict[str, str]]:
    """Each site built for, and served at, its own 127.0.0.1 address (the PBX site with the
    frozen seed catalog is the session's `base_url`)."""
    where = tmp_path_factory.mktemp("fit")
    with ExitStack() as stack:
        urls = {"pbx": base_url}
        for name in ("text-codes", "sentence-codes"):
            project = shutil.copytree(SITES[name], where / name / "project")
            urls[name] = stack.enter_context(served(project, where / name / "site"))
        yield urls


@pytest.fixture(scope="module")
def screens(chromium):
    """A page at each width, phones as phones (touch, mobile viewport)."""
    contexts = {}
    for width in WIDTHS:
        phone = width < PHONE
        contexts[width] = chromium.new_context(
            viewport={"width": width, "height": 900}, is_mobile=phone, has_touch=phone
        )
    yield {width: context.new_page() for width, context in contexts.items()}
    for context in contexts.values():
        context.close()


def laid_out(page, url: str) -> dict:
    page.goto(url)
    page.wait_for_load_state("load")
    return page.evaluate(LAYOUT)


def longest_code(layout: dict) -> int:
    return max(len(row["cells"][0]["text"]) for row in layout["rows"])


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(SITES))
def test_every_card_and_table_fits_its_codes(screens, sites, name, width):
    layout = laid_out(screens[width], sites[name])
    assert layout["wider"] == [] and layout["scroll"] == layout["width"] == width
    assert layout["rows"], "the index has rows"
    # On a phone no cell is narrower than eight characters; on a wider screen, a column is
    # sized by its content (a status of three digits takes three), never below eight.
    narrow = [
        f"{cell['text'][:20]!r}: {cell['content']:.0f} px, eight characters are {cell['eight']:.0f} px"
        for row in layout["rows"]
        for cell in row["cells"]
        if cell["shown"]
        and cell["text"]
        and cell["content"] < cell["eight"] / 8 * (8 if width < PHONE else min(8, len(cell["text"]))) - 1
    ]
    assert narrow == [], "cells narrower than eight characters"
    overflowing = [cell["text"] for row in layout["rows"] for cell in row["cells"] if cell["overflows"]]
    assert overflowing == [], "cells whose content runs out of them"
    for row in layout["rows"]:
        code, message = row["cells"][0], row["cells"][1]
        # No code runs into its neighbour: the link stays inside its cell.
        assert code["link"]["right"] <= code["box"]["right"] + 0.5, code["text"]
        if width < PHONE:
            # A card: the code alone on its line, the message under it at the card's full width.
            others = [cell for cell in row["cells"][1:] if cell["shown"]]
            assert all(cell["box"]["top"] >= code["box"]["bottom"] - 0.5 for cell in others), code["text"]
            assert message["box"]["width"] == pytest.approx(row["row"]["width"], abs=1), code["text"]
            assert code["box"]["width"] == pytest.approx(row["row"]["width"], abs=1), code["text"]


@pytest.mark.parametrize("width", [768, 1280])
@pytest.mark.parametrize("name", list(SITES))
def test_on_a_wide_screen_the_code_column_is_as_wide_as_the_longest_code_up_to_a_limit(screens, sites, name, width):
    layout = laid_out(screens[width], sites[name])
    low, high = CODE_LIMITS
    chars = min(max(longest_code(layout), low), high)
    first = layout["rows"][0]["cells"][0]
    character = first["eight"] / 8
    assert first["content"] == pytest.approx(chars * character, abs=2)
    # A code within the limit is on one line; only a longer one wraps.
    for row in layout["rows"]:
        code = row["cells"][0]
        if len(code["text"]) <= high:
            assert code["lines"] == 1, code["text"]
        else:
            assert code["lines"] > 1, code["text"]
    # The table takes the page's width: no empty half beside a narrow message column.
    table = screens[width].eval_on_selector("table.errcat-index", "t => t.getBoundingClientRect().width")
    article = screens[width].eval_on_selector("article", "a => a.clientWidth")
    assert table >= article * 0.9


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(SITES))
def test_a_category_page_never_scrolls_sideways(screens, sites, name, width):
    page = screens[width]
    page.goto(sites[name] + CATEGORY_PAGE[name])
    page.wait_for_load_state("load")
    layout = page.evaluate(LAYOUT)
    assert layout["wider"] == [] and layout["scroll"] == layout["width"] == width


# On a site's own index page the footer is the site's (errcat.css fixes Material's grey
# only on the pages errcat makes; the PBX site fixes it in its own style sheet).
SITES_OWN = (".md-copyright",)


@pytest.mark.parametrize("width", WIDTHS)
def test_no_axe_violation_on_the_text_code_pages_at_any_width(screens, sites, width):
    page = screens[width]
    problems = []
    for name in ("text-codes", "sentence-codes"):
        for path in ("", CATEGORY_PAGE[name]):
            page.goto(sites[name] + path)
            page.wait_for_load_state("load")
            found = axe_violations(page, exclude=SITES_OWN if path == "" else ())
            problems += [f"{name}/{path} ({width} px): {violation}" for violation in found]
    if width not in (360, 1280):  # tests/test_accessibility.py checks the PBX site at those
        page.goto(sites["pbx"])
        page.wait_for_load_state("load")
        problems += [f"pbx ({width} px): {violation}" for violation in axe_violations(page)]
    assert not problems, "axe found violations:\n" + "\n".join(problems)
