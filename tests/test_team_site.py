"""errcat added to the documentation site a team already has (tests/fixtures/team-site):
a home page, guides, a blog with tags, a nav of its own, mkdocs-autorefs and
mkdocs-redirects, and two references (the API's text codes, the SDK's integer codes),
each in its folder. Built --strict as a team builds it, with every link and anchor checked."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest

from sitecheck import ERRCAT, ROOT, Site, build, mkdocs_env

TEAM_SITE = ROOT / "tests" / "fixtures" / "team-site"
URL = "https://docs.acme.test/"
OPENSEARCH = "http://a9.com/-/spec/opensearch/1.1/"
pytestmark = pytest.mark.xdist_group("team-site")


def copy_of_team_site(where: Path) -> Path:
    shutil.copytree(TEAM_SITE, where)
    return where


def edit_config(site: Path, old: str, new: str) -> None:
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert old in text, old
    config.write_text(text.replace(old, new, 1), encoding="utf-8")


def without_nav(site: Path) -> None:
    config = site / "mkdocs.yml"
    config.write_text(re.sub(r"\nnav:\n(  .*\n)+", "\n", config.read_text(encoding="utf-8")), encoding="utf-8")


def built(site: Path) -> Site:
    done = build(site, site / "built")
    assert done.returncode == 0, done.stderr
    return Site(site / "built")


def nav_titles(page) -> list[str]:
    return [link.get_text(" ", strip=True) for link in page.select("nav.md-nav--primary a.md-nav__link")]


@pytest.fixture(scope="module")
def team_build(tmp_path_factory) -> tuple[Site, str]:
    """The team site built, and what the build printed."""
    site = copy_of_team_site(tmp_path_factory.mktemp("team") / "site")
    done = build(site, site / "built")
    assert done.returncode == 0, done.stderr
    return Site(site / "built"), done.stderr


@pytest.fixture(scope="module")
def team(team_build: tuple[Site, str]) -> Site:
    return team_build[0]


def test_every_link_and_anchor_of_the_team_site_resolves(team: Site):
    checked, broken = team.check_links("/")
    assert broken == []
    assert checked > 500


def test_the_sites_own_pages_are_left_as_they_are(team: Site):
    home = team.page("")
    assert home.select_one("table.errcat-index") is None
    assert "Take payments with one API call." in home.select_one("article").get_text()
    for page in ("guides/", "guides/getting-started/", "blog/", "tags/", "reference/"):
        assert team.page(page).select_one("table.errcat-index") is None
    # The blog and its post, the tags page with the guides' tags: the neighbours did their work.
    assert team.page("blog/2026/11/20/a-reference-for-every-error-code/").select_one("article h1")
    assert {a.get_text(strip=True) for a in team.page("tags/").select("article a")} >= {
        "Handling errors",
        "Getting started",
    }


def test_each_reference_is_in_its_folder_with_its_own_pages_and_files(team: Site):
    root = team.root
    for folder, categories, permalinks, codes in (
        ("reference/errors", ["requests", "payments"], "codes", ["NOT_FOUND", "card_declined", "23505"]),
        ("reference/sdk-errors", ["runtime", "storage"], "errno", ["1001", "1002", "23505"]),
    ):
        for category in categories:
            assert (root / folder / category / "index.html").is_file()
        for code in codes:
            assert (root / folder / permalinks / code / "index.html").is_file()
        for name in ("catalog.json", "catalog.schema.json", "changes.xml", "opensearch.xml", "changes/index.html"):
            assert (root / folder / name).is_file(), f"{folder}/{name}"
        entries = json.loads((root / folder / "catalog.json").read_text())["codes"]
        assert {entry["url"].split("#")[0] for entry in entries} <= {f"{URL}{folder}/{c}/" for c in categories}
        assert all(entry["permalink"].startswith(f"{URL}{folder}/{permalinks}/") for entry in entries)
        assert f'href="{URL}{folder}/changes/"' in (root / folder / "changes.xml").read_text()
    # Nothing of errcat's at the site's root but its script and style sheet.
    for name in ("catalog.json", "codes", "changes", "requests", "opensearch.xml"):
        assert not (root / name).exists(), name


def test_the_teams_index_page_keeps_its_text_and_the_other_is_written(team: Site):
    api = team.page("reference/errors/").select_one("article")
    text = api.get_text(" ", strip=True)
    table = api.select_one("table.errcat-index")
    assert table is not None
    assert text.index("filter it by any word") < text.index("23505") < text.index("Codes are stable")
    sdk = team.page("reference/sdk-errors/").select_one("article")
    assert sdk.select_one("h1").get_text(strip=True).rstrip("¶") == "SDK errors"
    rows = [row.select("td")[0].get_text(strip=True) for row in sdk.select("table.errcat-index tbody tr")]
    assert rows == ["1001", "1002", "23505"]


# The reference sections of the team site's nav, each index with its categories in catalog order.
TEAM_NAV = ("Reference", "API errors", "Requests", "Payments", "What changed")
TEAM_NAV += ("SDK errors", "Runtime", "Storage", "What changed")


def test_the_category_pages_are_nested_under_each_index_in_catalog_order(team: Site):
    titles = nav_titles(team.page("reference/errors/"))
    start = titles.index("Reference")
    assert tuple(titles[start : start + len(TEAM_NAV)]) == TEAM_NAV
    assert titles[:2] == ["Home", "Guides"] and titles[-1] == "Tags"


def test_a_code_in_both_references_keeps_its_anchor_page_and_search_entry_apart(team: Site):
    api = team.page("reference/errors/payments/")
    sdk = team.page("reference/sdk-errors/storage/")
    assert api.find(id="23505") and sdk.find(id="23505")
    assert "unique_violation" in api.find(id="23505").get_text()
    assert "DISK FULL" in sdk.find(id="23505").get_text()
    index = json.loads((team.root / "search" / "search_index.json").read_text())["docs"]
    locations = {doc["location"] for doc in index if doc["location"].endswith("#23505")}
    assert locations == {"reference/errors/payments/#23505", "reference/sdk-errors/storage/#23505"}
    redirects = [
        (team.root / folder / "23505" / "index.html").read_text()
        for folder in ("reference/errors/codes", "reference/sdk-errors/errno")
    ]
    assert "../../payments/#23505" in redirects[0] and "../../storage/#23505" in redirects[1]


def test_every_page_knows_both_catalogs_and_the_script_is_added_once(team: Site):
    for page in ("", "guides/errors/", "reference/sdk-errors/runtime/"):
        head = team.page(page).select_one("head")
        metas = head.select('meta[name="errcat"]')
        assert [meta["data-folder"] for meta in metas] == ["reference/errors/", "reference/sdk-errors/"]
        assert [meta["data-code-type"] for meta in metas] == ["text", "integer"]
        assert [meta["data-code-label"] for meta in metas] == ["code", "errno"]
        assert len([s for s in head.find_all("script") if "errcat-js" in s.get_text()]) == 1
        assert len(team.page(page).select('script[src$="assets/errcat.js"]')) == 1


def test_only_the_pages_errcat_makes_carry_its_mark(team: Site):
    """errcat.css holds its page-wide rules to pages marked data-errcat-page, on Material's
    container (what instant navigation swaps): a team's own pages, its own index page of a
    reference included, are not marked."""
    marked = {
        page: [element.get("data-md-component") for element in team.page(page).select("[data-errcat-page]")]
        for page in (
            "",
            "guides/errors/",
            "blog/",
            "tags/",
            "reference/",
            "reference/errors/",  # the team's own index page: errcat's only for its table
            "reference/errors/payments/",
            "reference/errors/changes/",
            "reference/sdk-errors/",  # written by errcat
            "reference/sdk-errors/runtime/",
            "404.html",
        )
    }
    assert marked == {
        "": [],
        "guides/errors/": [],
        "blog/": [],
        "tags/": [],
        "reference/": [],
        "reference/errors/": [],
        "reference/errors/payments/": ["container"],
        "reference/errors/changes/": ["container"],
        "reference/sdk-errors/": ["container"],
        "reference/sdk-errors/runtime/": ["container"],
        "404.html": [],  # the theme's (the references are in folders): the site's, not errcat's
    }


def test_guides_link_to_codes_of_either_reference_through_autorefs(team: Site):
    guide = team.page("guides/errors/")
    links = {a.get_text(): a["href"] for a in guide.select("article a") if "headerlink" not in a.get("class", [])}
    assert links["card_declined"] == "../../reference/errors/payments/#card_declined"
    assert links["1001"] == "../../reference/sdk-errors/runtime/#1001"
    assert links["unique violation"] == "../../reference/errors/payments/#23505"
    assert links["disk full"] == "../../reference/sdk-errors/storage/#23505"


def test_redirects_of_the_site_lead_into_the_reference(team: Site):
    assert "../reference/errors/" in (team.root / "errors" / "index.html").read_text()
    assert "../reference/errors/payments/" in (team.root / "declined" / "index.html").read_text()


def test_the_404_page_is_the_themes_own_marked_for_errcats_script(team: Site):
    """One 404.html serves every missing address of the site: with its references in folders, it
    is Material's, unchanged; only its head tells errcat.js (which helps in a folder) what it is."""
    page = team.page("404.html")
    assert page.select_one("article").get_text(strip=True) == "404 - Not found"
    assert page.select('[id^="errcat"], [class*="errcat"]') == []
    assert len(page.select('head meta[name="errcat-not-found"]')) == 1
    for other in ("", "guides/errors/", "reference/errors/", "reference/errors/payments/"):
        assert team.page(other).select('meta[name="errcat-not-found"]') == [], other


