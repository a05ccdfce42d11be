"""errcat on Zensical: `errcat build --engine zensical` and `errcat serve --engine zensical`.

Zensical builds a Material site from its mkdocs.yml but runs no MkDocs plugin; errcat
stages the site with its reference outside the site's folder and runs Zensical's command
line on it. Each site is built once a module, with both engines where they are compared:
this site at its root (a copy with the frozen seed catalog, a git repository), and the
team site (tests/fixtures/team-site) with a reference in each of two folders, beside
Zensical's own blog, tags and redirects. What the MkDocs reader tests check is checked
again on Zensical's output, and the URLs of both builds are compared.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from unittest.mock import ANY

import jsonschema
import markdown
import pytest
import yaml
from playwright.sync_api import expect

from browser import BASE_PATH, serve, visible_codes
from errcat.engines.zensical import command as zensical_command_module
from errcat.engines.zensical.command import _staged
from errcat.engines.zensical.finished import NAME as FINISHED
from errcat.engines.zensical.stage import Stage
from sitecheck import ERRCAT, ROOT, SEED_CATALOG, SEED_PUBLISHED, Site, built_site, make_project, mkdocs_env
from test_browser import assert_highlighted, expected_matches, filter_box
from test_serve import free_port
from test_team_site import TEAM_NAV, TEAM_SITE, nav_titles

pytestmark = pytest.mark.xdist_group("zensical")
GIT = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"]
CATALOG_JSON_SCHEMA = ROOT / "hooks" / "errcat" / "catalog-json.schema.json"
# What each engine writes of its own, beside the pages and files both build: the theme's
# scripts and styles, the search index, the compressed sitemap, Material's tags export,
# Zensical's table of redirects.
MKDOCS_OWN = re.compile(r"assets/(javascripts|stylesheets)/.*|search/search_index\.json|sitemap\.xml\.gz|tags\.json")
ZENSICAL_OWN = re.compile(r"assets/(javascripts|stylesheets)/.*|search\.json|redirect\.json")


@dataclass
class Built:
    """A site built with Zensical by `errcat build --engine zensical`, served at `url`."""

    project: Path
    site: Site
    url: str
    output: str  # what the command printed
    env: dict[str, str]


def zensical_env(where: Path, **extra: str) -> dict[str, str]:
    # errcat stages the site under the temporary folder: the test's own, not the machine's.
    temporary = where / "tmp"
    temporary.mkdir(exist_ok=True)
    return mkdocs_env(TMPDIR=str(temporary), **extra)


def errcat(project: Path, *arguments: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*ERRCAT, *arguments], cwd=project, env=env, capture_output=True, text=True, timeout=600)


def built_with_zensical(project: Path, where: Path):
    """`project` built with Zensical for, and served at, a 127.0.0.1 address (a context)."""
    results: list[tuple[subprocess.CompletedProcess[str], dict[str, str]]] = []

    def build_for(url: str) -> None:
        env = zensical_env(where, SITE_URL=url)
        done = errcat(project, "build", "--engine", "zensical", env=env)
        assert done.returncode == 0, done.stdout + done.stderr
        results.append((done, env))

    return serve(project / "site", build_for), results


def git_repository(project: Path) -> Path:
    shutil.copy2(ROOT / ".gitignore", project / ".gitignore")  # site/ and .cache/, as this repository has
    subprocess.run([*GIT, "init", "-q"], cwd=project, check=True)
    subprocess.run([*GIT, "add", "-A"], cwd=project, check=True)
    subprocess.run([*GIT, "commit", "-qm", "the site"], cwd=project, check=True)
    return project


@pytest.fixture(scope="module")
def pbx(tmp_path_factory) -> Built:
    """This site with the seed catalog, at the site's root, built with Zensical."""
    where = tmp_path_factory.mktemp("zensical-pbx")
    project = git_repository(make_project(where / "project", SEED_CATALOG, SEED_PUBLISHED))
    context, results = built_with_zensical(project, where)
    with context as url:
        done, env = results[0]
        yield Built(project, Site(project / "site"), url, done.stdout + done.stderr, env)


@pytest.fixture(scope="module")
def pbx_mkdocs(pbx: Built, tmp_path_factory) -> Site:
    """The same site built with MkDocs, for the same address."""
    return built_site(pbx.project, tmp_path_factory.mktemp("mkdocs-pbx") / "site", SITE_URL=pbx.url)


