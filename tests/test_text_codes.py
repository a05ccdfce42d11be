"""A site whose API returns text codes (NOT_FOUND, card_declined, SQLSTATE's 0A000),
built end to end from examples/text-codes with a scripted git history: its pages, index,
permanent pages, 404, a move, the record, the history and catalog.json, then the filter,
sort, search and links in the browser."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from browser import assert_404_says, open_search, require_chromium, serve, visible_codes
from errcat import read_catalog
from sitecheck import ERRCAT, ROOT, Site, build, built_site, mkdocs_env

EXAMPLE = ROOT / "examples" / "text-codes"
ATOM = "{http://www.w3.org/2005/Atom}"
# The first version: 23505 is still in `requests`, card_declined and the payments
# category do not exist yet. The second is the example as it is: 23505 moved, with
# moved_from and its record line.
FIRST_DATE, SECOND_DATE = "2026-01-01T10:00:00+00:00", "2026-02-02T11:00:00+00:00"


def first_version(catalog: str) -> str:
    head, payments = catalog.split("  - id: payments\n")
    moved = payments[payments.index("      - code: 23505\n") :].replace("        moved_from: [requests]\n", "")
    return head + moved


def git(repo: Path, *args: str, **env: str) -> str:
    result = subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True, env=dict(os.environ, **env)
    )
    return result.stdout


def scripted_example(where: Path) -> Path:
    shutil.copytree(EXAMPLE, where)
    catalog = (where / "catalog.yaml").read_text(encoding="utf-8")
    record = (where / "published-codes.txt").read_text(encoding="utf-8")
    git(where, "init", "-q", "-b", "main")
    git(where, "config", "user.name", "Test")
    git(where, "config", "user.email", "test@example.org")
    git(where, "config", "commit.gpgsign", "false")
    first_record = "".join(line for line in record.splitlines(True) if "payments" not in line)
    for date, text, lines in ((FIRST_DATE, first_version(catalog), first_record), (SECOND_DATE, catalog, record)):
        (where / "catalog.yaml").write_text(text, encoding="utf-8")
        (where / "published-codes.txt").write_text(lines, encoding="utf-8")
        git(where, "add", "-A")
        git(where, "commit", "-q", "-m", f"Catalog of {date[:10]}", GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    return where


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    return scripted_example(tmp_path_factory.mktemp("text") / "site")


@pytest.fixture(scope="module")
def site(repo: Path) -> Site:
    return built_site(repo, repo.parent / "built")


CODES = {  # code -> category, as the example has them
    "NOT_FOUND": "requests",
    "ERR_INVALID_ARG_TYPE": "requests",
    "00000": "requests",
    "0A000": "requests",
    "card_declined": "payments",
    "23505": "payments",
}


def test_the_example_has_text_codes_as_written(repo: Path):
    catalog, problems = read_catalog(repo / "catalog.yaml")
    assert problems == [] and catalog is not None
    assert catalog.code_type == "text"
    # 00000 and 23505 are written unquoted: they are text, as written, not the numbers 0 and 23505.
    assert {str(error.code): category.id for category, error in catalog.codes()} == CODES
    assert all(isinstance(error.code, str) for _, error in catalog.codes())
    assert catalog.lookup("card_declined")[1].see_also == ("23505",)


def test_every_code_is_a_heading_with_its_own_anchor(site: Site):
    for code, category in CODES.items():
        heading = site.page(f"{category}/").find(id=code)
        assert heading is not None and heading.name == "h2", code
        assert heading.get_text().startswith(code)


def test_the_index_lists_every_code_as_text_with_its_http_status(site: Site):
    table = site.page("").select_one("table.errcat-index")
    headers = [th.get_text() for th in table.select("thead th")]
    assert headers == ["Code", "Message", "HTTP", "Category", "Description"]
    assert table.select_one("thead th").get("data-sort") is None  # text codes sort as text
    rows = {row.select("td")[0].get_text(): row for row in table.select("tbody tr")}
    assert list(rows) == list(CODES)
    assert rows["NOT_FOUND"].select("td")[2].get_text() == "404"
    assert rows["00000"].select("td")[2].get_text() == ""
    assert rows["card_declined"].select_one("a")["href"] == "payments/#card_declined"


def test_an_entry_shows_its_http_status_causes_and_solutions(site: Site):
    entry = site.page("requests/").select_one('[data-code="NOT_FOUND"]')
    assert entry.select_one(".errcat-http").get_text() == "HTTP status 404"
    causes = entry.select_one(".errcat-causes")
    assert causes.select_one(".errcat-label").get_text() == "Possible causes"
    assert [li.get_text() for li in causes.select("li")] == [
        "The id in the path is misspelt.",
        "The resource was deleted.",
    ]
    solutions = entry.select_one(".errcat-solutions")
    assert [li.get_text() for li in solutions.select("li")] == ["List the resources to find the right id."]
    assert entry.select_one(".errcat-see-also a")["href"] == "#ERR_INVALID_ARG_TYPE"


def test_every_code_has_a_permanent_page_that_leads_to_its_entry(site: Site):
    for code, category in CODES.items():
        page = (site.root / "codes" / code / "index.html").read_text(encoding="utf-8")
        assert f'<meta http-equiv="refresh" content="0; url=../../{category}/#{code}">' in page, code


def test_the_moved_code_keeps_its_old_anchor(site: Site):
    marker = site.page("requests/").find(id="23505")
    assert marker.name == "li" and "errcat-moved-code" in marker["class"]
    assert marker.select_one("a")["href"] == "../payments/#23505"


def test_catalog_json_has_string_codes_and_passes_its_published_schema(site: Site):
    document = json.loads((site.root / "catalog.json").read_text(encoding="utf-8"))
    schema = json.loads((site.root / "catalog.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(document)
    assert schema["$defs"]["code"]["properties"]["code"]["type"] == "string"
    records = {record["code"]: record for record in document["codes"]}
    assert list(records) == list(CODES)
    assert records["card_declined"]["see_also"] == ["23505"]
    assert records["NOT_FOUND"]["http_status"] == 404 and records["00000"]["http_status"] is None
    assert records["23505"]["former_urls"] == [document["codes"][0]["url"].replace("#NOT_FOUND", "#23505")]
    # The days come from the scripted history.
    assert records["NOT_FOUND"]["added"] == "2026-01-01"
    assert (records["card_declined"]["added"], records["23505"]["changed"]) == ("2026-02-02", "2026-02-02")
    # A planted integer code is refused by the same schema.
    document["codes"][0]["code"] = 404
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(document)


def test_the_changes_page_and_feed_follow_the_history(site: Site):
    page = site.page("changes/")
    lines = [item.get_text(" ", strip=True) for item in page.select("li[class^='errcat-change--']")]
    assert "New category Payments , 1 code Its 1 code card_declined Your card was declined." in lines
    assert "23505 unique_violation moved from Requests to Payments" in lines
    links = {a.get_text(" ", strip=True): a["href"] for a in page.select("li a")}
    assert links["card_declined Your card was declined."] == "../payments/#card_declined"
    feed = ET.parse(site.root / "changes.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 2
    assert entries[0].find(f"{ATOM}updated").text.startswith("2026-02-02")


def test_the_record_guards_text_codes(repo: Path, tmp_path: Path):
    check = subprocess.run([*ERRCAT, "check"], cwd=repo, env=mkdocs_env(), capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    copy = tmp_path / "copy"
    shutil.copytree(repo, copy)
    record = (copy / "published-codes.txt").read_text().replace("23505 payments\n", "")
    (copy / "published-codes.txt").write_text(record)
    (copy / "catalog.yaml").write_text(
        (copy / "catalog.yaml").read_text().replace("      - code: 0A000\n", "      - code: 0A001\n")
    )
    result = build(copy, tmp_path / "out")
    assert result.returncode != 0
    assert "published-codes.txt:5: code 0A000 was published and is missing from catalog.yaml" in result.stderr
    assert "catalog.yaml:26: code 0A001 is not in published-codes.txt: add the line `0A001 requests`" in result.stderr
    assert "catalog.yaml:39: code 23505 is not in published-codes.txt: add the line `23505 payments`" in result.stderr


# --- in the browser ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def base_url(repo: Path, tmp_path_factory) -> str:
    require_chromium()
    site_dir = tmp_path_factory.mktemp("text-served")
    with serve(site_dir, lambda url: built_site(repo, site_dir, SITE_URL=url)) as url:
        yield url


@pytest.mark.parametrize(
    "query, codes",
    [
        ("card", ["card_declined"]),
        ("402", ["card_declined"]),
        ("0a0", ["0A000"]),
        ('{"code": "card_declined", "message": "Your card was declined."}', ["card_declined"]),
        ("code=not_found", ["NOT_FOUND"]),
    ],
)
def test_the_filter_finds_text_codes_and_http_statuses(page, base_url, query, codes):
    page.goto(base_url)
    page.get_by_label("Filter codes").fill(query)
    assert visible_codes(page) == codes


def test_the_code_column_sorts_as_text_both_ways(page, base_url):
    page.goto(base_url)
    header = page.locator("table.errcat-index th").nth(0)
    header.get_by_role("button").click()
    ascending = sorted(CODES, key=str.lower)
    assert visible_codes(page) == ascending
    header.get_by_role("button").click()
    assert visible_codes(page) == list(reversed(ascending))


@pytest.mark.parametrize("query, code", [("NOT_FOUND", "NOT_FOUND"), ("not_found", "NOT_FOUND"), ("23505", "23505")])
def test_search_goes_straight_to_a_text_code_in_any_case(page, base_url, query, code):
    box = open_search(page, base_url)
    box.fill(query)
    hit = page.locator(".errcat-search-hit")
    hit.wait_for()
    assert hit.locator("code").inner_text() == code
    box.press("Enter")
    page.wait_for_url(f"**/{CODES[code]}/#{code}")


@pytest.mark.parametrize(
    "path, says, link",
    [
        ("card_declined", "Error code card_declined exists:", "payments/#card_declined"),
        ("codes/0a000/", "Error code 0A000 exists:", "requests/#0A000"),
        ("codes/NO_SUCH_CODE/", "There is no error code NO_SUCH_CODE in this reference.", ""),
    ],
)
def test_the_404_page_knows_text_codes(page, base_url, watch, path, says, link):
    assert_404_says(page, base_url, watch, path, says, link)


def test_the_old_anchor_and_the_permanent_page_lead_to_the_moved_code(page, base_url):
    page.goto(base_url + "requests/#23505")
    page.wait_for_url("**/payments/#23505")
    page.goto(base_url + "codes/NOT_FOUND/")
    page.wait_for_url("**/requests/#NOT_FOUND")
    assert page.locator('[id="NOT_FOUND"]').evaluate("e => e.classList.contains('errcat-target')")
