"""errcat beside the plugins a documentation site already has: links to codes from anywhere
on the site through mkdocs-autorefs, and a link to a code that does not exist fails the build."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from sitecheck import ERRCAT, Site, build, mkdocs_env

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