@pytest.fixture(scope="module")
def team(tmp_path_factory) -> Built:
    """The team site: two references in folders, a blog, tags and redirects."""
    where = tmp_path_factory.mktemp("zensical-team")
    project = where / "site"
    shutil.copytree(TEAM_SITE, project)
    context, results = built_with_zensical(project, where)
    with context as url:
        done, env = results[0]
        yield Built(project, Site(project / "site"), url, done.stdout + done.stderr, env)


@pytest.fixture(scope="module")
def team_mkdocs(team: Built) -> Site:
    """The team site built with MkDocs, by `errcat build` without --engine: with -f, a
    configuration beside the site's that inherits it and builds elsewhere."""
    (team.project / "mkdocs-elsewhere.yml").write_text("INHERIT: mkdocs.yml\nsite_dir: ../mkdocs-site\n")
    done = errcat(team.project, "build", "-f", "mkdocs-elsewhere.yml", "--strict", env=team.env)
    assert done.returncode == 0, done.stderr
    return Site(team.project.parent / "mkdocs-site")


def urls_of(site: Site, own: re.Pattern[str]) -> set[str]:
    """Every file of a built site, but for those its engine writes of its own."""
    files = (path.relative_to(site.root).as_posix() for path in site.root.rglob("*") if path.is_file())
    return {path for path in files if not own.fullmatch(path)}


def heading_ids(page) -> list[str]:
    return [heading["id"] for heading in page.select("article h2.errcat-heading")]


# --- this site, at its root ---------------------------------------------------------------


def test_zensical_builds_every_url_the_mkdocs_build_has(pbx: Built, pbx_mkdocs: Site):
    zensical, mkdocs = urls_of(pbx.site, ZENSICAL_OWN), urls_of(pbx_mkdocs, MKDOCS_OWN)
    assert zensical == mkdocs
    for path in ("contacts/index.html", "codes/70093/index.html", "changes/index.html", "changes.xml"):
        assert path in zensical
    for path in ("catalog.json", "catalog.schema.json", "opensearch.xml", "404.html", "assets/errcat.js"):
        assert path in zensical


def test_every_code_is_a_heading_with_its_id_on_its_category_page(pbx: Built, seed_catalog, pbx_mkdocs: Site):
    for category in seed_catalog.categories:
        page = pbx.site.page(f"{category.id}/")
        assert heading_ids(page) == [str(error.code) for error in category.codes]
        assert heading_ids(page) == heading_ids(pbx_mkdocs.page(f"{category.id}/"))
        assert page.select_one("article h1").get_text(strip=True).rstrip("¶") == category.title


def content_of(site: Site, path: str) -> str:
    """A page's content as errcat wrote it, from its title to the end of the article, without the
    `data-search-exclude` marks Zensical's search reads and then removes."""
    text = (site.root / path).read_text(encoding="utf-8")
    start, end = text.index('<h1 id="top"'), text.index("</article>")
    return text[start:end].replace(" data-search-exclude", "").strip()


def toc_of(page) -> list[tuple[str, str]]:
    links = page.select(".md-sidebar--secondary nav.md-nav--secondary a")
    return [(link["href"], link.get_text(" ", strip=True)) for link in links]


def test_category_pages_have_the_content_and_table_of_contents_of_the_mkdocs_build(
    pbx: Built, pbx_mkdocs: Site, seed_catalog
):
    for path in [f"{category.id}/" for category in seed_catalog.categories] + ["changes/"]:
        assert content_of(pbx.site, path + "index.html") == content_of(pbx_mkdocs, path + "index.html")
        assert toc_of(pbx.site.page(path)) == toc_of(pbx_mkdocs.page(path))
    codes = [str(error.code) for error in seed_catalog.categories[0].codes]
    assert [href for href, _ in toc_of(pbx.site.page(f"{seed_catalog.categories[0].id}/"))] == [f"#{c}" for c in codes]


def staged(tmp_path: Path, monkeypatch, extensions: str | None, **options) -> tuple[Path, Stage]:
    """This site with its `markdown_extensions:` setting replaced by `extensions` (None: left
    out), staged (not built) in this test's own temporary folder."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    project = make_project(tmp_path / "project", SEED_CATALOG, SEED_PUBLISHED)
    settings = (project / "mkdocs.yml").read_text(encoding="utf-8")
    replaced = re.sub(r"^markdown_extensions:\n(?:[ -].*\n)+", extensions or "", settings, flags=re.M)
    assert replaced != settings
    (project / "mkdocs.yml").write_text(replaced, encoding="utf-8")
    stage = Stage(project / "mkdocs.yml", **options)
    assert stage.update().report is None
    return project, stage


def staged_page(stage: Stage, page: str) -> str:
    return (stage.folder / "docs" / page).read_text(encoding="utf-8").split("---\n", 2)[2]


def markdown_of(extensions: list) -> markdown.Markdown:
    """Python-Markdown as Zensical makes it of a staged config's `markdown_extensions`."""
    names = [next(iter(item)) if isinstance(item, dict) else item for item in extensions]
    configs = {next(iter(item)): next(iter(item.values())) for item in extensions if isinstance(item, dict)}
    return markdown.Markdown(extensions=names, extension_configs=configs)


