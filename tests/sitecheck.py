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
# What a project needs besides catalog.yaml, copied for builds of other catalogs.
PROJECT_PARTS = ("mkdocs.yml", "docs", "hooks", "schema", "overrides")


def make_project(where: Path, catalog_text: str | None = None) -> Path:
    """A copy of this project in `where`, with `catalog_text` as its catalog if given."""
    where.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, where / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, where / part)
    text = catalog_text if catalog_text is not None else (ROOT / "catalog.yaml").read_text(encoding="utf-8")
    (where / "catalog.yaml").write_text(text, encoding="utf-8")
    return where


def mkdocs_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    env.update(extra)
    return env


def build(project: Path, site_dir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` as a contributor runs it (never with -v: it skips link checks)."""
    return subprocess.run(
        [*MKDOCS, "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        env=mkdocs_env(**env),
        capture_output=True,
        text=True,
        timeout=600,
    )


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
            target = self.root / unquote(parts.path[len(base_path):])
        elif parts.path:
            target = page_file.parent / unquote(parts.path)
        else:
            target = page_file
        target = Path(os.path.normpath(target))
        if target.is_dir():
            target = target / "index.html"
        return target, unquote(parts.fragment)

    def ids(self, page_file: Path) -> list[str]:
        return [element["id"] for element in self.page(page_file.relative_to(self.root)).find_all(id=True)]