def test_a_teams_own_404_page_is_kept_and_marked(tmp_path: Path):
    site = copy_of_team_site(tmp_path / "site")
    edit_config(site, "theme:\n  name: material\n", "theme:\n  name: material\n  custom_dir: overrides\n")
    (site / "overrides").mkdir()
    (site / "overrides" / "404.html").write_text(
        '{% extends "main.html" %}\n{% block content %}<h1>Nothing here</h1><p>Try the guides.</p>{% endblock %}\n'
    )
    page = built(site).page("404.html")
    assert page.select_one("article").get_text(" ", strip=True) == "Nothing here Try the guides."
    assert len(page.select('head meta[name="errcat-not-found"]')) == 1


def test_toc_and_search_entries_carry_the_code_and_message_without_the_badge(team: Site):
    page = team.page("reference/errors/requests/")
    badge = page.find(id="0A000").select_one(".errcat-badge--deprecated")
    assert badge.get_text() == "deprecated"  # shown on the page, by its heading
    toc = {a["href"]: a.get_text(" ", strip=True) for a in page.select("nav.md-nav--secondary a")}
    assert toc["#0A000"] == "0A000 feature_not_supported"
    index = json.loads((team.root / "search" / "search_index.json").read_text())["docs"]
    titles = {doc["location"]: doc["title"] for doc in index}
    assert titles["reference/errors/requests/#0A000"] == "0A000 feature_not_supported"
    assert titles["reference/errors/requests/#NOT_FOUND"] == "NOT_FOUND Resource not found"