SITE_EXTENSIONS = "markdown_extensions:\n  - attr_list\n  - md_in_html\n  - toc:\n      permalink: true\n"


@pytest.mark.parametrize(
    "setting, staged_extensions",
    [
        (SITE_EXTENSIONS, ["attr_list", "md_in_html", {"toc": {"permalink": True}}]),
        (
            "markdown_extensions:\n  attr_list: {}\n  toc: {permalink: true}\n",
            ["attr_list", {"toc": {"permalink": True}}],
        ),
        ("markdown_extensions:\n", []),  # null: Zensical's toc and tables only
    ],
    ids=["list", "mapping", "null"],
)
def test_the_finished_html_reaches_zensical_through_errcats_extension_as_the_same_html(
    tmp_path: Path, monkeypatch, setting: str, staged_extensions: list
):
    """A marker line in the page, the HTML in a part file, read by errcat's Markdown extension:
    the same HTML as that page with the HTML in it, parsed, and the page's table of contents."""
    _, stage = staged(tmp_path, monkeypatch, setting)
    config = yaml.safe_load(stage.config_path.read_text(encoding="utf-8"))
    extensions = config["markdown_extensions"]
    extensions = (
        [{name: options} if options else name for name, options in extensions.items()]
        if isinstance(extensions, dict)
        else extensions
    )
    finished, *rest = extensions
    key = (stage.folder / ".errcat-key").read_text(encoding="ascii")
    assert finished == {FINISHED: {"folder": str(stage.folder / ".errcat-parts"), "key": key}}
    assert rest == staged_extensions
    marked = staged_page(stage, "calls.md")
    found = re.fullmatch(rf"\n<!-- errcat-finished {key} ([0-9a-f]{{32}}) -->\n", marked)
    assert found is not None
    part = json.loads((stage.folder / ".errcat-parts" / f"{found.group(1)}.json").read_text(encoding="utf-8"))
    inline = f"\n{part['html']}\n"
    stored = markdown_of(extensions)
    assert stored.convert(marked) == markdown_of(rest).convert(inline)
    assert [token["id"] for token in stored.toc_tokens[0]["children"]] == ["70130", "70132", "70510"]


def test_the_html_stays_in_the_pages_where_the_site_keeps_zensicals_defaults_or_zensical_is_anothers(
    tmp_path: Path, monkeypatch
):
    """Without `markdown_extensions`, naming one would drop Zensical's defaults; a Zensical on
    the PATH, of another Python, cannot import errcat's extension."""
    _, defaults = staged(tmp_path / "defaults", monkeypatch, None)
    _, other = staged(tmp_path / "other", monkeypatch, SITE_EXTENSIONS, extension=False)
    for stage in (defaults, other):
        config = yaml.safe_load(stage.config_path.read_text(encoding="utf-8"))
        assert FINISHED not in json.dumps(config.get("markdown_extensions"))
        assert not list((stage.folder / ".errcat-parts").glob("*"))
        assert '<h2 class="errcat-heading" id="70130">' in staged_page(stage, "calls.md")
    assert "markdown_extensions" not in yaml.safe_load(defaults.config_path.read_text(encoding="utf-8"))
    monkeypatch.setattr(zensical_command_module, "zensical_command", lambda: ["/usr/local/bin/zensical"])
    started = _staged(other.config_file, "build")
    assert started is not None and started[1].extension is False


def test_without_zensical_build_and_serve_say_how_to_install_it(tmp_path: Path, monkeypatch, capsys):
    monkeypatch.setattr(zensical_command_module, "zensical_command", lambda: None)
    for command in (zensical_command_module.build, zensical_command_module.serve):
        assert command(tmp_path / "mkdocs.yml") == 1
        tested = zensical_command_module.TESTED
        assert capsys.readouterr().err == f"errcat: Zensical is not installed here: pip install zensical=={tested}\n"


