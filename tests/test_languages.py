"""errcat speaks the site's language (issue 33): its words in every language it has, plurals
and numbers by CLDR, right to left, the `strings` option and `errcat new --language`.

One small site (tests below: FIRST, SECOND, THIRD), a git repository whose catalog has every
kind of entry and of change, is built once for each language errcat has, in one MkDocs
process, each build served on its own port. errcat's English words are found in the English
build as a reader meets them, by text: every page kind's text, less what the catalog and the
site say (their titles, messages, descriptions, codes, days); what is left, cut at
punctuation, is errcat's. No build in another language may hold one of those phrases.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup, NavigableString, Tag

from browser import serve, settled
from browser_fixtures import Watch
from errcat.languages import LANGUAGES as LANGUAGE_FILES
from errcat.languages import SCRIPT_KEYS, check_messages, english, languages, read_language_file, words_for
from sitecheck import ROOT, Site, built_site, make_project, mkdocs_env, record_of

pytestmark = pytest.mark.xdist_group("languages")
LANGUAGES = languages()
OTHERS = [language for language in LANGUAGES if language != "en"]
ATOM = "{http://www.w3.org/2005/Atom}"
GIT = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"]

# --- the site: three commits of its catalog ------------------------------------------------------

FIRST = """\
categories:
  - id: general
    title: General
    codes:
      - code: 1
        message: OK
        description: It worked.
      - code: 2
        message: BUSY
        description: The server is busy.
        http_status: 503
        examples: [Too many calls at once.]
        causes: [A burst of calls.]
        solutions: [Wait a second.]
        see_also: [1, 20]
      - code: -1
        message: "NEGATIVE."
        description: A negative code.
  - id: contacts
    title: Contacts
    codes:
      - code: 10
        message: NO_CONTACT
        description: The contact does not exist.
      - code: 10001
        message: CONTACT_LOCKED
        description: The contact is locked.
  - id: calls
    title: Calls
    codes:
      - code: 20
        message: NO_CALL
        description: The call does not exist.
      - code: 21
        message: CALL_ENDED
        description: The call has ended.
"""
SECOND = (
    FIRST.replace("message: OK\n", "message: SUCCESS\n")
    .replace(
        "        description: The server is busy.\n",
        "        description: The server is busy.\n        status: deprecated\n",
    )
    .replace(
        "        description: The contact is locked.\n",
        "        description: The contact is locked.\n        note: Unlock it first.\n"
        "      - code: 3\n        message: TIMEOUT\n        description: The request took too long.\n"
        "        examples: [A slow network., A slow server.]\n",
    )
    .replace("The call has ended.", "The call ended before the request.")
    + """\
  - id: billing
    title: Billing
    codes:
      - code: 30
        message: NO_CREDIT
        description: The account has no credit.
      - code: 31
        message: CARD_EXPIRED
        description: The card has expired.