def test_opensearch_names_each_reference_in_whole_words_with_the_favicon_the_theme_serves(
    team_build: tuple[Site, str],
):
    team, output = team_build
    names, images = [], set()
    for folder in ("reference/errors/", "reference/sdk-errors/"):
        description = ElementTree.parse(team.root / folder / "opensearch.xml").getroot()
        names.append(description.findtext(f"{{{OPENSEARCH}}}ShortName"))
        images.add(description.findtext(f"{{{OPENSEARCH}}}Image"))
    # The first's short_name; the second's is the words of its name, "Acme Payments developer
    # docs, SDK errors", that fit in 16 characters, and the build says so once.
    assert names == ["Acme API errors", "Acme Payments"]
    assert output.count("short_name") == 1
    assert "errcat #2: browsers list this reference's search as 'Acme Payments'" in output
    assert images == {f"{URL}assets/images/favicon.png"}  # Material's, at the site's root
    assert (team.root / "assets" / "images" / "favicon.png").is_file()


def test_without_directory_urls(tmp_path: Path):
    site = copy_of_team_site(tmp_path / "site")
    edit_config(
        site,
        "\ntheme:\n",
        "\nuse_directory_urls: false\ntheme:\n",
    )
    team = built(site)
    checked, broken = team.check_links("/")
    assert broken == [] and checked > 500
    assert (team.root / "reference" / "errors" / "payments.html").is_file()
    assert (team.root / "reference" / "sdk-errors" / "errno" / "1001" / "index.html").is_file()
    assert "../../runtime.html#1001" in (team.root / "reference/sdk-errors/errno/1001/index.html").read_text()


