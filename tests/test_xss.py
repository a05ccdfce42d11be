"""No catalog text runs script, however it is disguised.

Every vector of tests/data/xss-vectors.txt goes into every Markdown field of one fixture
catalog (a code's description, note, causes, solutions and examples, and the category's
description) and into the messages and titles that /changes/ and the feed show; the site
is built once with a git history, and every page and file it wrote is read as a browser
reads it. Then Chromium clicks every link and hovers every entry: no dialog may open.
"""

from __future__ import annotations

import json
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from browser_fixtures import served
from errcat.history.changes import ATOM
from errcat.render.markup import ALLOWED_TAGS
from sitecheck import Site, make_project, record_of
from xss import URL_ATTRIBUTES, attributes_that_could_run, catalog_vectors, is_allowed, what_could_run

# Those the loader refuses (with a control character) are checked by tests/test_markup.py alone.
VECTORS = catalog_vectors()
CATEGORY = "vectors"
FIRST_CODE = 1000
TITLE = "<img src=x onerror=alert(100)> [t](javascript:alert(100))"
GIT = ["-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"]


def quoted(text: str) -> str:
    return json.dumps(text)  # a JSON string is a YAML double-quoted scalar


def catalog(title: str, description: str | None, vectors: list[str]) -> str:
    """One category: a plain code 1, then a code per vector with the vector in each of its
    Markdown fields and in its message (on one line)."""
    lines = ["categories:", f"  - id: {CATEGORY}", f"    title: {quoted(title)}"]
    lines += [f"    description: {quoted(description)}"] if description else []
    lines += ["    codes:", "      - code: 1", "        message: A plain code", "        description: Plain."]
    for number, vector in enumerate(vectors, start=FIRST_CODE):
        field = quoted(vector)
        lines += [
            f"      - code: {number}",
            f"        message: {quoted(' '.join(vector.split()) + f' ({number})')}",
            f"        description: {field}",
            "        status: deprecated",  # the note is shown with the status
            f"        note: {field}",
            f"        causes: [{field}]",
            f"        solutions: [{field}]",
            f"        examples: [{field}]",
        ]
    return "\n".join(lines) + "\n"


def project_with_history(where: Path) -> Path:
    """The fixture project as a git repository of two commits: a plain catalog, then the
    vectors (codes added, the category renamed and reworded: on /changes/ and in the feed).
    The category's description holds every vector, a paragraph each."""
    project = make_project(where, catalog("Plain", None, []))
    subprocess.run(["git", "init", "-q", "-b", "main", str(project)], check=True)
    subprocess.run(["git", *GIT, "-C", str(project), "add", "-A"], check=True)
    subprocess.run(["git", *GIT, "-C", str(project), "commit", "-q", "-m", "Plain"], check=True)
    (project / "catalog.yaml").write_text(catalog(TITLE, "\n\n".join(VECTORS), VECTORS), encoding="utf-8")
    (project / "published-codes.txt").write_text(record_of(project / "catalog.yaml"), encoding="utf-8")
    subprocess.run(["git", *GIT, "-C", str(project), "commit", "-q", "-am", "Vectors"], check=True)
    return project


@dataclass
class Served:
    url: str
    site: Site


@pytest.fixture(scope="module")
def vector_site(tmp_path_factory) -> Iterator[Served]:
    """The fixture project, built once for, and served at, a 127.0.0.1 address."""
    where = tmp_path_factory.mktemp("xss")
    project = project_with_history(where / "project")
    with served(project, where / "site") as url:
        yield Served(url, Site(where / "site"))


# --- every page and file the build wrote, read as a browser reads it ----------------------

# Where catalog Markdown is shown: only what Markup writes may be in these.
CATALOG_TEXT = (
    ".errcat-intro, .errcat-description, .errcat-status p, .errcat-note p, .errcat-examples ul,"
    " .errcat-causes ul, .errcat-solutions ul, table.errcat-index td:last-child"
)


