"""Helpers the tests share: build a project like a user would, and read the built HTML."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
MKDOCS = [sys.executable, "-m", "mkdocs"]
ERRCAT = [sys.executable, "-m", "errcat"]
# What a project needs besides catalog.yaml and published-codes.txt, copied for builds
# of other catalogs.
PROJECT_PARTS = ("mkdocs.yml", "docs", "hooks", "overrides")
# What errcat's package is built from (its source distribution holds these, and
# tests/test_install.py checks that it holds nothing else).
PACKAGE_PARTS = ("pyproject.toml", "MANIFEST.in", "PYPI.md", "LICENSE", "CHANGELOG.md", "hooks")
# The catalog as first published, frozen: what rendering and browser tests build, so
# that a pull request that changes the real catalog never breaks them.
SEED_PROJECT = ROOT / "tests" / "fixtures" / "seed"
SEED_CATALOG = (SEED_PROJECT / "catalog.yaml").read_text(encoding="utf-8")
SEED_PUBLISHED = (SEED_PROJECT / "published-codes.txt").read_text(encoding="utf-8")


# What `mkdocs serve` does on each change (mkdocs/commands/serve.py): its builder loads
# the config afresh and builds into one temporary folder, in the one long-lived process,
# so the hook's module and its caches live from one build to the next. A script that
# starts with this calls `built(startup=True)` first, then `built()` after each change;
# each returns the build's seconds. The site is built for SERVE_URL.
SERVE_URL = "http://127.0.0.1:8000/error-codes/"
SERVE_BUILDER = f"""
import tempfile, time
from mkdocs.commands.build import build
from mkdocs.config import load_config
site_dir = tempfile.mkdtemp(prefix="errcat-serve-")
serve_url = {SERVE_URL!r}
def built(startup=False):
    config = load_config(site_dir=site_dir)
    if startup:
        config.plugins.on_startup(command="serve", dirty=False)
    config.site_url = serve_url
    built.config = config  # for what the build's plugins kept
    start = time.perf_counter()
    build(config, serve_url=serve_url)
    return time.perf_counter() - start