def test_only_errcats_own_markers_are_replaced_and_a_missing_part_is_an_error(tmp_path: Path, monkeypatch):
    _, stage = staged(tmp_path, monkeypatch, SITE_EXTENSIONS)
    extensions = yaml.safe_load(stage.config_path.read_text(encoding="utf-8"))["markdown_extensions"]
    marked = staged_page(stage, "calls.md")
    found = re.search(r"errcat-finished ([0-9a-f]{32}) ([0-9a-f]{32})", marked)
    assert found is not None
    digest = found.group(2)
    # A line an author writes, in a code block or not, with another key: left as it is.
    forged = f"<!-- errcat-finished {'0' * 32} {digest} -->"
    text = f"{forged}\n\n```\n{forged}\n```\n"
    assert markdown_of(extensions).convert(text).count("errcat-finished") == 2
    for part in (stage.folder / ".errcat-parts").iterdir():
        part.unlink()
    with pytest.raises(RuntimeError, match="a staged part is missing"):
        markdown_of(extensions).convert(marked)


def test_under_serve_the_last_updates_parts_stay_one_update_more(tmp_path: Path, monkeypatch):
    """Zensical may still be rendering a page of the last update: the part its marker names stays."""
    project, stage = staged(tmp_path, monkeypatch, SITE_EXTENSIONS, purpose="serve")
    catalog = project / "catalog.yaml"

    def parts() -> set[str]:
        return {path.name for path in (stage.folder / ".errcat-parts").iterdir()}

    first = parts()
    catalog.write_text(SEED_CATALOG.replace("CAHNNEL ID NOT FOUND", "CHANNEL GONE"), encoding="utf-8")
    assert stage.update().report is None
    second = parts()
    assert first < second
    assert stage.update().report is None
    assert parts() < second and parts() != first


