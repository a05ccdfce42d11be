"""`mkdocs serve` rebuilds when catalog.yaml changes and keeps the last good site on errors."""

from __future__ import annotations

import json
import queue
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest

from errcat import site_paths_of
from errcat.catalog.paths import SITE_NAMES
from sitecheck import (
    MKDOCS,
    SEED_CATALOG,
    SEED_PUBLISHED,
    SERVE_BUILDER,
    SERVE_URL,
    build,
    make_project,
    mkdocs_env,
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, project, port: int) -> None:
        self.port = port
        self.process = subprocess.Popen(
            [*MKDOCS, "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            env=mkdocs_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line)

    def wait_for(self, text: str, timeout: float = 60) -> list[str]:
        """Lines printed until one contains `text`."""
        seen, deadline = [], time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                continue
            seen.append(line)
            if text in line:
                return seen
        raise AssertionError(f"{text!r} not printed within {timeout}s; got:\n{''.join(seen)}")

    def start(self) -> None:
        # MkDocs serves under site_url's path, and says where.
        line = self.wait_for("Serving on")[-1]
        self.base = line.split("Serving on ", 1)[1].strip().rstrip("/")

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.base + path, timeout=10) as response:
            return response.read().decode()

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)

    def wait_for_page(self, path: str, text: str, timeout: float = 60) -> None:
        """MkDocs drops a log line identical to an earlier one ("Documentation built in
        0.61 seconds" may repeat), so watch the page, as the user does."""
        deadline = time.monotonic() + timeout
        while text not in self.get(path):
            assert time.monotonic() < deadline, f"{text!r} did not appear at {path} within {timeout} s"
            time.sleep(0.2)


@pytest.fixture
def server(tmp_path):
    """`mkdocs serve` of a copy of the project with the frozen seed catalog."""
    root = make_project(tmp_path / "project", SEED_CATALOG, SEED_PUBLISHED)
    # The copy's own schema (a site's `schema` option), so that a test can edit it.
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("  - errcat:\n", "  - errcat:\n      schema: hooks/errcat/catalog.schema.json\n")
    )
    assert "schema: hooks/errcat/catalog.schema.json" in config.read_text()
    server = Server(root, free_port())
    server.root = root
    try:
        server.start()
        yield server
    finally:
        server.stop()


def save(path, text: str) -> None:
    time.sleep(1.1)  # a new modification time
    path.write_text(text, encoding="utf-8")


def test_editing_the_catalog_rebuilds_and_a_broken_edit_keeps_the_last_good_site(server):
    catalog = server.root / "catalog.yaml"
    assert "PHONEBOOK_NOT_EXISTED" in server.get("/contacts/")

    good = catalog.read_text()
    # Two problems at once: a typo'd key and a duplicate code.
    broken = good.replace("message: PHONEBOOK_NOT_EXISTED", "mesage: PHONEBOOK_NOT_EXISTED").replace(
        "code: 70128", "code: 70093"
    )
    save(catalog, broken)
    output = "".join(server.wait_for("still serving the last good build"))
    assert "unknown field 'mesage' in code 70093; did you mean 'message'?" in output
    assert "duplicate code 70093 (first defined at catalog.yaml:" in output
    assert "Traceback" not in output
    assert "PHONEBOOK_NOT_EXISTED" in server.get("/contacts/")  # the last good build

    # The same mistake saved again is reported again (MkDocs hides repeated lines).
    save(catalog, broken + "\n")
    output = "".join(server.wait_for("still serving the last good build"))
    assert "unknown field 'mesage' in code 70093" in output

    catalog.write_text(good.replace("The phonebook does not exist.", "The phonebook is gone."))
    server.wait_for_page("/contacts/", "The phonebook is gone.")


def test_a_category_that_takes_a_page_of_the_site_is_reported_like_any_problem(server):
    catalog = server.root / "catalog.yaml"
    good = catalog.read_text()
    line = good.splitlines().index("  - id: contacts") + 1
    save(catalog, good.replace("  - id: contacts\n", "  - id: using\n"))
    output = "".join(server.wait_for("still serving the last good build"))
    assert (
        f"catalog.yaml:{line}: category id 'using' is taken by the site's own pages"
        f" ({', '.join(sorted(site_paths_of(server.root / 'docs') | SITE_NAMES))}); choose another id"
    ) in output
    assert "Traceback" not in output and "appear stuck" not in output
    assert "Using this reference" in server.get("/using/")  # the hand-written page, still served
    save(catalog, good.replace("The phonebook does not exist.", "The phonebook is gone."))
    server.wait_for_page("/contacts/", "The phonebook is gone.")


