"""errcat beside the plugins a documentation site already has: links to codes from anywhere
on the site through mkdocs-autorefs, a link to a code that does not exist fails the build,
and what other plugins do to errcat's pages is kept, with the speed-ups on as without."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from sitecheck import ERRCAT, Site, build, mkdocs_env
from test_history import scripted_repo
from test_speedups import build_in_process, differing

GUIDE = """\
# Handling errors

A missing parameter answers [40001][]; a missing resource,
[the not-found code][40401]. Success is [0][].
"""


@pytest.fixture
def new_site(tmp_path: Path) -> Path:
    """A site as `errcat new` writes it (codes 0, 40001 and 40401), with a guide of its own."""
    subprocess.run([*ERRCAT, "new", "site"], cwd=tmp_path, env=mkdocs_env(), check=True, capture_output=True)
    site = tmp_path / "site"
    (site / "docs" / "guide.md").write_text(GUIDE, encoding="utf-8")
    return site


def with_autorefs(site: Path) -> None:
    config = site / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - search\n", "  - search\n  - autorefs\n"), encoding="utf-8")


def test_a_guide_links_to_codes_by_autorefs_and_they_resolve_to_the_entries(new_site: Path):
    with_autorefs(new_site)
    done = build(new_site, new_site / "built")
    assert done.returncode == 0, done.stderr
    guide = Site(new_site / "built").page("guide/")
    links = {a.get_text(): a["href"] for a in guide.select("article a") if "headerlink" not in a.get("class", [])}
    assert links == {
        "40001": "../requests/#40001",
        "the not-found code": "../requests/#40401",
        "0": "../basics/#0",
    }
    # Each leads to the code's heading on its page.
    built = Site(new_site / "built")
    for href in links.values():
        target, fragment = built.resolve(new_site / "built" / "guide" / "index.html", href)
        assert fragment in built.ids(target)


def test_a_link_to_a_code_that_does_not_exist_fails_the_strict_build(new_site: Path):
    with_autorefs(new_site)
    (new_site / "docs" / "guide.md").write_text(GUIDE + "\nAnd [40002][], which is not a code.\n")
    done = build(new_site, new_site / "built")
    assert done.returncode != 0
    assert "40002" in done.stderr and "guide.md" in done.stderr


def test_without_autorefs_a_link_to_a_missing_code_fails_the_strict_build_too(new_site: Path):
    (new_site / "docs" / "guide.md").write_text("# Handling errors\n\n[Missing](requests.md#40002)\n")
    done = build(new_site, new_site / "built")
    assert done.returncode != 0
    assert "guide.md" in done.stderr and "#40002" in done.stderr


@pytest.mark.parametrize("tooltips", [False, True], ids=["tags stripped", "escaped (content.tooltips)"])
def test_the_title_autorefs_gives_a_link_to_a_code_shows_its_message_as_text(new_site: Path, tooltips: bool):
    # autorefs writes a target's title into the link's title attribute, escaped with
    # Material's content.tooltips, its tags stripped (and unescaped) without: text either way.
    with_autorefs(new_site)
    if tooltips:
        config = new_site / "mkdocs.yml"
        config.write_text(config.read_text().replace("  features:\n", "  features:\n    - content.tooltips\n"))
    message = 'x" onmouseover="alert(1)" <img src=x onerror=alert(2)> &amp; &quot;'
    catalog = new_site / "catalog.yaml"
    catalog.write_text(catalog.read_text().replace('"PARAMETER ERROR"', json.dumps(message)), encoding="utf-8")
    done = build(new_site, new_site / "built")
    assert done.returncode == 0, done.stderr
    (link,) = Site(new_site / "built").page("guide/").select('article a[href="../requests/#40001"]')
    assert set(link.attrs) == {"class", "title", "href"}
    assert link["title"] == f"40001 {message}"


# --- older mkdocs-autorefs --------------------------------------------------------------------
# errcat reads register_anchor's signature once a build: 1.4 takes the page and a title
# (the builds above), 1.0 to 1.3 the page's URL and no title. Stand-ins with those
# signatures take the installed autorefs' place in an in-process build.


class AutorefsBefore13:
    """register_anchor as mkdocs-autorefs 1.0 to 1.2 have it."""

    def __init__(self) -> None:
        self.anchors: list[tuple[object, ...]] = []

    def register_anchor(self, page: str, identifier: str, anchor: str | None = None) -> None:
        self.anchors.append((page, identifier, anchor))


class Autorefs13(AutorefsBefore13):
    """register_anchor as mkdocs-autorefs 1.3 has it: `primary` added."""

    def register_anchor(self, page: str, identifier: str, anchor: str | None = None, *, primary: bool = True) -> None:
        self.anchors.append((page, identifier, anchor, primary))


class AutorefsWithoutAnchors(AutorefsBefore13):
    """A register_anchor errcat cannot place a code with: no anchor to give."""

    def register_anchor(self, page: str, identifier: str) -> None:  # type: ignore[override]
        self.anchors.append((page, identifier))


def build_with(site: Path, autorefs: object) -> None:
    from mkdocs.commands.build import build as build_site
    from mkdocs.config import load_config

    config = load_config(str(site / "mkdocs.yml"), site_dir=str(site / "built"))
    config.plugins["autorefs"] = autorefs  # type: ignore[assignment]
    build_site(config)


@pytest.mark.parametrize(
    ("autorefs", "registered"),
    [
        (AutorefsBefore13(), [("basics/", "0", "0"), ("requests/", "40001", "40001"), ("requests/", "40401", "40401")]),
        (
            Autorefs13(),
            [("basics/", "0", "0", True), ("requests/", "40001", "40001", True), ("requests/", "40401", "40401", True)],
        ),
    ],
    ids=["1.0-1.2", "1.3"],
)
def test_codes_are_registered_with_an_older_autorefs_by_page_url(
    new_site: Path, autorefs: AutorefsBefore13, registered: list[tuple[object, ...]]
):
    build_with(new_site, autorefs)
    assert sorted(autorefs.anchors) == registered


def test_an_autorefs_that_takes_no_anchor_is_one_line_at_config_time(new_site: Path, caplog):
    from mkdocs.exceptions import Abort

    autorefs = AutorefsWithoutAnchors()
    with pytest.raises(Abort):  # what `mkdocs build` ends with, after the one line, without a traceback
        build_with(new_site, autorefs)
    assert [record.getMessage() for record in caplog.records if record.levelname == "ERROR"] == [
        "errcat: this mkdocs-autorefs is older than errcat can work with (its register_anchor takes no anchor):"
        " install errcat[autorefs], or upgrade it: pip install 'mkdocs-autorefs>=1.0,<2'"
    ]
    assert autorefs.anchors == []
    assert not (new_site / "built").exists()  # stopped before a page was built


# --- plugins that change page content ---------------------------------------------------------

# A plugin beside errcat (here a site's hook, as glightbox, a revision date or an analytics
# snippet would be a plugin) that changes every page: inside (an attribute on the first
# heading, a wrapper around every table), except on general/, and around (a paragraph
# before, one after), in on_page_content; and again in on_page_context. Priority 50 runs
# before errcat's on_page_content and search's on_page_context; 0 and -50 run after them
# (a hook follows the plugins of its priority).
NEIGHBOUR = """\
import re