def test_a_build_leaves_in_site_dir_what_was_built_and_writes_only_what_changed(tmp_path: Path, monkeypatch):
    """Zensical's output is faked: this is errcat's part, the permanent pages written into
    site_dir and the output copied there, as MkDocs leaves a site_dir (its hidden files kept)."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    project = make_project(tmp_path / "project", SEED_CATALOG, SEED_PUBLISHED)
    site = project / "site"
    for path, text in {".nojekyll": "", "codes/99999/index.html": "gone", "old/page.html": "gone"}.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(text)
    stage = Stage(project / "mkdocs.yml")
    assert stage.update().report is None
    stage.output.mkdir(parents=True)
    (stage.output / "index.html").write_text("the home page")
    assert stage.publish() == 61 + 1
    built = {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}
    codes = re.findall(r"^\s*- code: (-?\d+)", SEED_CATALOG, flags=re.M)
    assert len(codes) == 61
    assert built == {".nojekyll", "index.html"} | {f"codes/{code}/index.html" for code in codes}
    assert not (site / "codes" / "99999").exists() and not (site / "old").exists()
    assert "70093" in (site / "codes" / "70093" / "index.html").read_text(encoding="utf-8")

    assert stage.update().report is None
    assert stage.publish() == 0  # nothing changed, nothing written
    (project / "catalog.yaml").write_text(SEED_CATALOG.replace("CAHNNEL ID NOT FOUND", "CHANNEL GONE"))
    assert stage.update().report is None
    assert stage.publish() == 1
    assert "CHANNEL GONE" in (site / "codes" / "70130" / "index.html").read_text(encoding="utf-8")


def test_a_failed_zensical_build_leaves_the_site_dir_as_it_was(tmp_path: Path):
    project = make_project(tmp_path / "project", SEED_CATALOG, SEED_PUBLISHED)
    env = zensical_env(tmp_path)
    assert errcat(project, "build", "--engine", "zensical", env=env).returncode == 0
    site = {path: path.read_bytes() for path in (project / "site").rglob("*") if path.is_file()}
    (project / "catalog.yaml").write_text(SEED_CATALOG.replace("CAHNNEL ID NOT FOUND", "CHANNEL GONE"))
    with (project / "docs" / "using.md").open("a", encoding="utf-8") as page:
        page.write("\n[a page that is not there](not-there.md)\n")
    done = errcat(project, "build", "--engine", "zensical", "--strict", env=env)
    assert done.returncode != 0
    assert {path: path.read_bytes() for path in (project / "site").rglob("*") if path.is_file()} == site


def test_a_site_dir_in_the_docs_is_refused_and_zensical_stopped(tmp_path: Path):
    project = make_project(tmp_path / "project", SEED_CATALOG, SEED_PUBLISHED)
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("\nsite_dir: docs/out\n")
    done = errcat(project, "build", "--engine", "zensical", env=zensical_env(tmp_path))
    assert done.returncode == 1
    assert re.search(r"errcat: site_dir .*/docs/out holds the site or is in its docs_dir", done.stderr)
    assert not (project / "docs" / "out").exists()


def test_the_home_page_keeps_its_text_and_has_the_table_of_every_code(pbx: Built, seed_catalog):
    article = pbx.site.page("").select_one("article")
    text = article.get_text(" ", strip=True)
    assert "Every response of the PBX open API carries" in text
    rows = [row.select("td")[0].get_text(strip=True) for row in article.select("table.errcat-index tbody tr")]
    assert rows == [str(error.code) for _, error in seed_catalog.codes()]
    assert text.index("Linking to a code?") < text.index(rows[0])


def test_permanent_pages_lead_to_the_entry(pbx: Built, seed_catalog):
    for category, error in seed_catalog.codes():
        page = pbx.site.page(f"codes/{error.code}/")
        refresh = page.select_one('meta[http-equiv="refresh"]')["content"]
        assert refresh == f"0; url=../../{category.id}/#{error.code}"


def test_catalog_json_matches_its_schema_and_names_every_code(pbx: Built, seed_catalog):
    data = json.loads((pbx.site.root / "catalog.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads(CATALOG_JSON_SCHEMA.read_text(encoding="utf-8")))
    assert [entry["code"] for entry in data["codes"]] == [error.code for _, error in seed_catalog.codes()]
    assert data["codes"][0]["url"].startswith(pbx.url)
    served = json.loads((pbx.site.root / "catalog.schema.json").read_text(encoding="utf-8"))
    assert served["$id"] == pbx.url + "catalog.schema.json"
    jsonschema.validate(data, served)


def test_every_internal_link_resolves(pbx: Built):
    checked, broken = pbx.site.check_links(BASE_PATH)
    assert broken == []
    assert checked > 500


def test_every_page_gets_the_head_errcat_gives_it_on_mkdocs(pbx: Built, pbx_mkdocs: Site):
    for page in ("", "contacts/", "using/", "changes/", "404.html"):
        ours, theirs = pbx.site.page(page).select_one("head"), pbx_mkdocs.page(page).select_one("head")
        assert [meta.attrs for meta in ours.select('meta[name="errcat"]')] == [
            meta.attrs for meta in theirs.select('meta[name="errcat"]')
        ]
        scripts = [script.get_text() for script in ours.find_all("script") if "errcat" in script.get_text()]
        assert scripts == [script.get_text() for script in theirs.find_all("script") if "errcat" in script.get_text()]
        links = ours.select('link[rel="alternate"], link[rel="search"]')
        assert [link["type"] for link in links] == ["application/atom+xml", "application/opensearchdescription+xml"]
        for link in links:  # the same files, linked from where the page is
            target = pbx.site.resolve(
                pbx.site.root / (page if page.endswith(".html") else page + "index.html"), link["href"], BASE_PATH
            )
            assert target is not None and target[0].is_file(), link["href"]
    assert len(pbx.site.page("").select('script[src$="assets/errcat.js"]')) == 1


def test_the_edit_button_of_a_category_page_opens_the_catalog_as_on_mkdocs(pbx: Built, pbx_mkdocs: Site):
    def edit_links(site: Site, page: str) -> list[str]:
        return [
            urllib.parse.urljoin(link["href"], ".") + link["href"].rsplit("/", 1)[1]  # `docs/../` as a browser reads it
            for link in site.page(page).select('article a[rel="edit"]')
        ]

    catalog = "https://github.com/pbx-docs/error-codes/edit/main/catalog.yaml"
    assert edit_links(pbx.site, "contacts/") == edit_links(pbx_mkdocs, "contacts/") == [catalog]
    assert edit_links(pbx.site, "changes/") == edit_links(pbx_mkdocs, "changes/") == []
    assert edit_links(pbx.site, "using/") == edit_links(pbx_mkdocs, "using/") != []


def test_zensical_search_index_finds_a_code_by_number_and_by_a_word_of_its_message(pbx: Built):
    items = json.loads((pbx.site.root / "search.json").read_text(encoding="utf-8"))["items"]
    separator = re.compile(r"[\s\-_,:!=\[\]()\"/]+|\.(?!\d)|&[lg]t;")  # this site's, as mkdocs.yml sets it

    def found(query: str) -> list[str]:
        words = {word.lower() for item in [query] for word in separator.split(item) if word}
        return [
            item["location"]
            for item in items
            if words
            <= {word.lower() for word in separator.split(re.sub("<[^>]+>", " ", item["title"] + " " + item["text"]))}
        ]

    assert "contacts/#70093" in found("70093")
    assert "contacts/#70093" in found("EXISTED")
    assert "calls/#70130" in found("CAHNNEL")
    # Each code once, on its category page; the home page's table and /changes/ are not searched.
    assert [item["location"] for item in items].count("contacts/#70093") == 1
    assert not any(item["location"].startswith("changes/") for item in items)
    assert all("PHONEBOOK" not in item["text"] for item in items if item["location"] == "")


def test_nothing_in_the_sites_folder_changes(pbx: Built):
    status = subprocess.run(
        [*GIT, "status", "--porcelain", "--ignored=no"], cwd=pbx.project, capture_output=True, text=True, check=True
    )
    assert status.stdout == ""
    # Staged under the temporary folder, with a configuration that Zensical reads instead.
    mine = Path(pbx.env["TMPDIR"]) / f"errcat-zensical-{os.getuid()}"
    assert mine.stat().st_mode & 0o777 == 0o700  # the user's own: no one else lays a link there
    (staged,) = mine.iterdir()
    config = yaml.safe_load((staged / "mkdocs.yml").read_text(encoding="utf-8"))
    assert (config["docs_dir"], config["site_dir"], config["theme"]["custom_dir"]) == ("docs", "site", "overrides")
    assert "hooks" not in config and config["plugins"] == [{"search": {"separator": ANY}}]
    assert (staged / "docs" / "contacts.md").is_file() and not (pbx.project / "docs" / "contacts.md").exists()


def test_a_broken_catalog_stops_the_build_before_zensical_starts(tmp_path: Path):
    case = ROOT / "tests" / "cases" / "several-problems"
    project = make_project(tmp_path / "project", (case / "catalog.yaml").read_text(encoding="utf-8"), "")
    done = errcat(project, "build", "--engine", "zensical", env=zensical_env(tmp_path))
    assert done.returncode == 1
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert done.stderr.splitlines()[1:] == expected
    count = rf"has {len(expected)} problems:"
    assert re.fullmatch(rf"the error-code catalog \(saved \d\d:\d\d:\d\d\) {count}", done.stderr.splitlines()[0])
    assert "Build started" not in done.stdout + done.stderr  # Zensical never ran
    assert not (project / "site").exists()


# --- the team site: a reference in each of two folders ---------------------------------------


def test_zensical_builds_every_url_of_the_team_sites_mkdocs_build(team: Built, team_mkdocs: Site):
    assert urls_of(team.site, ZENSICAL_OWN) == urls_of(team_mkdocs, MKDOCS_OWN)


def test_each_reference_keeps_its_pages_files_and_index(team: Built):
    root = team.site.root
    for folder, categories, permalinks, codes in (
        ("reference/errors", ["requests", "payments"], "codes", ["NOT_FOUND", "card_declined", "23505"]),
        ("reference/sdk-errors", ["runtime", "storage"], "errno", ["1001", "1002", "23505"]),
    ):
        for category in categories:
            assert heading_ids(team.site.page(f"{folder}/{category}/"))
        for code in codes:
            assert (root / folder / permalinks / code / "index.html").is_file()
        for name in ("catalog.json", "catalog.schema.json", "changes.xml", "opensearch.xml", "changes/index.html"):
            assert (root / folder / name).is_file(), f"{folder}/{name}"
    api = team.site.page("reference/errors/").select_one("article").get_text(" ", strip=True)
    assert api.index("filter it by any word") < api.index("23505") < api.index("Codes are stable")
    sdk = team.site.page("reference/sdk-errors/").select_one("article")
    assert sdk.select_one("h1").get_text(strip=True).rstrip("¶") == "SDK errors"
    assert [row.select("td")[0].get_text(strip=True) for row in sdk.select("table.errcat-index tbody tr")] == [
        "1001",
        "1002",
        "23505",
    ]


def test_the_categories_are_nested_under_each_index_in_catalog_order(team: Built):
    titles = nav_titles(team.site.page("reference/errors/"))
    start = titles.index("Reference")
    assert tuple(titles[start : start + len(TEAM_NAV)]) == TEAM_NAV  # as the MkDocs build has it


def test_every_page_knows_both_catalogs_and_the_404_page_is_zensicals_own(team: Built):
    for page in ("", "guides/errors/", "reference/sdk-errors/runtime/", "404.html"):
        head = team.site.page(page).select_one("head")
        assert [meta["data-folder"] for meta in head.select('meta[name="errcat"]')] == [
            "reference/errors/",
            "reference/sdk-errors/",
        ]
        assert len([s for s in head.find_all("script") if "errcat-js" in s.get_text()]) == 1
        # Only the 404 page is marked for errcat.js, which helps there only in a reference's folder.
        assert len(head.select('meta[name="errcat-not-found"]')) == (page == "404.html")
    missing = team.site.page("404.html")
    assert missing.select_one("article").get_text(strip=True) == "404 - Not found"
    assert missing.select("#errcat-404") == []


def test_search_titles_and_opensearch_are_as_on_mkdocs(team: Built):
    """A status is left out of a code's search title (Zensical indexes the finished page); the
    OpenSearch image is the favicon Zensical serves, at the site's root."""
    items = json.loads((team.site.root / "search.json").read_text(encoding="utf-8"))["items"]
    titles = {item["location"]: item["title"] for item in items}
    assert titles["reference/errors/requests/#0A000"] == "0A000 feature_not_supported"
    for folder in ("reference/errors/", "reference/sdk-errors/"):
        text = (team.site.root / folder / "opensearch.xml").read_text(encoding="utf-8")
        image = re.search(r"<Image [^>]*>([^<]*)</Image>", text)
        assert image is not None and image.group(1) == team.url + "assets/images/favicon.png"
    assert (team.site.root / "assets" / "images" / "favicon.png").is_file()


