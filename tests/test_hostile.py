"""Catalog text is data: raw HTML, script links and attribute tricks show as text.

A catalog whose every string carries a payload is built into a real site; no element,
attribute or link of the built pages may come from it, and the text must be visible
as written.
"""

from __future__ import annotations

import re

import pytest

from sitecheck import Site, built_site, make_project

TITLE = "Hostile <script>alert('title')</script> | {#evil-title}"
CATEGORY_DESCRIPTION = "<img src=x onerror=alert('cat')> and <b>bold</b> {#evil-cat}"
MESSAGE = "<script>alert(1)</script> | PIPE | {#evil-message} `tick` *star* [x](javascript:alert(2))"
DESCRIPTION = (
    "[click](javascript:alert(3)) [tab](java\tscript:alert(4)) [ok](https://example.com/ok) "
    "<b onmouseover=alert(5)>hover</b> `<code>` | pipe | {#evil-description}\n\n"
    "<div onclick=alert(6)>block</div>"
)
EXAMPLES = [
    '<iframe src="javascript:alert(7)"></iframe>',
    '![img](x" onerror="alert(8))',
    "[ref][1]\n\n[1]: JAVASCRIPT:alert(9)",
    "Plain & simple < > \" '",
]

CATALOG = f"""\
categories:
  - id: hostile
    title: {TITLE!r}
    description: {CATEGORY_DESCRIPTION!r}
    codes:
      - code: 666
        message: {MESSAGE!r}
        description: {DESCRIPTION!r}
        examples: [{", ".join(repr(e) for e in EXAMPLES)}]
        see_also: [667]
      - code: 667
        message: "ok {{#666}}"
        description: A neighbour.
"""
# YAML single-quoted scalars double their quotes; Python's repr uses backslashes.
CATALOG = re.sub(r"'((?:[^'\\]|\\.)*)'", lambda m: "'" + m.group(1).replace("\\'", "''") + "'", CATALOG)
CATALOG = CATALOG.replace("\\t", "\t").replace("\\n", "\n\n")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Site:
    return built_site(make_project(tmp_path_factory.mktemp("hostile") / "project", CATALOG))


def article(site: Site, page: str):
    return site.page(page).select_one("article.md-content__inner")


@pytest.mark.parametrize("page", ["hostile/", "index.html"])
def test_no_element_or_attribute_comes_from_catalog_text(hostile_site: Site, page: str):
    # The whole document: the title, nav and table of contents carry catalog text too.
    document = hostile_site.page(page)
    for tag in ("iframe", "img", "b", "object", "embed"):
        assert document.find(tag) is None, f"<{tag}> in {page}"
    for script in document.find_all("script"):
        assert "alert" not in script.get_text()
    assert article(hostile_site, page).find(["script", "style", "form"]) is None
    for element in document.find_all(True):
        for name, value in element.attrs.items():
            assert not name.lower().startswith("on"), f"{name} on <{element.name}>"
            values = value if isinstance(value, list) else [value]
            for text in values:
                assert "alert" not in text, f'{name}="{text}" on <{element.name}>'
                assert not re.sub(r"[\x00-\x20]", "", text).lower().startswith("javascript:")


@pytest.mark.parametrize("page", ["hostile/", "index.html"])
def test_attribute_list_tricks_create_no_id(hostile_site: Site, page: str):
    ids = {element["id"] for element in hostile_site.page(page).find_all(id=True)}
    assert not ids & {"evil-title", "evil-cat", "evil-message", "evil-description"}
    if page == "hostile/":
        assert [h["id"] for h in hostile_site.page(page).select("h2.errcat-heading")] == ["666", "667"]


def test_text_is_visible_as_written(hostile_site: Site):
    content = article(hostile_site, "hostile/")
    text = content.get_text()
    assert TITLE in content.h1.get_text()
    assert hostile_site.page("hostile/").title.get_text() == f"{TITLE} - PBX API error codes"
    assert "<img src=x onerror=alert('cat')> and <b>bold</b> {#evil-cat}" in text
    heading = content.find(id="666")
    assert MESSAGE in heading.get_text()
    assert content.select_one('[data-code="666"] .errcat-message code').get_text() == MESSAGE
    assert "<b onmouseover=alert(5)>hover</b>" in text
    assert "<div onclick=alert(6)>block</div>" in text
    assert EXAMPLES[0] in text
    assert "Plain & simple < > \" '" in text
    assert "| pipe | {#evil-description}" in text
    # Safe Markdown still works: the https link is a link, code spans are code.
    assert content.find("a", href="https://example.com/ok").get_text() == "ok"
    assert content.find("code", string="<code>") is not None


def test_unsafe_links_become_text(hostile_site: Site):
    content = article(hostile_site, "hostile/")
    description = content.select_one('[data-code="666"] .errcat-description')
    assert [a["href"] for a in description.find_all("a")] == ["https://example.com/ok"]
    assert "click" in description.get_text() and "tab" in description.get_text()


def test_index_row_shows_the_text(hostile_site: Site):
    row = article(hostile_site, "index.html").find("a", href="hostile/#666").find_parent("tr")
    cells = row.find_all("td")
    assert cells[1].get_text() == MESSAGE
    assert cells[2].get_text() == TITLE
