"""The speed-ups that reach into Material's and livereload's internals are on only for the
versions pinned here; anywhere else the plain path runs, and gives the same site."""

from __future__ import annotations

import filecmp
import json
import subprocess
import sys
from pathlib import Path

from errcat import read_catalog
from errcat.catalog.paths import TITLE_ID
from errcat.engines.mkdocs import speedups
from sitecheck import SEED_CATALOG, SEED_PUBLISHED, SERVE_BUILDER, make_project, mkdocs_env


def test_the_versions_the_speedups_know_are_pinned_and_installed():
    # Upgrading Material or MkDocs (requirements/site.txt) means reading their search plugin,
    # search partial and livereload server again, then adding the new version here.
    assert frozenset({"9.8.2"}) == speedups.MATERIAL_VERSIONS
    assert frozenset({"1.6.1"}) == speedups.MKDOCS_VERSIONS
    assert speedups.installed_version("mkdocs-material") in speedups.MATERIAL_VERSIONS
    assert speedups.installed_version("mkdocs") in speedups.MKDOCS_VERSIONS
    assert speedups.SearchSpeedups().enabled_here() and speedups.ServeSpeedups().enabled_here()
    assert speedups.known_search_partial()  # errcat's copy is of this Material's own partial


def build_in_process(project: Path, site_dir: Path, known: bool) -> None:
    """`mkdocs build` of `project`, with the speedups on, or as on an unknown Material."""
    script = f"""
import errcat.engines.mkdocs.speedups as speedups
if not {known!r}:
    speedups.MATERIAL_VERSIONS = frozenset()
    speedups.MKDOCS_VERSIONS = frozenset()
from mkdocs.commands.build import build
from mkdocs.config import load_config
config = load_config(config_file={str(project / "mkdocs.yml")!r}, site_dir={str(site_dir)!r}, strict=True)
config.plugins.on_startup(command="build", dirty=False)
build(config)
print("search:", config.plugins["errcat"].search.on)
"""
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=project, env=mkdocs_env(), capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert f"search: {known}" in result.stdout


def differing(left: Path, right: Path) -> list[str]:
    comparison = filecmp.dircmp(left, right)
    found = [str(Path(comparison.left, name)) for name in comparison.diff_files + comparison.left_only]
    found += [str(Path(comparison.right, name)) for name in comparison.right_only]
    for name in comparison.common_dirs:
        found += differing(left / name, right / name)
    return found


def test_without_the_speedups_the_site_and_its_search_index_are_the_same(tmp_path: Path):
    project = make_project(tmp_path / "project", SEED_CATALOG, SEED_PUBLISHED)
    build_in_process(project, tmp_path / "fast", known=True)
    build_in_process(project, tmp_path / "plain", known=False)
    assert (tmp_path / "fast" / "search" / "search_index.json").stat().st_size > 10_000
    assert differing(tmp_path / "fast", tmp_path / "plain") == []


# A build of the project in the working folder that prints, as its last line, every HTML
# text Material's search plugin parsed, and the kind of table of contents it looked each
# page's headings up in.
PARSED_BY_SEARCH = """
import json
from material.plugins.search import plugin as search
parsed, tocs = [], {}
feed, create_entry = search.Parser.feed, search.SearchIndex.create_entry_for_section
def recording(self, data):
    parsed.append(data)
    return feed(self, data)
def looking_up(self, section, toc, url, page):
    tocs.setdefault(url, set()).add(type(toc).__name__)
    return create_entry(self, section, toc, url, page)
search.Parser.feed, search.SearchIndex.create_entry_for_section = recording, looking_up
from mkdocs.commands.build import build
from mkdocs.config import load_config
config = load_config(strict=True)
config.plugins.on_startup(command="build", dirty=False)
build(config)
print(json.dumps({"parsed": parsed, "tocs": {url: sorted(kinds) for url, kinds in tocs.items()}}))
"""


# Another plugin that adds to every page, before and after its content.
AROUND = """\
def on_page_content(html, page, config, files):
    return "<p>Before.</p>\\n" + html + "\\n<p>After.</p>"
"""


def test_search_parses_a_lean_view_of_errcats_part_of_a_page_with_what_others_put_around(tmp_path: Path):
    project = make_project(tmp_path / "project", SEED_CATALOG, SEED_PUBLISHED)
    (project / "hooks" / "around.py").write_text(AROUND, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("  - hooks/errcat_hook.py\n", "  - hooks/errcat_hook.py\n  - hooks/around.py\n")
    )
    result = subprocess.run(
        [sys.executable, "-c", PARSED_BY_SEARCH],
        cwd=project,
        env=mkdocs_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.splitlines()[-1])
    catalog, _ = read_catalog(project / "catalog.yaml")
    assert catalog is not None
    categories = [html for html in seen["parsed"] if f'<h1 id="{TITLE_ID}">' in html]
    assert len(categories) == len(catalog.categories)
    assert all(html.startswith("<p>Before.</p>") and html.endswith("<p>After.</p>") for html in categories)
    # Without what search leaves out: permalinks, the parts marked data-search-exclude, and
    # the home page's table of codes.
    assert not [html for html in categories if "headerlink" in html or "data-search-exclude" in html]
    assert not [html for html in seen["parsed"] if 'class="errcat-index' in html]
    # Each heading looked up in one step, in a table of contents in document order.
    kinds = {kind for category in catalog.categories for kind in seen["tocs"][f"{category.id}/"]}
    assert kinds == {"_InDocumentOrder"}


def test_without_the_serve_speedups_the_permanent_pages_are_written_at_each_build(tmp_path: Path):
    project = make_project(tmp_path / "project", SEED_CATALOG, SEED_PUBLISHED)
    for known in (True, False):
        patch = "" if known else "import errcat.engines.mkdocs.speedups as s; s.MKDOCS_VERSIONS = frozenset()\n"
        script = patch + SERVE_BUILDER + "built(startup=True)\nprint('SITE', site_dir)\n"
        result = subprocess.run(
            [sys.executable, "-c", script], cwd=project, env=mkdocs_env(), capture_output=True, text=True, timeout=300
        )
        assert result.returncode == 0, result.stderr
        site_dir = Path(result.stdout.split("SITE ")[-1].strip())
        # Known: served from memory by the wired-up server. Unknown: on disk, as a build writes them.
        assert (site_dir / "codes" / "70093" / "index.html").exists() is not known