def test_each_category_pages_table_of_contents_is_the_mkdocs_builds_without_badges(team: Built, team_mkdocs: Site):
    pages = [path for path in team.site.root.rglob("index.html") if 'class="errcat-heading"' in path.read_text("utf-8")]
    assert len(pages) >= 4
    for path in pages:
        url = path.parent.relative_to(team.site.root).as_posix() + "/"
        toc = toc_of(team.site.page(url))
        assert toc and toc == toc_of(team_mkdocs.page(url)), url
    assert ("#0A000", "0A000 feature_not_supported") in toc_of(team.site.page("reference/errors/requests/"))


@pytest.mark.browser
@pytest.mark.parametrize(
    "path, says",
    [
        ("guides/gibt-es-nicht/", None),
        ("reference/sdk-errors/1002", "Error code 1002 exists:"),
        ("reference/errors/codes/9999/", "There is no error code 9999 in this reference."),
    ],
)
def test_on_zensical_errcat_helps_on_the_404_page_only_in_a_references_folder(page, team: Built, watch, path, says):
    watch.expected_404s.add(team.url + path)
    assert page.goto(team.url + path).status == 404
    page.wait_for_load_state("load")  # errcat.js has run (at DOMContentLoaded, or document$'s first page)
    if says is None:
        assert page.locator("#errcat-404").count() == 0
        assert page.locator("article").inner_text().strip() == "404 - Not found"
    else:
        slot = page.locator(".errcat-404-code")
        slot.wait_for()
        assert slot.inner_text().startswith(says)