def test_without_nav_the_reference_is_a_section_of_mkdocs_own_nav(tmp_path: Path):
    site = copy_of_team_site(tmp_path / "site")
    without_nav(site)
    team = built(site)
    checked, broken = team.check_links("/")
    assert broken == [] and checked > 500
    titles = nav_titles(team.page("reference/errors/"))
    for name in ("Acme Payments", "Guides", "Handling errors", "Blog", "Tags"):
        assert name in titles  # no page of the site is lost
    # Each reference's section by its title (MkDocs would name it after its folder: "Sdk errors").
    at = titles.index("API errors")
    assert titles[at : at + 4] == ["API errors", "Requests", "Payments", "What changed"]
    at = titles.index("SDK errors")
    assert titles[at : at + 4] == ["SDK errors", "Runtime", "Storage", "What changed"]
    assert "Sdk errors" not in titles and "Errors" not in titles


def test_a_nav_that_lists_the_category_pages_itself_is_kept(tmp_path: Path):
    site = copy_of_team_site(tmp_path / "site")
    edit_config(
        site,
        "      - SDK errors: reference/sdk-errors/index.md\n",
        "      - SDK errors:\n          - reference/sdk-errors/index.md\n"
        "          - Stored: reference/sdk-errors/storage.md\n"
        "          - Run: reference/sdk-errors/runtime.md\n          - reference/sdk-errors/changes.md\n",
    )
    titles = nav_titles(built(site).page("reference/sdk-errors/"))
    at = titles.index("SDK errors")
    assert titles[at : at + 4] == ["SDK errors", "Stored", "Run", "What changed"]


def test_a_nav_that_does_not_name_the_index_gets_the_reference_last(tmp_path: Path):
    site = copy_of_team_site(tmp_path / "site")
    edit_config(site, "      - SDK errors: reference/sdk-errors/index.md\n", "")
    titles = nav_titles(built(site).page(""))
    assert titles[-4:] == ["SDK errors", "Runtime", "Storage", "What changed"]


def test_two_references_in_one_folder_are_refused_naming_both(tmp_path: Path):
    site = copy_of_team_site(tmp_path / "site")
    edit_config(site, "folder: reference/sdk-errors", "folder: reference/errors/")
    done = build(site, site / "built")
    assert done.returncode != 0
    assert "'errcat #2' and 'errcat' share the folder" in done.stderr


def test_errcat_check_in_the_site_folder_checks_both_catalogs_each_on_its_own_lines(tmp_path: Path):
    site = copy_of_team_site(tmp_path / "site")
    run = [*ERRCAT, "check"]
    good = subprocess.run(run, cwd=site, env=mkdocs_env(), capture_output=True, text=True, timeout=120)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "catalogs/api.yaml" in good.stdout and "catalogs/sdk.yaml" in good.stdout
    sdk = site / "catalogs" / "sdk.yaml"
    text = sdk.read_text()
    sdk.write_text(text.replace("code: 1002", "code: 1001"))
    line = text.splitlines().index("      - code: 1002") + 1
    bad = subprocess.run(run, cwd=site, env=mkdocs_env(), capture_output=True, text=True, timeout=120)
    assert bad.returncode == 1
    assert f"catalogs/sdk.yaml:{line}:" in bad.stdout + bad.stderr
    assert "catalogs/api.yaml:" not in (bad.stdout + bad.stderr).replace("catalogs/api.yaml: ", "")


def test_a_home_page_without_the_marker_gets_the_table_after_its_text_and_a_hint(tmp_path: Path):
    subprocess.run([*ERRCAT, "new", "site"], cwd=tmp_path, env=mkdocs_env(), check=True, capture_output=True)
    site = tmp_path / "site"
    (site / "docs" / "index.md").write_text("# Our docs\n\nWelcome.\n", encoding="utf-8")
    done = build(site, site / "built")
    assert done.returncode == 0, done.stderr
    assert "set the option `folder`" in done.stderr
    article = Site(site / "built").page("").select_one("article")
    assert article.get_text(" ", strip=True).index("Welcome.") < article.get_text(" ", strip=True).index("40001")