"""
)
THIRD = (
    SECOND.replace(
        "  - id: contacts\n    title: Contacts\n", "  - id: people\n    title: People\n    former_ids: [contacts]\n"
    )
    .replace("      - code: 20\n        message: NO_CALL\n        description: The call does not exist.\n", "")
    .replace(
        "        description: A negative code.\n",
        "        description: A negative code.\n      - code: 20\n        message: NO_CALL\n"
        "        description: The call does not exist.\n        moved_from: [calls]\n",
    )
    .replace(
        "        description: The card has expired.\n",
        "        description: The card has expired.\n        status: removed\n",
    )
    .replace("    title: Billing\n", "    title: Payments\n")
)
COMMITS = [
    ("2026-01-05T10:00:00+00:00", FIRST),
    ("2026-02-10T11:00:00+00:00", SECOND),
    ("2026-03-15T12:00:00+00:00", THIRD),
]
RECORD = "".join(
    f"{code} {category}\n"
    for code, category in [
        (1, "general"), (2, "general"), (-1, "general"), (20, "general"), (3, "contacts"), (3, "people"),
        (10, "contacts"), (10, "people"), (10001, "contacts"), (10001, "people"), (20, "calls"), (21, "calls"),
        (30, "billing"), (31, "billing"),
    ]
)  # fmt: skip
SITE_NAME = "Fixture"
EXTRA_CSS = ".md-copyright { color: #949494; }\n"
# What the site (not errcat) writes on errcat's pages, besides its catalog.
SITE_TEXTS = (SITE_NAME, "catalog.yaml", "changes.xml")


def config(language: str, site_url: str, site_dir: str) -> str:
    return (
        f"site_name: {SITE_NAME}\nsite_url: {site_url}\nsite_dir: {site_dir}\n"
        f"theme:\n  name: material\n  language: {language}\n  font: false\n  palette:\n    scheme: default\n"
        # The footer's contrast, which errcat leaves to the site on its own pages (as this site's does).
        "extra_css: [extra.css]\n"
        "markdown_extensions:\n  - attr_list\n  - toc:\n      permalink: true\n"
        "plugins:\n  - search\n  - errcat\n"
    )


def git(repo: Path, *args: str, **env: str) -> None:
    subprocess.run([*GIT, "-C", str(repo), *args], check=True, capture_output=True, env=dict(os.environ, **env))


def plain_site(where: Path, catalog: str) -> Path:
    """A site of `catalog` alone, its home page the table, without a history."""
    (where / "docs").mkdir(parents=True)
    (where / "docs" / "index.md").write_text(f"# {SITE_NAME}\n\n<!-- errcat:index -->\n", encoding="utf-8")
    (where / "docs" / "extra.css").write_text(EXTRA_CSS, encoding="utf-8")
    (where / "catalog.yaml").write_text(catalog, encoding="utf-8")
    (where / "published-codes.txt").write_text(record_of(where / "catalog.yaml"), encoding="utf-8")
    return where


def scripted_site(where: Path) -> Path:
    """The site, a git repository of three commits of its catalog, each on its day."""
    where.mkdir(parents=True)
    (where / "docs").mkdir()
    (where / "docs" / "index.md").write_text(f"# {SITE_NAME}\n\n<!-- errcat:index -->\n", encoding="utf-8")
    (where / "docs" / "extra.css").write_text(EXTRA_CSS, encoding="utf-8")
    (where / "published-codes.txt").write_text(RECORD, encoding="utf-8")
    (where / ".gitignore").write_text("site-*/\n.cache/\nmkdocs.*.yml\n", encoding="utf-8")
    git(where, "init", "-q", "-b", "main")
    for date, catalog in COMMITS:
        (where / "catalog.yaml").write_text(catalog, encoding="utf-8")
        git(where, "add", "-A")
        git(where, "commit", "-q", "-m", date[:10], GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    return where


# Builds every config file given in one process, as `mkdocs build --strict` does; the theme's
# templates compiled once for all of them (as errcat keeps them under `mkdocs serve`).
BUILD_ALL = """
import sys
import mkdocs.theme
from mkdocs.commands.build import build
from mkdocs.config import load_config
from errcat.engines.mkdocs.templating import CompiledTemplates
compiled, get_env = CompiledTemplates(), mkdocs.theme.Theme.get_env
def get_env_compiled_once(theme):
    env = get_env(theme)
    env.bytecode_cache = compiled
    return env