def test_zensicals_blog_tags_and_redirects_work_beside_the_references(team: Built):
    assert team.site.page("blog/2026/11/20/a-reference-for-every-error-code/").select_one("article h1")
    assert {a.get_text(strip=True) for a in team.site.page("tags/").select("article a")} >= {
        "Handling errors",
        "Getting started",
    }
    assert "../reference/errors/payments/" in (team.site.root / "declined" / "index.html").read_text()
    checked, broken = team.site.check_links(BASE_PATH)
    assert broken == [] and checked > 300


def test_a_code_in_both_references_has_an_entry_in_each_and_plain_autorefs_resolve(team: Built):
    items = json.loads((team.site.root / "search.json").read_text(encoding="utf-8"))["items"]
    assert {item["location"] for item in items if item["location"].endswith("#23505")} == {
        "reference/errors/payments/#23505",
        "reference/sdk-errors/storage/#23505",
    }
    guide = team.site.page("guides/errors/")
    links = {a.get_text(): a.get("href") for a in guide.select("article a") if "headerlink" not in a.get("class", [])}
    assert links["card_declined"] == "../../reference/errors/payments/#card_declined"
    assert links["1001"] == "../../reference/sdk-errors/runtime/#1001"
    # What only MkDocs has: an autorefs target qualified by the reference's folder (the
    # plugin registers it with mkdocs-autorefs). Zensical leaves the text, and says so.
    assert "[unique violation][reference/errors/23505]" in guide.select_one("article").get_text()
    assert "unresolved autoref" in team.output


# --- in Chromium ------------------------------------------------------------------------------


@pytest.mark.browser
def test_the_filter_narrows_the_rows_and_sorts_them(page, pbx: Built, seed_catalog):
    page.goto(pbx.url)
    filter_box(page).fill("phonebook")
    assert visible_codes(page) == expected_matches(seed_catalog, "phonebook")
    page.locator("table.errcat-index th").nth(0).get_by_role("button").click()
    page.locator("table.errcat-index th").nth(0).get_by_role("button").click()
    assert visible_codes(page) == sorted(expected_matches(seed_catalog, "phonebook"), key=int, reverse=True)