def new_into(site: Path, *options: str) -> subprocess.CompletedProcess[str]:
    """`errcat new --into SITE`, run from the folder above the site."""
    return subprocess.run(
        [*ERRCAT, "new", "--into", str(site), *options],
        cwd=site.parent,
        env=mkdocs_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_errcat_new_into_adds_a_reference_to_the_site_and_nothing_else(tmp_path: Path):
    site = copy_of_team_site(tmp_path / "site")
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    before = text[: text.index("  - errcat:\n      folder: reference/sdk-errors")]
    config.write_text(before, encoding="utf-8")  # the site with its API reference only
    (site / "docs" / "guides" / "errors.md").write_text("# Handling errors\n\nSee [card_declined][].\n\n## Retries\n")
    done = new_into(site, "--folder", "reference/sdk-errors", "--title", "SDK errors")
    assert done.returncode == 0, done.stderr
    for path in (
        "errcat/sdk-errors.yaml",
        "errcat/sdk-errors-published.txt",
        ".github/workflows/errcat-sdk-errors.yml",
    ):
        assert path in done.stdout and (site / path).is_file()
    after = config.read_text(encoding="utf-8")
    added = after[len(before) :]
    assert after.startswith(before)  # nothing of the site's mkdocs.yml rewritten
    assert "".join(f"    {line}\n" for line in added.splitlines()) in done.stdout  # it says what it added
    assert "      folder: reference/sdk-errors\n" in added
    team = built(site)
    assert team.check_links("/")[1] == []
    rows = [row.select("td")[0].get_text(strip=True) for row in team.page("reference/sdk-errors/").select("tbody tr")]
    assert rows == ["0", "40001", "40401"]
    assert "SDK errors" in nav_titles(team.page(""))
    # A second time, the files are there: refused, nothing written.
    again = new_into(site, "--folder", "reference/sdk-errors")
    assert again.returncode == 1 and "exist already" in again.stderr
    assert config.read_text(encoding="utf-8") == after


@pytest.mark.parametrize(
    "plugins, outcome",
    [("", "added"), ("plugins: [search]\n", "mkdocs.yml:2: plugins: is written on one line")],
)
def test_errcat_new_into_a_site_without_a_plugin_list(tmp_path: Path, plugins: str, outcome: str):
    site = tmp_path / "site"
    (site / "docs").mkdir(parents=True)
    (site / "docs" / "index.md").write_text("# Home\n")
    (site / "mkdocs.yml").write_text(f"site_name: Home\n{plugins}")
    done = new_into(site)
    assert outcome in done.stdout + done.stderr
    if outcome == "added":
        assert done.returncode == 0
        assert (site / "mkdocs.yml").read_text().startswith("site_name: Home\nplugins:\n  - search\n  - errcat:\n")
        assert build(site, site / "built").returncode == 0
        assert (site / "built" / "reference" / "errors" / "index.html").is_file()
    else:
        assert done.returncode == 1 and (site / "mkdocs.yml").read_text() == f"site_name: Home\n{plugins}"


def test_errcat_diff_links_into_each_references_folder(tmp_path: Path):
    site = copy_of_team_site(tmp_path / "site")
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run([*git, "init", "-q"], cwd=site, check=True)
    subprocess.run([*git, "add", "-A"], cwd=site, check=True)
    subprocess.run([*git, "commit", "-qm", "the site"], cwd=site, check=True)
    sdk = site / "catalogs" / "sdk.yaml"
    sdk.write_text(sdk.read_text().replace("message: TIMEOUT", "message: TIMED OUT"))
    done = subprocess.run(
        [*ERRCAT, "diff", "HEAD"], cwd=site, env=mkdocs_env(), capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert f"({URL}reference/sdk-errors/runtime/#1001)" in done.stdout


def test_problems_name_the_files_as_configured_and_addresses_in_each_references_folder(tmp_path: Path):
    """Catalogs elsewhere than catalog.yaml, references in folders: every problem names the
    files the site has, and the addresses its readers' links have."""
    site = copy_of_team_site(tmp_path / "site")
    api = site / "catalogs" / "api.yaml"
    text = api.read_text()
    entry = text[text.index("      - code: card_declined\n") : text.index("      - code: 23505\n")]
    api.write_text(text.replace(entry, "").replace("        moved_from: [requests]\n", ""))
    sdk = site / "catalogs" / "sdk.yaml"
    sdk.write_text(sdk.read_text().replace("  - id: runtime\n", "  - id: run\n"))
    api_record, sdk_record = (site / "catalogs" / name for name in ("api-published.txt", "sdk-published.txt"))
    published = {line.split()[0]: number for number, line in enumerate(api_record.read_text().splitlines(), start=1)}
    moved_line = api.read_text().splitlines().index("      - code: 23505") + 1
    run_line = sdk.read_text().splitlines().index("  - id: run") + 1
    expected = [
        f"catalogs/api.yaml:{moved_line}: code 23505 was published under 'requests' (catalogs/api-published.txt:7)"
        " and is now in 'payments': add `moved_from: [requests]` to its entry, so that links to"
        " /reference/errors/requests/#23505 keep working",
        f"catalogs/api-published.txt:{published['card_declined']}: code card_declined was published and is missing"
        " from catalogs/api.yaml: published codes are never deleted, because links to"
        " /reference/errors/payments/#card_declined and /reference/errors/codes/card_declined/ must keep working;",
        f"catalogs/sdk.yaml:{run_line}: category 'run' holds the codes published under 'runtime' (1001, 1002), and"
        " no category is 'runtime' any more: if you renamed it, add `former_ids: [runtime]` to category 'run', so"
        " that links to /reference/sdk-errors/runtime/#<code> keep working, and add these lines to"
        " catalogs/sdk-published.txt, one a line: `1001 run`, `1002 run`",
    ]
    assert sdk_record.read_text().count(" runtime\n") == 2
    check = subprocess.run([*ERRCAT, "check"], cwd=site, env=mkdocs_env(), capture_output=True, text=True)
    assert check.returncode == 1
    for message in expected:
        assert message in check.stderr
    assert "catalog.yaml" not in check.stderr.replace("catalogs/api.yaml", "").replace("catalogs/sdk.yaml", "")
    done = build(site, site / "built")  # the build stops at the first reference's problems
    assert done.returncode == 1
    assert expected[0] in done.stderr and expected[1] in done.stderr


def test_serve_rebuilds_when_a_catalog_or_record_outside_the_docs_changes(tmp_path: Path):
    """errcat watches every reference's catalog, record and schema: the team site has no
    `watch:` line for them, and its catalogs are outside docs/."""
    from test_serve import Server, free_port, save

    site = copy_of_team_site(tmp_path / "site")
    assert "watch:" not in (site / "mkdocs.yml").read_text()
    server = Server(site, free_port())
    try:
        server.start()
        assert "The card issuer declined the charge." in server.get("/reference/errors/payments/")
        api = site / "catalogs" / "api.yaml"
        save(api, api.read_text().replace("The card issuer declined the charge.", "The issuer said no."))
        server.wait_for_page("/reference/errors/payments/", "The issuer said no.")
        sdk = site / "catalogs" / "sdk.yaml"
        save(sdk, sdk.read_text().replace("message: TIMEOUT", "message: TIMED OUT"))
        server.wait_for_page("/reference/sdk-errors/runtime/", "TIMED OUT")
        record = site / "catalogs" / "sdk-published.txt"
        save(record, record.read_text() + "1003 runtime\n")
        output = "".join(server.wait_for("still serving the last good build"))
        assert "catalogs/sdk-published.txt:5: code 1003 was published and is missing from catalogs/sdk.yaml" in output
        assert "/reference/sdk-errors/runtime/#1003 and /reference/sdk-errors/errno/1003/" in output
    finally:
        server.stop()


def test_what_serve_watches_is_each_references_catalog_record_schema_and_source(tmp_path: Path):
    from errcat.catalog.schema import SCHEMA_PATH
    from errcat.options import read_options
    from errcat.reference import Reference

    options, _ = read_options(
        {
            "catalog": "errcat/errors.yaml",
            "published": "errcat/published.txt",
            "source": {"path": "api/errors.json", "format": "json"},
        }
    )
    assert Reference.of(options, tmp_path, True).inputs() == [
        tmp_path / "errcat" / "errors.yaml",
        tmp_path / "errcat" / "published.txt",
        SCHEMA_PATH,
        tmp_path / "api" / "errors.json",
    ]