def written_files(site: Site) -> list[Path]:
    """Every page and file of the site but Material's own scripts, styles and images."""
    theirs = ("assets/javascripts/", "assets/stylesheets/", "assets/images/")
    return [
        path
        for path in sorted(site.root.rglob("*"))
        if path.suffix in (".html", ".xml", ".json") and not path.relative_to(site.root).as_posix().startswith(theirs)
    ]


def test_the_site_carries_every_vector(vector_site: Served):
    page = vector_site.site.page(f"{CATEGORY}/")
    codes = {entry["data-code"] for entry in page.select(".errcat-entry")}
    assert codes == {str(number) for number in range(FIRST_CODE, FIRST_CODE + len(VECTORS))} | {"1"}
    assert len(written_files(vector_site.site)) > len(VECTORS)  # a permanent page a code, and the rest


def test_no_attribute_of_any_page_could_run(vector_site: Served):
    problems = {}
    for path in written_files(vector_site.site):
        # The whole page: catalog text is in its title, nav and table of contents too.
        if path.suffix == ".html" and (found := attributes_that_could_run(path.read_text(encoding="utf-8"))):
            problems[path.relative_to(vector_site.site.root).as_posix()] = found
    assert problems == {}


def test_no_element_comes_from_catalog_text(vector_site: Served):
    problems = {}
    for path in written_files(vector_site.site):
        if path.suffix != ".html":
            continue
        document = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        found = [
            f"<{element.name}>"
            for container in document.select(CATALOG_TEXT)
            for element in container.find_all(True)
            if element.name not in ALLOWED_TAGS
        ]
        # Elsewhere (the head, nav, table of contents, the permanent pages): no script or
        # attribute holds a vector (each calls alert), but for a link's target and title,
        # which Markup writes and the test above reads as a browser does.
        found += [
            f"<script>: {script.get_text()[:80]}"
            for script in document.find_all("script")
            if "alert" in script.get_text()
        ]
        found += [
            f"{name} on <{element.name}>"
            for element in document.find_all(True)
            for name, value in element.attrs.items()
            if "alert" in (" ".join(value) if isinstance(value, list) else value)
            and not (element.name == "a" and name in ("href", "title"))
        ]
        if found:
            problems[path.relative_to(vector_site.site.root).as_posix()] = found
    assert problems == {}


def test_the_feed_and_xml_files_carry_nothing_that_could_run(vector_site: Served):
    problems = {}
    for path in written_files(vector_site.site):
        if path.suffix != ".xml":
            continue
        for element in ET.parse(path).getroot().iter():
            found = [
                f"{name}={value!r}"
                for name, value in element.attrib.items()
                if name in URL_ATTRIBUTES and not is_allowed(value)
            ]
            if element.tag.endswith("}content") and element.get("type") == "html":
                found += what_could_run(element.text or "")  # what a feed reader renders
            if found:
                problems.setdefault(path.name, []).extend(found)
    assert problems == {}
    contents = ET.parse(vector_site.site.root / "changes.xml").getroot().iter(f"{{{ATOM}}}content")
    assert any(TITLE in BeautifulSoup(content.text or "", "html.parser").get_text() for content in contents)


def test_search_index_text_carries_nothing_that_could_run(vector_site: Served):
    # Material's search shows a result's title and text as HTML.
    index = json.loads((vector_site.site.root / "search" / "search_index.json").read_text(encoding="utf-8"))
    problems = {
        doc["location"]: found
        for doc in index["docs"]
        if (found := what_could_run(doc["title"]) + what_could_run(doc["text"]))
    }
    assert problems == {}
    assert any(doc["location"].startswith(f"{CATEGORY}/") and "alert(9)" in doc["text"] for doc in index["docs"])


def test_catalog_json_holds_the_text_a_reader_sees(vector_site: Served):
    # Plain text, not markup: a link's text without its target, raw HTML as the characters it is.
    records = json.loads((vector_site.site.root / "catalog.json").read_text(encoding="utf-8"))["codes"]
    entries = {entry["data-code"]: entry for entry in vector_site.site.page(f"{CATEGORY}/").select(".errcat-entry")}
    for record in records:
        entry = entries[str(record["code"])]

        def shown(selector: str) -> list[str]:
            return [" ".join(element.get_text().split()) for element in entry.select(selector)]  # noqa: B023

        assert [record["description"]] == shown(".errcat-description")
        assert record["examples"] == shown(".errcat-examples > ul > li")
        assert record["causes"] == shown(".errcat-causes > ul > li")
        assert record["solutions"] == shown(".errcat-solutions > ul > li")


