"""The catalog's history (issue 13): /changes/, /changes.xml, per-code dates, the history cache.

A throwaway git repository gets a scripted history, each commit with a fixed date:

1. 2026-01-01 a catalog: general (1 OK, 2 BUSY), contacts (10), calls (20, 21)
2. 2026-02-02 code 3 added; the message of 1 changed to SUCCESS
3. 2026-03-03 code 2 deprecated; 20 moved to general; contacts renamed to people
4. 2026-04-04 a catalog that does not parse
5. 2026-05-05 fixed, and the description of 3 reworded

and is built with `mkdocs build --strict`, as in CI.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import jsonschema
import pytest
from bs4 import BeautifulSoup

from errcat.catalog.schema import Schema
from errcat.history.read import CACHE_PATH, read_history
from sitecheck import Site, build, make_project

SITE_URL = "https://docs.example.org/pbx/"
ATOM = "{http://www.w3.org/2005/Atom}"
OPENSEARCH = "{http://a9.com/-/spec/opensearch/1.1/}"

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
  - id: contacts
    title: Contacts
    codes:
      - code: 10
        message: NO_CONTACT
        description: The contact does not exist.
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
SECOND = FIRST.replace("message: OK\n", "message: SUCCESS\n").replace(
    "        description: The server is busy.\n",
    "        description: The server is busy.\n      - code: 3\n        message: TIMEOUT\n"
    "        description: The request took too long.\n",
)
THIRD = (
    SECOND.replace(
        "        message: BUSY\n        description: The server is busy.\n",
        "        message: BUSY\n        description: The server is busy.\n        status: deprecated\n",
    )
    .replace(
        "  - id: contacts\n    title: Contacts\n", "  - id: people\n    title: People\n    former_ids: [contacts]\n"
    )
    .replace(
        "      - code: 20\n        message: NO_CALL\n        description: The call does not exist.\n",
        "",
    )
    .replace(
        "        description: The request took too long.\n",
        "        description: The request took too long.\n      - code: 20\n        message: NO_CALL\n"
        "        description: The call does not exist.\n        moved_from: [calls]\n",
    )
)
FOURTH = THIRD.replace("categories:\n", "categories:\n  - [unclosed\n")
FIFTH = THIRD.replace("The request took too long.", "The request timed out.")
RECORD = "1 general\n2 general\n3 general\n10 contacts\n10 people\n20 calls\n20 general\n21 calls\n"
COMMITS = [
    ("2026-01-01T10:00:00+00:00", FIRST),
    ("2026-02-02T11:00:00+00:00", SECOND),
    ("2026-03-03T12:00:00+00:00", THIRD),
    ("2026-04-04T13:00:00+00:00", FOURTH),
    ("2026-05-05T14:00:00+00:00", FIFTH),
]


def git(repo: Path, *args: str, **env: str) -> str:
    result = subprocess.run(
        ["git", "-C", str(repo), *args],
        capture_output=True,
        text=True,
        check=True,
        env=dict(os.environ, **env),
    )
    return result.stdout


@dataclass
class Repo:
    path: Path
    shas: list[str]  # commit 1..5


def scripted_repo(where: Path) -> Repo:
    repo = make_project(where, FIRST, RECORD)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.name", "Test")
    git(repo, "config", "user.email", "test@example.org")
    git(repo, "config", "commit.gpgsign", "false")
    shas = []
    for number, (date, catalog) in enumerate(COMMITS, start=1):
        (repo / "catalog.yaml").write_text(catalog, encoding="utf-8")
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", f"Commit {number}", GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
        shas.append(git(repo, "rev-parse", "HEAD").strip())
    return Repo(repo, shas)


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Repo:
    return scripted_repo(tmp_path_factory.mktemp("history") / "repo")


@dataclass
class Built:
    site: Site
    log: str


def build_repo(project: Path, site_dir: Path) -> Built:
    result = build(project, site_dir, SITE_URL=SITE_URL, SOURCE_DATE_EPOCH="1767225600")
    assert result.returncode == 0, result.stderr
    return Built(Site(site_dir), result.stderr)


@pytest.fixture(scope="module")
def built(repo: Repo) -> Built:
    shutil.rmtree(repo.path / CACHE_PATH.parent, ignore_errors=True)  # a first build: no cache
    return build_repo(repo.path, repo.path.parent / "site")


# --- the history itself ---------------------------------------------------------------------


def test_the_history_has_exactly_the_scripted_changes(repo: Repo, tmp_path: Path):
    history = read_history(repo.path, Schema(), tmp_path / "cache.json")
    assert [commit.sha for commit in history.commits] == [repo.shas[0], repo.shas[1], repo.shas[2], repo.shas[4]]
    assert [commit.date for commit in history.commits] == ["2026-01-01", "2026-02-02", "2026-03-03", "2026-05-05"]
    changes = [[(c.kind, c.code, c.category, c.old, c.new) for c in commit.changes] for commit in history.commits]
    assert changes[0] == [
        ("category-added", None, "general", "", ""),
        ("category-added", None, "contacts", "", ""),
        ("category-added", None, "calls", "", ""),
        ("added", 1, "general", "", "OK"),
        ("added", 2, "general", "", "BUSY"),
        ("added", 10, "contacts", "", "NO_CONTACT"),
        ("added", 20, "calls", "", "NO_CALL"),
        ("added", 21, "calls", "", "CALL_ENDED"),
    ]
    assert changes[1] == [("message", 1, "general", "OK", "SUCCESS"), ("added", 3, "general", "", "TIMEOUT")]
    assert changes[2] == [
        ("category-renamed", None, "people", "contacts", "people"),
        ("status", 2, "general", "active", "deprecated"),
        ("moved", 20, "general", "calls", "general"),
    ]  # code 10 went with its category: no move of its own
    assert changes[3] == [("description", 3, "general", "", "description")]
    assert [(skipped.sha, skipped.time) for skipped in history.skipped] == [(repo.shas[3], 1775307600)]
    assert history.skipped[0].reason == "catalog.yaml:3: YAML syntax error: did not find expected ',' or ']' (column 7)"
    assert history.added == {
        1: "2026-01-01",
        2: "2026-01-01",
        3: "2026-02-02",
        10: "2026-01-01",
        20: "2026-01-01",
        21: "2026-01-01",
    }
    assert history.changed == {
        1: "2026-02-02",
        2: "2026-03-03",
        3: "2026-05-05",
        10: "2026-01-01",
        20: "2026-03-03",
        21: "2026-01-01",
    }


def test_the_cache_gives_the_same_history_without_parsing_again(repo: Repo, tmp_path: Path, monkeypatch):
    cache = tmp_path / "cache.json"
    first = read_history(repo.path, Schema(), cache)
    assert cache.exists()
    import errcat.history.read

    parsed = []
    original = errcat.history.read.read_catalog_bytes
    monkeypatch.setattr(errcat.history.read, "read_catalog_bytes", lambda *args: parsed.append(1) or original(*args))
    second = read_history(repo.path, Schema(), cache)
    assert second == first
    assert parsed == []  # every pair of revisions, and the one that does not parse, came from the cache
    cache.write_text("{not json", encoding="utf-8")  # a broken cache is rebuilt, not trusted
    assert read_history(repo.path, Schema(), cache) == first
    assert len(parsed) == 5


def test_a_revision_larger_than_a_catalog_may_be_is_never_read(repo: Repo, tmp_path: Path, monkeypatch):
    import errcat.history.read

    monkeypatch.setattr(errcat.history.read, "MAX_BYTES", 600)  # FIRST fits; the later catalogs do not
    history = read_history(repo.path, Schema(), tmp_path / "cache.json")
    assert [commit.sha for commit in history.commits] == [repo.shas[0]]
    assert [skipped.reason for skipped in history.skipped] == ["it is larger than 600 bytes"] * 4
    assert len(FIRST.encode()) <= 600 < len(SECOND.encode())


# --- /changes/ --------------------------------------------------------------------------------


def test_the_changes_page_lists_the_changes_newest_first_by_day(built: Built):
    page = built.site.page("changes/")
    article = page.select_one("article")
    days = [heading.get_text(strip=True).rstrip("¶") for heading in article.find_all("h2")]
    assert days == ["2026-05-05", "2026-03-03", "2026-02-02", "2026-01-01"]
    lines = {
        day: [li.get_text(" ", strip=True) for li in heading.find_next_sibling("ul").find_all("li", recursive=False)]
        for day, heading in zip(days, article.find_all("h2"), strict=True)
    }
    assert lines["2026-05-05"] == ["Description of 3 TIMEOUT reworded"]
    assert lines["2026-03-03"] == [
        "Category contacts renamed to People ( people ); its old links lead to the new one",
        "2 BUSY is now deprecated (was active)",
        "20 NO_CALL moved from Calls to General",
    ]
    assert lines["2026-02-02"] == [
        "Message changed (what the API returns): 1 SUCCESS , was OK",
        "Added 3 TIMEOUT in General",
    ]
    # A commit that adds whole categories reads as a line per category, its codes folded
    # away: the first commit listed 72 lines on the real site.
    first = page.find("h2", id="2026-01-01").find_next_sibling("ul").find_all("li", recursive=False)
    assert [li.contents[0].get_text() + li.contents[1].get_text() + li.contents[2] for li in first] == [
        "New category General, 2 codes",
        "New category Contacts, 1 code",
        "New category Calls, 2 codes",
    ]
    assert [li.find("summary").get_text() for li in first] == ["Its 2 codes", "Its 1 code", "Its 2 codes"]
    assert [[code.get_text(" ", strip=True) for code in li.select("details li")] for li in first] == [
        ["1 OK", "2 BUSY"],
        ["10 NO_CONTACT"],
        ["20 NO_CALL", "21 CALL_ENDED"],
    ]
    # In the nav right after the categories, and out of the search index.
    nav = [link.get_text(strip=True) for link in page.select(".md-nav--primary > .md-nav__list > li > a")]
    assert nav.index("What changed") == nav.index("Calls") + 1
    index = json.loads((built.site.root / "search" / "search_index.json").read_text())
    assert not [doc for doc in index["docs"] if doc["location"].startswith("changes/")]


def test_every_link_on_the_changes_page_leads_to_an_anchor_that_exists(built: Built):
    page_file = built.site.root / "changes" / "index.html"
    links = built.site.page("changes/").select("article a[href]")
    checked = 0
    for link in links:
        target = built.site.resolve(page_file, link["href"], "/pbx/")
        if target is None or link["href"].startswith("#"):
            continue
        path, fragment = target
        assert path.exists(), link["href"]
        if fragment:
            assert fragment in built.site.ids(path), link["href"]
        checked += 1
    assert checked >= 15  # every link, those folded in a <details> included


def test_each_code_shows_when_it_was_added_and_last_changed(built: Built):
    general = built.site.page("general/")
    dates = {
        entry["data-code"]: entry.select_one(".errcat-dates").get_text(" ", strip=True)
        for entry in general.select(".errcat-entry")
    }
    assert dates == {
        "1": "Added 2026-01-01 , changed 2026-02-02",
        "2": "Added 2026-01-01 , changed 2026-03-03",
        "3": "Added 2026-02-02 , changed 2026-05-05",
        "20": "Added 2026-01-01 , changed 2026-03-03",
    }
    assert built.site.page("people/").select_one(".errcat-dates time")["datetime"] == "2026-01-01"
    codes = {entry["code"]: entry for entry in json.loads((built.site.root / "catalog.json").read_text())["codes"]}
    assert {code: (entry["added"], entry["changed"]) for code, entry in codes.items()} == {
        1: ("2026-01-01", "2026-02-02"),
        2: ("2026-01-01", "2026-03-03"),
        3: ("2026-02-02", "2026-05-05"),
        20: ("2026-01-01", "2026-03-03"),
        10: ("2026-01-01", "2026-01-01"),
        21: ("2026-01-01", "2026-01-01"),
    }


def test_a_commit_that_does_not_parse_is_named_in_the_log_once(built: Built, repo: Repo):
    skipped = [line for line in built.log.splitlines() if "skipped" in line]
    assert len(skipped) == 1
    assert f"history: commit {repo.shas[3][:12]} of 2026-04-04 skipped, its catalog.yaml does not parse:" in skipped[0]
    assert skipped[0].startswith("INFO")


# --- the feed ---------------------------------------------------------------------------------


def test_the_atom_feed_has_one_entry_per_commit_field_by_field(built: Built, repo: Repo):
    feed = ET.parse(built.site.root / "changes.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}id") == f"{SITE_URL}changes/"
    assert feed.findtext(f"{ATOM}title") == "PBX API error codes: what changed"
    assert feed.findtext(f"{ATOM}updated") == "2026-05-05T14:00:00Z"
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "PBX API error codes"
    links = {link.get("rel"): (link.get("href"), link.get("type")) for link in feed.findall(f"{ATOM}link")}
    assert links == {
        "self": (f"{SITE_URL}changes.xml", "application/atom+xml"),
        "alternate": (f"{SITE_URL}changes/", "text/html"),
    }
    entries = feed.findall(f"{ATOM}entry")
    expected = [
        (repo.shas[4], "2026-05-05T14:00:00Z", "1 description reworded"),
        (repo.shas[2], "2026-03-03T12:00:00Z", "1 category renamed, 1 status changed, 1 code moved"),
        (repo.shas[1], "2026-02-02T11:00:00Z", "1 message changed, 1 code added"),
        (repo.shas[0], "2026-01-01T10:00:00Z", "3 categories added with 5 codes"),
    ]
    assert len(entries) == len(expected)
    for entry, (sha, updated, title) in zip(entries, expected, strict=True):
        link = f"{SITE_URL}changes/#commit-{sha[:12]}"
        assert entry.findtext(f"{ATOM}id") == link  # stable: the commit's own anchor
        assert entry.findtext(f"{ATOM}title") == title
        assert entry.findtext(f"{ATOM}updated") == updated
        assert entry.findtext(f"{ATOM}published") == updated
        alternate = entry.find(f"{ATOM}link")
        assert alternate is not None and alternate.attrib == {"rel": "alternate", "type": "text/html", "href": link}
        content = entry.find(f"{ATOM}content")
        assert content is not None and content.get("type") == "html"
        items = BeautifulSoup(content.text or "", "html.parser").find_all("li")
        assert items, title
    content = BeautifulSoup(entries[2].findtext(f"{ATOM}content") or "", "html.parser")
    assert [li.get_text(" ", strip=True) for li in content.find_all("li")] == [
        "Message changed (what the API returns): 1 SUCCESS , was OK",
        "Added 3 TIMEOUT in General",
    ]


def test_every_link_of_the_feed_resolves_in_the_built_site(built: Built):
    feed = ET.parse(built.site.root / "changes.xml").getroot()
    hrefs = [link.get("href") or "" for link in feed.iter(f"{ATOM}link")]
    for content in feed.iter(f"{ATOM}content"):
        hrefs += [a["href"] for a in BeautifulSoup(content.text or "", "html.parser").find_all("a")]
    assert len(hrefs) > 20
    for href in hrefs:
        assert href.startswith(SITE_URL), href
        parts = urlsplit(href)
        path = built.site.root / parts.path[len("/pbx/") :]
        if path.is_dir():
            path = path / "index.html"
        assert path.exists(), href
        if parts.fragment:
            assert parts.fragment in built.site.ids(path), href


def test_every_page_links_the_feed_and_the_search_engine(built: Built):
    pages = built.site.html_files()
    assert len(pages) > 10  # category pages, /codes/ pages, 404, the old address of a renamed category
    for page_file in pages:
        head = built.site.page(page_file.relative_to(built.site.root)).head
        feed = head.find("link", rel="alternate", type="application/atom+xml")
        search = head.find("link", rel="search", type="application/opensearchdescription+xml")
        assert feed is not None and search is not None, page_file
        # Linked from the page, never from site_url's host: a copy served elsewhere must
        # not send readers to the published site (404.html is served at any depth).
        relative = page_file.relative_to(built.site.root).as_posix()
        page_url = SITE_URL + ("no/such/page/" if relative == "404.html" else relative.removesuffix("index.html"))
        for link, name in ((feed, "changes.xml"), (search, "opensearch.xml")):
            assert not urlsplit(link["href"]).netloc, (page_file, link["href"])
            assert urljoin(page_url, link["href"]) == f"{SITE_URL}{name}", (page_file, link["href"])
        assert search["title"] == "PBX error codes"


def test_the_opensearch_description_searches_the_index_filter(built: Built):
    root = ET.parse(built.site.root / "opensearch.xml").getroot()
    assert root.tag == f"{OPENSEARCH}OpenSearchDescription"
    assert root.findtext(f"{OPENSEARCH}ShortName") == "PBX error codes"
    assert len(root.findtext(f"{OPENSEARCH}ShortName") or "") <= 16
    assert root.findtext(f"{OPENSEARCH}Description") == (
        "Search the PBX API error codes by code, message, category or description."
    )
    assert root.findtext(f"{OPENSEARCH}InputEncoding") == "UTF-8"
    image = root.find(f"{OPENSEARCH}Image")
    assert image is not None and image.text == f"{SITE_URL}assets/images/favicon.png"
    assert (built.site.root / "assets" / "images" / "favicon.png").exists()
    urls = {url.get("type"): url.attrib for url in root.findall(f"{OPENSEARCH}Url")}
    assert urls["text/html"] == {"type": "text/html", "method": "get", "template": f"{SITE_URL}?q={{searchTerms}}"}
    assert urls["application/opensearchdescription+xml"]["template"] == f"{SITE_URL}opensearch.xml"
    assert urls["application/opensearchdescription+xml"]["rel"] == "self"


# --- catalog.json and its schema ------------------------------------------------------------


def test_catalog_json_validates_against_the_published_schema(built: Built):
    schema = json.loads((built.site.root / "catalog.schema.json").read_text())
    assert schema["$id"] == f"{SITE_URL}catalog.schema.json"
    catalog = json.loads((built.site.root / "catalog.json").read_text())
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    assert list(validator.iter_errors(catalog)) == []
    broken = json.loads(json.dumps(catalog))
    broken["codes"][0]["added"] = "January"
    del broken["codes"][1]["permalink"]
    errors = {tuple(error.absolute_path) for error in validator.iter_errors(broken)}
    assert errors == {("codes", 0, "added"), ("codes", 1)}  # the schema does check


# --- the same commit, twice; and without history --------------------------------------------


def test_two_builds_of_one_commit_are_byte_identical(built: Built, repo: Repo):
    again = build_repo(repo.path, repo.path.parent / "site-again")  # with the cache the first build left
    first = {
        path.relative_to(built.site.root): path.read_bytes() for path in built.site.root.rglob("*") if path.is_file()
    }
    second = {
        path.relative_to(again.site.root): path.read_bytes() for path in again.site.root.rglob("*") if path.is_file()
    }
    assert sorted(first) == sorted(second)
    assert [path for path in first if first[path] != second[path]] == []


def test_a_shallow_clone_builds_without_dates_and_says_so_once(repo: Repo, tmp_path: Path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo.path}", str(clone)], check=True)
    result = build_repo(clone, tmp_path / "site")
    said = [line for line in result.log.splitlines() if "history of catalog.yaml is not available" in line]
    assert len(said) == 1 and "shallow clone" in said[0] and said[0].startswith("INFO")
    codes = json.loads((result.site.root / "catalog.json").read_text())["codes"]
    assert {(entry["added"], entry["changed"]) for entry in codes} == {(None, None)}
    assert result.site.page("general/").select(".errcat-dates") == []
    assert "not available in this build" in result.site.page("changes/").get_text()
    assert ET.parse(result.site.root / "changes.xml").getroot().findall(f"{ATOM}entry") == []


def test_a_folder_without_git_builds_without_dates(repo: Repo, tmp_path: Path):
    copy = tmp_path / "copy"
    shutil.copytree(repo.path, copy, ignore=shutil.ignore_patterns(".git", ".cache"))
    result = build_repo(copy, tmp_path / "site")
    assert re.search(
        r"history of catalog\.yaml is not available \(git rev-parse failed: .*not a git repository", result.log
    )
    assert result.site.page("general/").select(".errcat-dates") == []