"""


def make_project(where: Path, catalog_text: str | None = None, published_text: str | None = None) -> Path:
    """A copy of this project in `where`.

    With `catalog_text`, that is its catalog, and its published record is
    `published_text` or, if not given, a record of exactly the catalog's codes where
    they are. Without, the real catalog and record are copied.
    """
    where.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, where / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, where / part)
    if catalog_text is None:
        shutil.copy2(ROOT / "catalog.yaml", where / "catalog.yaml")
        shutil.copy2(ROOT / "published-codes.txt", where / "published-codes.txt")
        return where
    (where / "catalog.yaml").write_text(catalog_text, encoding="utf-8")
    if published_text is None:
        published_text = record_of(where / "catalog.yaml")
    (where / "published-codes.txt").write_text(published_text, encoding="utf-8")
    return where


def copy_package_source(where: Path) -> Path:
    """A copy of errcat's package source in `where`, to install from: pip builds in the
    folder it is given, and would leave build/ in the checkout."""
    where.mkdir(parents=True, exist_ok=True)
    for part in PACKAGE_PARTS:
        if (ROOT / part).is_dir():
            shutil.copytree(ROOT / part, where / part, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(ROOT / part, where / part)
    return where


def record_of(catalog_path: Path) -> str:
    """A published record of a catalog's codes: where they are now, and every place the
    catalog says they were published before (moved_from, former_ids); empty if it does not load."""
    from errcat import read_catalog
    from errcat.catalog.model import former_categories

    catalog, _ = read_catalog(catalog_path)
    lines = [
        f"{error.code} {place}\n"
        for category, error in (catalog.codes() if catalog else [])
        for place in (category.id, *former_categories(category, error))
    ]
    return "# published-codes.txt of a test project\n" + "".join(lines)


def errcat_check(project: Path) -> subprocess.CompletedProcess[str]:
    """`python -m errcat check`, as a contributor runs it in the project."""
    return subprocess.run(
        [*ERRCAT, "check"], cwd=project, env=mkdocs_env(), capture_output=True, text=True, timeout=120
    )


def mkdocs_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true", PYTHONDONTWRITEBYTECODE="1")
    env.update(extra)
    return env


def build(
    project: Path, site_dir: Path, python: str | Path = sys.executable, **env: str
) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` as a contributor runs it (never with -v: it skips link checks),
    with the MkDocs of `python`'s environment (the suite's own by default)."""
    if os.environ.get("ERRCAT_COUNT_BUILDS"):
        with open(os.environ["ERRCAT_COUNT_BUILDS"], "a") as log:
            log.write(os.environ.get("PYTEST_CURRENT_TEST", "?").split(" ")[0] + "\n")
    return subprocess.run(
        [str(python), "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        env=mkdocs_env(**env),
        capture_output=True,
        text=True,
        timeout=600,
    )


def built_site(project: Path, site_dir: Path | None = None, python: str | Path = sys.executable, **env: str) -> Site:
    """`project` built with `mkdocs build --strict` (into project/../site by default), as a Site."""
    site_dir = site_dir or project.parent / "site"
    result = build(project, site_dir, python, **env)
    assert result.returncode == 0, result.stderr
    return Site(site_dir)


@dataclass
class Site:
    """A built site on disk, with parsed pages cached."""

    root: Path

    def __post_init__(self) -> None:
        self._pages: dict[Path, BeautifulSoup] = {}

    def html_files(self) -> list[Path]:
        return sorted(self.root.rglob("*.html"))

    def page(self, relative: str | Path) -> BeautifulSoup:
        path = self.root / relative
        if path.is_dir() or str(relative).endswith("/"):
            path = path / "index.html"
        if path not in self._pages:
            self._pages[path] = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        return self._pages[path]

    def resolve(self, page_file: Path, href: str, base_path: str = "/") -> tuple[Path, str] | None:
        """The file and fragment an internal href of `page_file` points to; None if external."""
        parts = urlsplit(href)
        if parts.scheme or parts.netloc:
            return None
        if parts.path.startswith("/"):
            # Absolute paths (404.html uses them) start with site_url's path.
            assert parts.path.startswith(base_path), f"{href} is outside the site ({base_path})"
            target = self.root / unquote(parts.path[len(base_path) :])
        elif parts.path:
            target = page_file.parent / unquote(parts.path)
        else:
            target = page_file
        target = Path(os.path.normpath(target))
        if target.is_dir():
            target = target / "index.html"
        return target, unquote(parts.fragment)

    def check_links(self, base_path: str) -> tuple[int, list[str]]:
        """Every internal link, script, style sheet and image of every page, resolved: how
        many were checked, and each that leads to no file or no id, as `page: link`."""
        checked, broken = 0, []
        for path in self.html_files():
            page = self.page(path.relative_to(self.root))
            for element in page.find_all(["a", "link", "script", "img"]):
                url = element.get("href") or element.get("src")
                if not url or url.startswith(("mailto:", "data:")):
                    continue
                where = f"{path.relative_to(self.root)}: {url}"
                try:
                    resolved = self.resolve(path, url, base_path=base_path)
                except AssertionError:
                    broken.append(f"{where} (outside the site)")
                    continue
                if resolved is None:
                    continue
                target, fragment = resolved
                if not target.is_file() or not target.resolve().is_relative_to(self.root.resolve()):
                    broken.append(where)
                elif fragment and target.suffix == ".html" and fragment not in self.ids(target):
                    broken.append(f"{where} (no id {fragment})")
                checked += 1
        return checked, broken

    def ids(self, page_file: Path) -> list[str]:
        return [element["id"] for element in self.page(page_file.relative_to(self.root)).find_all(id=True)]