# --- in Chromium ----------------------------------------------------------------------------

# Links made from catalog Markdown, and every element that shows catalog text.
CATALOG_LINKS = ", ".join(f"{selector.strip()} a[href]" for selector in CATALOG_TEXT.split(","))
SHOWN = "h1, h2, .errcat-intro *, .errcat-entry *, table.errcat-index *, .errcat-changes *"
# Every event a pointer over an element, and the focus, fire on it: what hovering gives
# an inline handler, for every element at once (a real hover is a frame an element).
HOVER_ALL = """selector => {
  const types = ["pointerover", "pointerenter", "mouseover", "mouseenter", "pointermove", "mousemove",
                 "pointerout", "mouseout"];
  const elements = document.querySelectorAll(selector);
  for (const element of elements) {
    for (const type of types) element.dispatchEvent(new MouseEvent(type, {bubbles: true, view: window}));
    if (element.focus) element.focus();
  }
  return elements.length;
}"""
# A click on a link that the browser's own URL parser reads as http, https or mailto is
# recorded and its navigation cancelled: following it and going back would only reload
# the page, a second a link. Any other link (javascript:, data:, ...) is followed.
KEEP_THE_PAGE = """window.__errcatFollowed = [];
window.addEventListener("click", event => {
  const link = event.target.closest && event.target.closest("a[href]");
  if (link && ["http:", "https:", "mailto:"].includes(link.protocol)) {
    event.preventDefault();
    window.__errcatFollowed.push(link.href);
  }
}, true);"""
# One link of each kind: links written alike (the same vector in six fields) act alike.
DISTINCT_LINKS = """selector => {
  const seen = new Set();
  return [...document.querySelectorAll(selector)].map((link, index) => {
    const first = !seen.has(link.outerHTML);
    seen.add(link.outerHTML);
    return first ? index : -1;
  }).filter(index => index >= 0);
}"""


@dataclass
class Guarded:
    page: Any
    dialogs: list[str]


@pytest.fixture
def guarded(chromium) -> Iterator[Guarded]:
    """A page whose every dialog (alert, confirm, prompt) is recorded and dismissed."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(KEEP_THE_PAGE)
    guarded = Guarded(context.new_page(), [])
    guarded.page.on(
        "dialog", lambda dialog: (guarded.dialogs.append(f"{dialog.type}: {dialog.message}"), dialog.dismiss())
    )
    yield guarded
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("path", ["", f"{CATEGORY}/", "changes/"])
def test_clicking_and_hovering_catalog_text_opens_no_dialog(guarded: Guarded, vector_site: Served, path: str):
    page = guarded.page
    page.goto(vector_site.url + path)  # an <img onerror>, <input autofocus onfocus> would run now
    hovered = page.evaluate(HOVER_ALL, SHOWN)
    links = page.locator(CATALOG_LINKS)
    clicked = page.evaluate(DISTINCT_LINKS, CATALOG_LINKS)
    for index in clicked:
        links.nth(index).click()  # a real click, no modifier: in this tab
        if guarded.dialogs:
            break  # a javascript: link may have replaced the page
    assert guarded.dialogs == []
    assert page.url.startswith(vector_site.url + path)  # still here: nothing navigated
    assert hovered > 100
    if path == f"{CATEGORY}/":  # every vector, in every field
        assert len(clicked) > 5 and "https://example.com/" in page.evaluate("window.__errcatFollowed")


@pytest.mark.browser
def test_a_permanent_page_opens_no_dialog(guarded: Guarded, vector_site: Served):
    code = FIRST_CODE + VECTORS.index("<img src=x onerror=alert(9)>")
    guarded.page.goto(f"{vector_site.url}codes/{code}/")
    guarded.page.wait_for_url(f"{vector_site.url}{CATEGORY}/#{code}")  # its redirect, without script
    assert guarded.dialogs == []
