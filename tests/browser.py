"""Serve a built site on 127.0.0.1 and drive Debian's Chromium through Playwright."""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
# As the machine's own probe starts it: no sandbox as root, and none of the background
# services that would try to reach Google.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BASE_PATH = "/error-codes/"  # site_url's path, as on GitHub Pages
ROOT = Path(__file__).resolve().parents[1]
# axe-core, installed by scripts/test (pinned there) into an ignored folder.
AXE = ROOT / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
# What the browser suite keeps for a reviewer to look at, on every run.
OUTPUT = ROOT / "test-output"


def require_chromium() -> None:
    """Skip when no browser is installed, except under CI, where that is a failure."""
    if CHROMIUM.exists():
        return
    message = f"no Chromium at {CHROMIUM}: install Debian's chromium (apt-get install chromium) to run browser tests"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


def require_axe() -> Path:
    """axe-core's script; a skip locally when it is not installed, a failure under CI."""
    if AXE.exists():
        return AXE
    message = f"no axe-core at {AXE}: scripts/test installs it with npm"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files under BASE_PATH, and 404.html for anything missing (as GitHub Pages)."""

    def translate_path(self, path: str) -> str:
        path = path.split("?", 1)[0].split("#", 1)[0]
        path = "/" + path[len(BASE_PATH) :] if path.startswith(BASE_PATH) else "/__outside_the_site__"
        return super().translate_path(path)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(site_dir: Path, build: Callable[[str], None] | None = None) -> Iterator[str]:
    """Serve `site_dir` on 127.0.0.1 only; yields the site's base URL.

    With `build`, the site is first built for that URL: Material's instant navigation
    only takes links that match the sitemap, whose addresses come from site_url.
    """
    handler = functools.partial(_SiteHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base_url = f"http://127.0.0.1:{server.server_address[1]}{BASE_PATH}"
    if build is not None:
        build(base_url)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base_url
    finally:
        server.shutdown()
        server.server_close()


# --- what the browser tests ask of a page ---------------------------------------------------


def settled(page) -> None:
    """Once the index table has every row it is to show: while typing, the rows past the
    screen come a frame later, and the table body is aria-busy until they have."""
    page.wait_for_selector("table.errcat-index tbody:not([aria-busy])", state="attached")


def visible_codes(page) -> list[str]:
    """The codes of the index table's rows that show, in order (once they all have)."""
    settled(page)
    codes: list[str] = page.eval_on_selector_all(
        "table.errcat-index tbody tr:not([hidden])", "rows => rows.map(r => r.cells[0].textContent.trim())"
    )
    return codes


def open_search(page, base_url: str):
    """Material's search box on the home page, once its index has loaded."""
    page.goto(base_url)
    box = page.locator("input.md-search__input")
    box.click()
    # Material drops a query typed before its search index has loaded.
    page.wait_for_function(
        "document.querySelector('.md-search-result__meta').textContent.trim() !== 'Initializing search'"
    )
    return box


def assert_404_says(page, base_url: str, watch, path: str, says: str, link: str) -> None:
    """The 404 page at `path` says whether the code in it exists, and links there (or to the index)."""
    watch.expected_404s.add(base_url + path)
    response = page.goto(base_url + path)
    assert response.status == 404
    slot = page.locator(".errcat-404-code")
    slot.wait_for()
    assert slot.inner_text().startswith(says)
    assert slot.locator("a").evaluate("a => a.href") == base_url + link