mkdocs.theme.Theme.get_env = get_env_compiled_once
for config_file in sys.argv[1:]:
    config = load_config(config_file=config_file, strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    config.plugins.on_shutdown()
"""


# A long table for the browser's plural forms: 250 codes, of which a filter for a group's word
# shows 52, 55 or 103 (Polish: few, many, few; Arabic: many, many, few), and 40 more.
GROUPS = (("alpha", 52), ("bravo", 55), ("charlie", 103), ("delta", 40))
LONG_CATALOG = "categories:\n  - id: long\n    title: Long\n    codes:\n" + "".join(
    f"      - code: {50000 + number}\n        message: LONG_{number}\n        description: Group {group}.\n"
    for number, group in enumerate(group for group, size in GROUPS for _ in range(size))
)
PLURAL_LANGUAGES = ("pl", "ar", "ja")


@dataclass
class Built:
    site: Site
    url: str
    project: Path  # what it was built from

    def open_missing(self, page, path: str, watch) -> None:
        """The address `path` of the site, missing: its 404 page, as a host serves it there."""
        watch.expected_404s.add(self.url + path)
        body = (self.site.root / "404.html").read_bytes()
        page.route(self.url + path, lambda route: route.fulfill(status=404, body=body, content_type="text/html"))
        page.goto(self.url + path)


@pytest.fixture(scope="module")
def all_builds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Built]]:
    """The site built once in each language errcat has (`en`, `de`...), and the long table in
    Polish, Arabic and Japanese (`long-pl`...), each in its folder of one server; in one process."""
    where = tmp_path_factory.mktemp("languages")
    repo = scripted_site(where / "site")
    long = plain_site(where / "long", LONG_CATALOG)
    sites = {language: (repo, language) for language in LANGUAGES}
    sites.update({f"long-{language}": (long, language) for language in PLURAL_LANGUAGES})
    served = where / "served"
    with serve(served) as url:
        configs = []
        for name, (project, language) in sites.items():
            path = project / f"mkdocs.{name}.yml"
            path.write_text(config(language, f"{url}{name}/", str(served / name)), encoding="utf-8")
            configs.append(str(path))
        done = subprocess.run(
            [sys.executable, "-c", BUILD_ALL, *configs], env=mkdocs_env(), capture_output=True, text=True, timeout=600
        )
        assert done.returncode == 0, done.stderr
        yield {name: Built(Site(served / name), f"{url}{name}/", project) for name, (project, _) in sites.items()}


@pytest.fixture(scope="module")
def builds(all_builds: dict[str, Built]) -> dict[str, Built]:
    """The site in each language errcat has."""
    return {language: all_builds[language] for language in LANGUAGES}


# --- the text a reader meets --------------------------------------------------------------------

_BLOCKS = {
    "address", "article", "body", "dd", "details", "div", "dl", "dt", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "label", "li", "main", "nav", "ol", "option", "p", "section", "select", "summary", "table", "tbody",
    "td", "th", "thead", "title", "tr", "ul",
}  # fmt: skip
_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")


def reader_text(element: Tag | None) -> list[str]:
    """What a reader meets in `element`: its text, a block (paragraph, cell, item) a line, and
    the words of its attributes (titles, labels, placeholders), each a line."""
    if element is None:
        return []
    lines: list[str] = []
    current: list[str] = []

    def walk(node: Tag) -> None:
        for name in _ATTRIBUTES:
            if isinstance(node.get(name), str):
                lines.append(str(node[name]))
        block = node.name in _BLOCKS
        if block:
            lines.append("".join(current))
            current.clear()
        for child in node.children:
            if isinstance(child, NavigableString):
                if child.__class__ is NavigableString:  # not a comment, a script's text or a CDATA
                    current.append(str(child))
            elif isinstance(child, Tag) and child.name not in ("script", "style", "svg"):
                walk(child)
        if block:
            lines.append("".join(current))
            current.clear()

    walk(element)
    lines.append("".join(current))
    return [" ".join(line.split()) for line in lines if line.strip()]


def catalog_texts(catalog_text: str) -> list[str]:
    """Every text of a catalog as a reader meets it (its Markdown rendered), block by block:
    what the catalog says, never errcat."""
    from errcat.catalog.check import read_catalog_bytes
    from errcat.catalog.schema import Schema
    from errcat.render.markup import Markup

    catalog, problems = read_catalog_bytes(catalog_text.encode(), "catalog.yaml", Schema())
    assert catalog is not None, problems
    markup = Markup()
    texts = []
    for category in catalog.categories:
        texts += [category.title, category.id, *category.former_ids]
        if category.description:
            texts += reader_text(BeautifulSoup(f"<div>{markup.block(category.description)}</div>", "html.parser").div)
        for error in category.codes:
            texts += [str(error.code), error.message, *error.moved_from]
            for text in (error.description, *error.examples, *error.causes, *error.solutions, error.note or ""):
                texts += reader_text(BeautifulSoup(f"<div>{markup.block(text)}</div>", "html.parser").div)
    return texts


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_CUT = re.compile(r"[^\w\s'’-]+|\d+")  # punctuation and numbers end a phrase


def phrases(lines: list[str], values: list[str]) -> set[str]:
    """The phrases of `lines` that are not `values` (what the catalog and the site say), cut at
    punctuation and numbers; a phrase of one word counts when the word has four letters or more."""
    found = set()
    ordered = sorted({value for value in values if value.strip()}, key=len, reverse=True)
    for line in lines:
        for value in ordered:
            line = line.replace(value, "\0")
        for part in _CUT.split(_DAY.sub("\0", line).replace("\0", ".")):
            part = " ".join(part.replace("_", " ").split()).strip("'’-")
            if len(part.split()) > 1 or len(part) >= 4:
                found.add(part)
    return found


def page_text(site: Site, path: str, whole: bool = False) -> list[str]:
    """A page's text that errcat writes: its <title>, its content (or all of a page errcat
    writes whole; of the site's own home page, the table), the nav's links, the head's links
    to the feed and the search."""
    page = site.page(path)
    lines = reader_text(page.title)
    lines += [str(link["title"]) for link in page.select("link[rel=alternate][title], link[rel=search][title]")]
    if whole:
        return lines + reader_text(page.body)
    lines += reader_text(page.select_one("table.errcat-index") or page.select_one("article.md-content__inner"))
    for link in page.select("nav.md-nav--primary a.md-nav__link"):
        lines += reader_text(link)
    return lines


def feed_text(site: Site) -> list[str]:
    feed = ET.parse(site.root / "changes.xml").getroot()
    lines = [feed.findtext(f"{ATOM}title", ""), feed.findtext(f"{ATOM}subtitle", "")]
    for entry in feed.iter(f"{ATOM}entry"):
        lines.append(entry.findtext(f"{ATOM}title", ""))
        lines += reader_text(BeautifulSoup(f"<div>{entry.findtext(f'{ATOM}content', '')}</div>", "html.parser").div)
    search = ET.parse(site.root / "opensearch.xml").getroot()
    return lines + [element.text or "" for element in search if element.tag.endswith("Description")]


# Every kind of page, at its path in the site: (path, written whole by errcat).
PAGE_KINDS = {
    "index": ("", False),
    "category": ("general/", False),
    "category with a status, a note and a move": ("people/", False),
    "category that lost a code": ("calls/", False),
    "changes": ("changes/", False),
    "404": ("404.html", False),
    "permanent page": ("codes/2/", True),
    "former category": ("contacts/", True),
}


def script_words(site: Site) -> list[str]:
    """The words the page gives its script to write (each placeholder a value)."""
    meta = site.page("").select_one('meta[name="errcat"]')
    assert meta is not None
    words = json.loads(str(meta["data-words"]))
    texts = [
        text
        for message in words["messages"].values()
        for text in ([message] if isinstance(message, str) else message.values())
    ]
    return [re.sub(r"\{\w+\}", "\0", text) for text in texts]


def site_text(site: Site) -> dict[str, list[str]]:
    texts = {kind: page_text(site, path, whole) for kind, (path, whole) in PAGE_KINDS.items()}
    texts["feed and search"] = feed_text(site)
    texts["the script's words"] = script_words(site)
    return texts


# Phrases errcat writes in a language as English writes them: the language's own word.
SAME_WORDS = {
    "de": {"Code", "Codes"},
    "es": {"Error"},
    "fr": {"Code", "Codes", "Message", "Description", "description"},
    "nl": {"Code", "Codes"},
}
EVERYWHERE = {"HTTP"}  # a protocol's name, in any language


@pytest.fixture(scope="module")
def values() -> list[str]:
    """What the site says on errcat's pages, never errcat: its name, every text of its
    catalog in every commit (the changes name what a commit's catalog said)."""
    return [*SITE_TEXTS, *(text for _, catalog in COMMITS for text in catalog_texts(catalog))]


@pytest.fixture(scope="module")
def english_words(builds: dict[str, Built], values: list[str]) -> dict[str, set[str]]:
    """errcat's English phrases on each kind of page, as the English build has them."""
    return {kind: phrases(lines, values) for kind, lines in site_text(builds["en"].site).items()}


def test_the_english_build_finds_errcats_words_by_text(english_words: dict[str, set[str]]):
    """What the check below looks for: errcat's words, and none of the catalog's."""
    found = english_words
    assert {"Example scenario", "See also", "Possible causes", "HTTP status"} <= found["category"]
    assert "Page not found" in found["404"] and any("table of all codes" in phrase for phrase in found["404"])
    assert {"What changed", "New category", "codes", "Added"} <= found["changes"]
    assert "is described under" in found["permanent page"]
    assert "These codes moved" in found["former category"]
    assert {"Code", "Message", "Category", "Description"} <= found["index"]
    assert not {"BUSY", "The server is busy", "General", "Fixture"} & set().union(*found.values())


@pytest.mark.parametrize("language", OTHERS)
def test_every_page_kind_holds_none_of_errcats_english_words(
    builds: dict[str, Built], english_words: dict[str, set[str]], values: list[str], language: str
):
    assert english_left(english_words, values, builds[language].site, language) == {}


# --- the same on Zensical -----------------------------------------------------------------------

ZENSICAL_LANGUAGES = ("ar", "ja")


@pytest.fixture(scope="module")
def zensical_builds(builds: dict[str, Built], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Site]:
    """The site built with Zensical (errcat build --engine zensical) in Arabic and Japanese."""
    repo = builds["en"].project
    temporary = tmp_path_factory.mktemp("zensical-staging")
    sites = {}
    for language in ZENSICAL_LANGUAGES:
        path = repo / f"mkdocs.zensical-{language}.yml"
        path.write_text(config(language, "https://docs.example.org/", f"site-zensical-{language}"), encoding="utf-8")
        done = subprocess.run(
            [sys.executable, "-m", "errcat", "build", "--engine", "zensical", "-f", path.name],
            cwd=repo,
            env=mkdocs_env(TMPDIR=str(temporary)),
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        sites[language] = Site(repo / f"site-zensical-{language}")
    return sites


@pytest.mark.parametrize("language", ZENSICAL_LANGUAGES)
def test_on_zensical_too_no_page_holds_errcats_english_words(
    zensical_builds: dict[str, Site], english_words: dict[str, set[str]], values: list[str], language: str
):
    assert english_left(english_words, values, zensical_builds[language], language) == {}


# --- the real catalog ---------------------------------------------------------------------------


@pytest.mark.real_catalog
def test_the_real_catalogs_pages_in_japanese_hold_none_of_errcats_english_words(site: Site, tmp_path: Path):
    """This site's own catalog (its Markdown, moves and statuses), built in English (`site`)
    and in Japanese: what errcat writes of it in English is not in the Japanese build."""
    project = make_project(tmp_path / "project")
    settings = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(settings.replace("  name: material\n", "  name: material\n  language: ja\n", 1))
    japanese = built_site(project)
    catalog = (ROOT / "catalog.yaml").read_text(encoding="utf-8")
    values = [*SITE_TEXTS, *catalog_texts(catalog)]
    # The site's own words: its name, its errcat options' (its short name and labels), its pages' titles.
    own = re.findall(r"^site_name: (.+)$|^ +(?:short_name|code_label|message_label): (.+)$", settings, re.MULTILINE)
    values += [value for pair in own for value in pair if value]
    values += re.findall(r"^ *- (.+?): \S+\.md$", settings, re.MULTILINE)
    categories = [category["id"] for category in yaml.safe_load(catalog)["categories"]]

    def errcats_text(built: Site) -> list[str]:
        lines = [*page_text(built, "changes/"), *page_text(built, "404.html")]
        for category in categories:
            lines += page_text(built, f"{category}/")
        lines += reader_text(built.page("").select_one("table.errcat-index")) + feed_text(built)
        for permanent in sorted((built.root / "codes").iterdir()):
            lines += page_text(built, f"codes/{permanent.name}/", whole=True)
        return lines

    english_words = phrases(errcats_text(site), values)
    assert {"See also", "Page not found", "is described under"} <= english_words
    assert found_in(english_words, errcats_text(japanese), values, EVERYWHERE) == []


def found_in(english_words: set[str], lines: list[str], values: list[str], allowed: set[str]) -> list[str]:
    """The English phrases that `lines` hold, besides `values` (the catalog's) and `allowed`."""
    text = "\n".join(lines)
    for value in sorted(values, key=len, reverse=True):
        text = text.replace(value, "\0")
    allowed = {phrase.lower() for phrase in allowed}
    found = []
    for phrase in sorted(english_words):
        at = re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text, re.IGNORECASE)
        if phrase.lower() not in allowed and at:
            found.append(f"{phrase} (in {text[max(at.start() - 40, 0) : at.end() + 40]!r})")
    return found


def english_left(
    english_words: dict[str, set[str]], values: list[str], site: Site, language: str
) -> dict[str, list[str]]:
    """What `site`, built in `language`, holds of errcat's English words, by kind of page."""
    allowed = EVERYWHERE | SAME_WORDS.get(language, set())
    left = {kind: found_in(english_words[kind], lines, values, allowed) for kind, lines in site_text(site).items()}
    return {kind: found for kind, found in left.items() if found}


# --- plurals, numbers, dates ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "language, counts",
    [
        ("pl", {1: "1 kod", 2: "2 kody", 5: "5 kodów", 22: "22 kody", 25: "25 kodów", 112: "112 kodów"}),
        ("ar", {1: "رمز واحد", 2: "رمزان", 3: "3 رموز", 11: "11 رمزًا", 100: "100 رمز", 0: "0 رمز"}),
        ("ja", {1: "1件のコード", 2: "2件のコード", 5: "5件のコード"}),
        ("en", {1: "1 code", 2: "2 codes", 0: "0 codes"}),
    ],
)
def test_a_count_takes_the_languages_plural_form(language: str, counts: dict[int, str]):
    words, _ = words_for(language)
    assert {count: words.text("change.codes", count) for count in counts} == counts


def test_counts_are_written_as_the_language_writes_them_and_codes_never(builds: dict[str, Built]):
    assert [words_for(language)[0].number(10000) for language in ("en", "de", "fr", "ar")] == [
        "10,000",
        "10.000",
        "10\u202f000",
        "10,000",  # Arabic in the digits a code is written in (Babel's, and the script's: `numbers`)
    ]
    german = builds["de"].site
    assert german.page("").select_one('a[href="people/#10001"]').get_text() == "10001"
    assert german.page("people/").select_one("h2#\\31 0001").get_text().startswith("10001 CONTACT_LOCKED")
    assert "10.001" not in (german.root / "people" / "index.html").read_text(encoding="utf-8")


def test_days_are_written_as_the_language_writes_them(builds: dict[str, Built]):
    days = {
        language: [time.get_text() for time in builds[language].site.page("changes/").select("h2 time")]
        for language in ("en", "de", "ja", "ar")
    }
    assert days == {
        "en": ["2026-03-15", "2026-02-10", "2026-01-05"],  # ISO 8601, as errcat always wrote them in English
        "de": ["15. März 2026", "10. Februar 2026", "5. Januar 2026"],
        "ja": ["2026年3月15日", "2026年2月10日", "2026年1月5日"],
        "ar": ["15 مارس 2026", "10 فبراير 2026", "5 يناير 2026"],
    }
    # A day's machine-readable form stays ISO 8601, whatever the language.
    assert builds["ja"].site.page("changes/").select_one("h2 time")["datetime"] == "2026-03-15"


# --- the language files and errcat.js --------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_language_file_has_every_key_with_the_languages_plural_forms(language: str):
    assert check_messages(read_language_file(LANGUAGE_FILES / f"{language}.yml"), language) == []


def test_the_reference_names_every_language_and_every_key():
    reference = (ROOT / "docs" / "plugin.md").read_text(encoding="utf-8")
    section = reference[reference.index("## Languages") : reference.index("## Supported versions")]
    assert [language for language in LANGUAGES if f"`{language}` (" not in section] == []
    assert [key for key in english() if f"| `{key}` |" not in section] == []


def test_the_script_holds_no_word_of_errcats_own():
    """errcat.js writes what the page gives it: none of its English is in the script's strings."""
    source = (ROOT / "hooks" / "errcat" / "assets" / "errcat.js").read_text(encoding="utf-8")
    source = re.sub(r"(?<![:\\])//.*", "", re.sub(r"/\*.*?\*/", "", source, flags=re.DOTALL))  # its comments
    script = "\n".join(re.findall(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'', source))
    assert "errcat-filter" in script  # its strings, without its comments
    english_words = english()
    texts = [english_words[key] for key in SCRIPT_KEYS]
    found = [
        phrase
        for phrase in phrases([text for message in texts for text in _forms(message)], [])
        # (one word alone may be a token: aria-sort's "ascending")
        if len(phrase.split()) > 1 and phrase in script
    ]
    assert found == []


def _forms(message: object) -> list[str]:
    return [message] if isinstance(message, str) else list(message.values())  # type: ignore[union-attr]


def test_a_language_errcat_has_no_words_for_builds_in_english_and_says_so_once(tmp_path: Path):
    site = plain_site(tmp_path / "site", FIRST)
    (site / "mkdocs.yml").write_text(config("sv", "https://docs.example.org/", "built"), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=site,
        env=mkdocs_env(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    said = [line for line in done.stderr.splitlines() if "errcat has no words" in line]
    assert said == [
        "INFO    -  errcat has no words for the language 'sv' (theme.language): its pages use English; set"
        " errcat's option `strings` to give them in yours (docs/plugin.md lists the keys), or add the language"
        f" to errcat ({', '.join(LANGUAGES)} so far)"
    ]
    page = Site(site / "built").page("general/")
    assert page.html["lang"] == "sv" and page.select_one(".errcat-message span").get_text() == "Message"


# --- a site's own words: the `strings` option ---------------------------------------------------


def test_the_sites_strings_change_errcats_words_in_any_language(tmp_path: Path):
    from errcat.options import read_options
    from errcat.reference import Reference

    site = plain_site(tmp_path / "site", SECOND)
    strings = {
        "entry.see_also": "Siehe ebenfalls",
        "filter.placeholder": "Nummer oder Meldung",
        "change.codes": {"one": "ein Fehler", "other": "{count} Fehler"},
    }
    options, _ = read_options({"strings": strings, "history": False})
    reference = Reference.of(options, site, True, {"language": "de"})
    build = reference.build(site / "docs", "Beispiel", "https://docs.example.org/")
    assert build.problems == [] and build.renderer is not None
    general = next(file for file in build.files if file.path == "general.md")
    assert general.body is not None
    assert '<p class="errcat-label">Siehe ebenfalls</p>' in general.body.html
    assert "Mögliche Ursachen" in general.body.html  # the rest in German
    script = build.renderer.words.for_script()
    assert script["messages"]["filter.placeholder"] == "Nummer oder Meldung"
    assert [build.renderer.words.text("change.codes", count) for count in (1, 3)] == ["ein Fehler", "3 Fehler"]


def test_errcat_new_starts_a_site_in_its_language(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    from errcat.commands.cli import main

    assert main(["new", str(tmp_path / "site"), "--language", "ja"]) == 0
    settings = yaml.safe_load((tmp_path / "site" / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    assert settings["theme"]["language"] == "ja" and settings["site_name"] == "API エラーコード"
    home = (tmp_path / "site" / "docs" / "index.md").read_text(encoding="utf-8")
    assert home.startswith("# API エラーコード\n\nすべてのエラーコードについて") and "<!-- errcat:index -->" in home
    capsys.readouterr()
    assert main(["new", str(tmp_path / "swedish"), "--language", "sv"]) == 0
    assert "errcat has no words for the language 'sv'" in capsys.readouterr().out
    assert main(["new", str(tmp_path / "nonsense"), "--language", "not a language"]) == 2


# --- in the browser -------------------------------------------------------------------------------


def script_text(page, built: Built, watch) -> list[str]:
    """What errcat.js writes on the site's pages: the filter and what it says as it filters and
    sorts, a code's link control, the direct hit above search results, the 404 page's line."""
    lines: list[str] = []
    url = built.url

    def text_of(selector: str) -> list[str]:
        html = page.eval_on_selector_all(selector, "nodes => nodes.map(node => node.outerHTML).join('')")
        return reader_text(BeautifulSoup(f"<div>{html}</div>", "html.parser").div)

    page.goto(url)
    settled(page)
    lines += text_of(".errcat-filter")
    page.select_option(".errcat-filter select", index=2)
    settled(page)
    lines += text_of(".errcat-count, table.errcat-index thead")
    page.fill("#errcat-filter-input", "zzzz")
    settled(page)
    lines += text_of(".errcat-count, .errcat-empty")
    page.goto(url + "general/")
    page.locator("h2#\\32  a.errcat-copy").click()
    page.wait_for_function("document.querySelector('h2#\\\\32  .errcat-copy-status').textContent !== ''")
    lines += text_of("h2#\\32 , .errcat-copy-field")
    for path in ("nope/3", "nope/99999"):
        built.open_missing(page, path, watch)
        page.locator(".errcat-404-code:not([hidden])").wait_for()
        lines += text_of(".errcat-404-code")
    # errcat's direct hit needs no search index: it comes before Material's search has one.
    page.goto(url)
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("3")
    page.locator(".errcat-search-hit:not([hidden])").wait_for()
    lines += text_of(".errcat-search-hit")
    return lines


@pytest.fixture(scope="module")
def english_script_phrases(chromium, builds: dict[str, Built], values: list[str]) -> set[str]:
    context = chromium.new_context()
    watch = Watch()
    context.on("page", watch.attach)
    try:
        lines = script_text(context.new_page(), builds["en"], watch)
    finally:
        context.close()
    assert watch.errors == []
    found = phrases(lines, [*values, "Ctrl+C", "zzzz"])
    assert {"Filter codes", "Sort by", "No code matches", "Copy the link to this code", "Error code"} <= found
    assert "exists" in found and any("table of all codes" in phrase for phrase in found)
    return found


# The script's words in every language are checked above, as the page gives them to it (and the
# script holds none of its own); here it writes them, in a language of each kind of plural rules.
SCRIPT_LANGUAGES = ("de", "pl", "ar", "ja", "zh")


@pytest.mark.browser
@pytest.mark.parametrize("language", SCRIPT_LANGUAGES)
def test_what_the_script_writes_holds_none_of_errcats_english_words(
    context, watch, builds: dict[str, Built], english_script_phrases: set[str], values: list[str], language: str
):
    lines = script_text(context.new_page(), builds[language], watch)
    allowed = EVERYWHERE | SAME_WORDS.get(language, set())
    assert found_in(english_script_phrases, lines, [*values, "Ctrl+C", "zzzz"], allowed) == []


@pytest.mark.browser
@pytest.mark.parametrize("language", PLURAL_LANGUAGES)
def test_the_filter_counts_in_the_languages_plural_forms(page, all_builds: dict[str, Built], language: str):
    """The filter's status and its button, in Chromium (Intl), as Babel writes them in Python."""
    words, _ = words_for(language)
    page.goto(all_builds[f"long-{language}"].url)
    settled(page)
    status, more = page.locator(".errcat-count"), page.locator(".errcat-more")
    assert status.inner_text() == words.text("filter.count", 250, matched="250") + words.text(
        "filter.showing_first", 50
    )
    for group, size in GROUPS[:3]:
        page.fill("#errcat-filter-input", group)
        settled(page)
        assert status.inner_text().startswith(words.text("filter.count", 250, matched=words.number(size)))
        assert more.inner_text() == words.text("filter.more", size)
    written = {
        "pl": ("Pokaż wszystkie 103 pasujące kody", "52 z 250 kodów"),
        "ar": ("عرض كل الرموز المطابقة الـ103", "52 من 250 رمزًا"),
        "ja": ("一致する103件をすべて表示", "250件中52件"),
    }[language]
    assert more.inner_text() == written[0]
    page.fill("#errcat-filter-input", GROUPS[0][0])
    settled(page)
    assert status.inner_text().startswith(written[1])


# --- right to left ------------------------------------------------------------------------------

# Every kind of page of the Arabic site (the permanent page's redirect held back).
RTL_PAGES = {
    "index": "",
    "filtered index": "?q=busy",
    "category": "general/",
    "deep link": "people/#10001",
    "changes": "changes/",
    "404": "nope/3",
    "permanent page": "codes/2/",
    "former category": "contacts/",
}
# What of a page's content is past either edge of a phone's screen (Material's drawers wait
# off the screen, on the right on a right-to-left page), and how far the page scrolls sideways.
SIDEWAYS = """() => { const width = document.documentElement.clientWidth; const out = [];
  for (const e of document.querySelectorAll('.md-content *, body > main *')) { const r = e.getBoundingClientRect();
    if (r.width > 0 && (r.right > width + 0.5 || r.left < -0.5) && getComputedStyle(e).visibility !== 'hidden')
      out.push(e.tagName.toLowerCase() + '.' + e.className + ': ' + Math.round(r.left) + ' to ' + Math.round(r.right));
  }
  return {scroll: document.documentElement.scrollWidth, width: width, wider: out}; }"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 360], ids=["desktop", "phone"])
def test_arabic_reads_right_to_left_axe_clean_and_nothing_scrolls_sideways(
    chromium, watch, builds: dict[str, Built], width: int
):
    from test_accessibility import axe_violations

    url = builds["ar"].url
    context = chromium.new_context(
        viewport={"width": width, "height": 800}, is_mobile=width < 400, has_touch=width < 400
    )
    context.on("page", watch.attach)
    page = context.new_page()
    problems, sideways = [], []
    try:
        for name, path in RTL_PAGES.items():
            if path.startswith("codes/"):
                page.route(url + "general/**", lambda route: route.fulfill(status=204))
            if name == "404":
                builds["ar"].open_missing(page, path, watch)
            else:
                page.goto(url + path)
            page.wait_for_load_state("load")
            if name == "404":
                page.locator(".errcat-404-code:not([hidden])").wait_for()
            direction = page.evaluate("getComputedStyle(document.querySelector('main') || document.body).direction")
            assert direction == "rtl", name
            problems += [f"{name}: {violation}" for violation in axe_violations(page)]
            if width < 400:
                found = page.evaluate(SIDEWAYS)
                if found["scroll"] > found["width"] or found["wider"]:
                    sideways.append(f"{name}: {found}")
    finally:
        context.close()
    assert problems == [], "axe found violations:\n" + "\n".join(problems)
    assert sideways == [], "a page scrolls sideways on a phone"
    assert watch.errors == [] and watch.foreign == []


# Where, left to right on the screen, each character of an element's text is drawn.
CHARACTER_PLACES = """element => {
  const node = [...element.childNodes].find(n => n.nodeType === 3) || element.firstChild;
  const text = node.textContent, range = document.createRange(), places = [];
  for (let i = 0; i < text.length; i++) { range.setStart(node, i); range.setEnd(node, i + 1);
    places.push([text[i], range.getBoundingClientRect().left]); }
  return places; }"""


@pytest.mark.browser
def test_codes_and_messages_read_left_to_right_on_an_arabic_page(page, builds: dict[str, Built]):
    """`-1 NEGATIVE.` comes out as written, never reversed: isolated, left to right."""
    url = builds["ar"].url
    page.goto(url + "general/")
    for selector in ("h2[id='-1'] bdi", ".errcat-entry[data-code='-1'] .errcat-message code"):
        places = page.locator(selector).evaluate(CHARACTER_PLACES)
        drawn = "".join(character for character, _ in sorted(places, key=lambda place: place[1]) if character != " ")
        assert drawn == "".join(character for character, _ in places if character != " "), selector
    page.goto(url)
    settled(page)
    for selector in ("table.errcat-index a[href='general/#-1']", "table.errcat-index td.errcat-msg bdi"):
        places = page.locator(selector).first.evaluate(CHARACTER_PLACES)
        assert [character for character, _ in sorted(places, key=lambda place: place[1])] == [c for c, _ in places]
    # The table itself reads right to left: its first column, the code, is the rightmost.
    first, last = page.locator("table.errcat-index thead th").first, page.locator("table.errcat-index thead th").last
    assert first.bounding_box()["x"] > last.bounding_box()["x"]