@pytest.mark.browser
def test_a_query_in_the_address_opens_the_table_filtered(page, pbx: Built, seed_catalog):
    page.goto(pbx.url + "?q=token%20expired")
    assert filter_box(page).input_value() == "token expired"
    assert visible_codes(page) == ["10004"]


@pytest.mark.browser
def test_after_instant_navigation_from_another_page_the_filter_works(page, pbx: Built, seed_catalog, watch):
    page.goto(pbx.url + "contacts/")
    page.evaluate("window.__stillTheSameDocument = true")
    documents = watch.documents
    page.locator("nav.md-nav--primary a.md-nav__link").first.click()
    page.wait_for_url(pbx.url)
    page.locator("table.errcat-index[data-errcat-ready]").wait_for()
    assert page.evaluate("window.__stillTheSameDocument") is True and watch.documents == documents
    assert page.locator(".errcat-filter").count() == 1
    filter_box(page).fill("phonebook")
    assert visible_codes(page) == expected_matches(seed_catalog, "phonebook")
    page.locator("table.errcat-index a[href$='/contacts/#70093']").click()
    page.wait_for_url("**/contacts/#70093")
    assert_highlighted(page, "70093")


@pytest.mark.browser
@pytest.mark.parametrize("query, anchor", [("70093", "contacts/#70093"), ("CAHNNEL", "calls/#70130")])
def test_zensicals_search_lists_the_code_first_and_enter_opens_it(page, pbx: Built, query, anchor):
    page.goto(pbx.url)
    page.locator(".md-search__button").click()
    box = page.get_by_role("combobox", name="Search")
    box.fill(query)
    path, code = anchor.split("#")
    lands = re.compile(re.escape(pbx.url + path) + r"(\?h=[^#]*)?#" + re.escape(code))
    first = page.get_by_role("listbox", name="Search results").get_by_role("option").first
    expect(first).to_have_attribute("href", lands)
    box.press("Enter")
    page.wait_for_url(lands)
    assert_highlighted(page, code)


@pytest.mark.browser
def test_the_filter_of_a_reference_in_a_folder_finds_its_own_codes(page, team: Built):
    page.goto(team.url + "reference/sdk-errors/?q=disk")
    assert visible_codes(page) == ["23505"]
    filter_box(page).fill("100")
    assert visible_codes(page) == ["1001", "1002"]


def test_build_and_serve_say_which_engine_builds_by_default(tmp_path: Path):
    for command in ("build", "serve"):
        done = subprocess.run(
            [*ERRCAT, command, "--help"], cwd=tmp_path, capture_output=True, text=True, env=mkdocs_env()
        )
        text = " ".join(done.stdout.split())
        assert f"Without --engine, with MkDocs (python -m mkdocs {command}" in text
        assert f"with --engine zensical, with Zensical (python -m zensical {command})" in text


# --- errcat serve --engine zensical -------------------------------------------------------------


def test_serve_rebuilds_when_the_catalog_or_a_page_changes(tmp_path: Path):
    project = make_project(tmp_path / "project", SEED_CATALOG, SEED_PUBLISHED)
    port = free_port()
    url = f"http://127.0.0.1:{port}{BASE_PATH}contacts/"
    server = subprocess.Popen(
        [*ERRCAT, "serve", "--engine", "zensical", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=zensical_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        assert "PHONEBOOK_NOT_EXISTED" in fetched(url, lambda page: "PHONEBOOK_NOT_EXISTED" in page)
        catalog = project / "catalog.yaml"
        catalog.write_text(catalog.read_text().replace("message: PHONEBOOK_NOT_EXISTED", "message: PHONEBOOK_GONE"))
        assert "PHONEBOOK_GONE" in fetched(url, lambda page: "PHONEBOOK_GONE" in page)
        # A page of the site's own, edited in place (the staged docs are links to the site's).
        with (project / "docs" / "using.md").open("a", encoding="utf-8") as page:
            page.write("\nA line written while serving.\n")
        assert "written while serving" in fetched(
            url.replace("contacts/", "using/"), lambda page: "while serving" in page
        )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        output = server.communicate(timeout=30)[0]
    assert server.returncode == 0, output


def fetched(url: str, ready, within: float = 30) -> str:
    """The page at `url` once `ready(page)` (polled; at most `within` seconds)."""
    deadline, page = time.monotonic() + within, ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                page = response.read().decode("utf-8")
            if ready(page):
                return page
        except OSError:
            pass
        time.sleep(0.3)
    return page