from mkdocs.plugins import event_priority


@event_priority({priority})
def on_page_content(html, page, config, files):
    if page.url != "general/":
        html = re.sub(r"<h1\\b", "<h1 data-{name}", html, count=1)
        html = re.sub(r"(<table\\b.*?</table>)", r'<div class="{name}-table">\\1</div>', html, flags=re.S)
    return '<p class="{name}-before">{name} came first</p>\\n' + html + '\\n<p class="{name}">{name} was here</p>'


@event_priority({priority})
def on_page_context(context, page, config, nav):
    page.content += '\\n<p class="{name}-context">{name} saw the context</p>'
    return context
"""
NEIGHBOURS = {"early": 50, "default": 0, "late": -50}
# errcat's pages in the scripted history's site, and the neighbours that change their first
# heading: the site's own home page that holds the table of codes, category pages, and
# /changes/. Before errcat, a category page is empty (its Markdown is only front matter):
# the early neighbour finds a heading on the site's own page only. The permanent pages
# /codes/<code>/, the page a former category id keeps and the 404 page are files and a
# template, not pages: no plugin's on_page_content sees them.
PAGES = {
    "home page": ("index.html", {"early", "default", "late"}),
    "category page": ("people/", {"default", "late"}),
    "category page added to around": ("general/", set()),
    "changes page": ("changes/", {"default", "late"}),
}


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The site with a history (test_history.py's), with three neighbours; built with every
    speed-up on, and with every speed-up off."""
    where = tmp_path_factory.mktemp("neighbours")
    project = scripted_repo(where / "repo").path
    hooks = ""
    for name, priority in NEIGHBOURS.items():
        (project / "hooks" / f"neighbour_{name}.py").write_text(
            NEIGHBOUR.format(name=name, priority=priority), encoding="utf-8"
        )
        hooks += f"  - hooks/neighbour_{name}.py\n"
    config, ours = project / "mkdocs.yml", "hooks:\n  - hooks/errcat_hook.py\n"
    text = config.read_text(encoding="utf-8")
    assert ours in text
    config.write_text(text.replace(ours, ours + hooks), encoding="utf-8")
    build_in_process(project, where / "fast", known=True)
    build_in_process(project, where / "plain", known=False)
    return where / "fast", where / "plain"


@pytest.mark.parametrize(("path", "marking"), PAGES.values(), ids=PAGES.keys())
def test_what_other_plugins_do_to_errcats_pages_is_in_the_built_page(
    sites: tuple[Path, Path], path: str, marking: set[str]
):
    article = Site(sites[0]).page(path).select_one("article")
    assert article is not None
    for name in NEIGHBOURS:
        for added in (name, f"{name}-before", f"{name}-context"):
            assert article.select_one(f"p.{added}") is not None, added
    assert article.h1 is not None
    assert {name for name in NEIGHBOURS if article.h1.has_attr(f"data-{name}")} == marking
    if path == "index.html":  # errcat's table of codes, wrapped by those after errcat
        assert article.select_one("div.default-table > div.late-table > table.errcat-index") is not None


def test_with_other_plugins_the_speedups_change_nothing_of_the_site_or_its_search_index(sites: tuple[Path, Path]):
    fast, plain = sites
    assert differing(fast, plain) == []
    # Search indexes what the neighbours added before it read the page, as on any page.
    index = json.loads((fast / "search" / "search_index.json").read_text(encoding="utf-8"))
    for page in ("", "people/", "general/"):
        text = " ".join(doc["text"] for doc in index["docs"] if doc["location"].split("#")[0] == page)
        assert "early was here" in text and "late was here" in text and "early saw the context" in text, page