def test_an_edit_to_the_schema_is_used_by_the_next_rebuild(server):
    schema = server.root / "hooks" / "errcat" / "catalog.schema.json"
    good = schema.read_text()
    stricter = good.replace(
        '"text": {\n      "type": "string",', '"text": {\n      "type": "string",\n      "maxLength": 30,'
    )
    assert stricter != good
    save(schema, stricter)
    output = "".join(server.wait_for("still serving the last good build"))
    assert (
        "'message' of code 70536 'RESPONSE_ERRCODE_LANGUAGE_NOT_EXISTED' has 37 characters; at most 30 are allowed"
        in output
    )
    save(schema, good)
    save(
        server.root / "catalog.yaml",
        (server.root / "catalog.yaml").read_text().replace("The phonebook does not exist.", "The phonebook is gone."),
    )
    server.wait_for_page("/contacts/", "The phonebook is gone.")


def test_permanent_pages_are_served_from_the_last_good_build(server):
    """Under serve, /codes/<code>/ is served from memory, not written at each rebuild."""
    page = server.get("/codes/70093/")
    assert "<title>Error 70093 PHONEBOOK_NOT_EXISTED</title>" in page
    assert '<meta http-equiv="refresh" content="0; url=../../contacts/#70093">' in page
    assert server.get("/codes/70093/index.html") == page
    assert server.get("/codes/70093") == page  # redirected to the folder, as a static server does
    with pytest.raises(urllib.error.HTTPError) as missing:
        server.get("/codes/424242/")
    assert missing.value.code == 404
    assert "Using this reference" in server.get("/using/")  # everything else as before

    catalog = server.root / "catalog.yaml"
    good = catalog.read_text()
    edited = good.replace(
        "code: 70093\n        message: PHONEBOOK_NOT_EXISTED\n", "code: 70093\n        message: PHONEBOOK_GONE\n"
    )
    assert edited != good
    save(catalog, edited)
    server.wait_for_page("/codes/70093/", "<title>Error 70093 PHONEBOOK_GONE</title>")
    save(catalog, edited.replace("mesage", "x").replace("    title: Contacts and phonebooks", "    titel: Contacts"))
    server.wait_for("still serving the last good build")
    assert "<title>Error 70093 PHONEBOOK_GONE</title>" in server.get("/codes/70093/")


# What `mkdocs serve` does on a change (its builder loads the config afresh and builds, in
# one long-lived process): a first build, an edit, a rebuild. Prints the rebuild's search
# index, and how many pages the search plugin parsed in it.
SERVE_REBUILD = (
    SERVE_BUILDER
    + """
import json, sys
from pathlib import Path
from material.plugins.search import plugin as search
parsed = []
feed = search.Parser.feed
def counting(self, data):
    parsed.append(1)
    return feed(self, data)
search.Parser.feed = counting
built(startup=True)
catalog = Path("catalog.yaml")
catalog.write_text(catalog.read_text().replace(sys.argv[1], sys.argv[2]))
parsed.clear()
built()
index = json.loads((Path(site_dir) / "search" / "search_index.json").read_text())
print(json.dumps({"parsed": len(parsed), "index": index}))
"""
)


def test_a_rebuild_reuses_the_search_entries_of_unchanged_pages_and_gives_a_fresh_builds_index(tmp_path):
    project = make_project(tmp_path / "project", SEED_CATALOG, SEED_PUBLISHED)
    old, new = "The phonebook does not exist.", "The phonebook is gone."
    result = subprocess.run(
        [sys.executable, "-c", SERVE_REBUILD, old, new],
        cwd=project,
        env=mkdocs_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    rebuilt = json.loads(result.stdout.strip().splitlines()[-1])
    fresh_site = tmp_path / "fresh"
    assert build(project, fresh_site, SITE_URL=SERVE_URL).returncode == 0  # the edited catalog, built afresh
    fresh = json.loads((fresh_site / "search" / "search_index.json").read_text())
    assert rebuilt["index"] == fresh
    assert any(new in doc["text"] for doc in fresh["docs"])
    # Parsed again: the changed category page and the hand-written pages; not the other
    # ten category pages.
    hand_written = len(list((project / "docs").glob("*.md")))
    assert rebuilt["parsed"] == hand_written + 1
