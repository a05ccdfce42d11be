"""Browser fixtures shared by the browser tests: sites built and served on 127.0.0.1,
Debian's Chromium through Playwright, and a watch on every page a test opens.

Loaded for every test module by conftest.py (pytest_plugins).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from browser import CHROMIUM, CHROMIUM_ARGS, require_chromium, serve
from sitecheck import ROOT, SEED_CATALOG, SEED_PROJECT, SEED_PUBLISHED, Site, built_site, make_project


@pytest.fixture(scope="session")
def local_site(tmp_path_factory) -> Site:
    return Site(tmp_path_factory.mktemp("local-site"))


@contextmanager
def served(project: Path, site_dir: Path) -> Iterator[str]:
    """`project` built for, and served at, a 127.0.0.1 address; yields the site's URL."""

    def build_for(url: str) -> None:
        built_site(project, site_dir, SITE_URL=url)

    with serve(site_dir, build_for) as url:
        yield url


@pytest.fixture(scope="session")
def seed_catalog():
    """The frozen seed catalog, which `base_url` serves."""
    from errcat import read_catalog

    seed, problems = read_catalog(SEED_PROJECT / "catalog.yaml")
    assert seed is not None, problems
    return seed


@pytest.fixture(scope="session")
def base_url(local_site: Site, tmp_path_factory) -> str:
    """The project with the frozen seed catalog."""
    project = make_project(tmp_path_factory.mktemp("seed") / "project", SEED_CATALOG, SEED_PUBLISHED)
    with served(project, local_site.root) as url:
        yield url


@pytest.fixture(scope="session")
def real_base_url(tmp_path_factory) -> str:
    """The real project, for invariants that hold whatever its catalog says."""
    with served(ROOT, tmp_path_factory.mktemp("real-site")) as url:
        yield url


@pytest.fixture(scope="session")
def chromium():
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Watch:
    """What a page does that fails a test: console errors, uncaught exceptions, and
    requests that leave 127.0.0.1 (the tests serve several sites there, on several ports)."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.expected_404s: set[str] = set()
        self.foreign: list[str] = []
        self.documents = 0

    def attach(self, page) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))
        page.on("request", self._request)

    def _console(self, message) -> None:
        if message.type != "error":
            return
        # Chromium logs the 404 status of a page that a test opens knowing it is missing.
        if message.location.get("url") in self.expected_404s and "404" in message.text:
            return
        self.errors.append(f"console: {message.text} ({message.location.get('url')})")

    def _request(self, request) -> None:
        if request.resource_type == "document":
            self.documents += 1
        if not re.match(r"(http://127\.0\.0\.1:\d+/|data:|blob:)", request.url):
            self.foreign.append(request.url)


@pytest.fixture
def watch():
    return Watch()


@pytest.fixture
def context(chromium, watch):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    context.on("page", watch.attach)
    yield context
    context.close()
    assert watch.foreign == [], "requests that left 127.0.0.1"
    assert watch.errors == [], "errors in the browser console"


@pytest.fixture
def page(context):
    return context.new_page()  # watched: the context attaches the watch to every new page


BIG_CATALOG = "categories:\n  - id: big\n    title: Big\n    codes:\n" + "".join(
    f"      - code: {50000 + i}\n        message: BIG CODE {i}\n        description: Number {i}\n" for i in range(250)
)


@pytest.fixture(scope="session")
def big_base_url(tmp_path_factory):
    """A site of 250 codes: a long table, of which the filter shows 50 rows at once."""
    project = make_project(tmp_path_factory.mktemp("big") / "project", BIG_CATALOG)
    with served(project, project.parent / "site") as url:
        yield url
