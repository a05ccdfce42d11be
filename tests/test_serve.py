"""`mkdocs serve` rebuilds when catalog.yaml changes and keeps the last good site on errors."""

from __future__ import annotations

import queue
import socket
import subprocess
import threading
import time
import urllib.request

from sitecheck import MKDOCS, mkdocs_env


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


def test_editing_the_catalog_rebuilds_and_a_broken_edit_keeps_the_last_good_site(project):
    root = project()
    catalog = root / "catalog.yaml"
    server = Server(root, free_port())
    try:
        server.start()
        assert "PHONEBOOK_NOT_EXISTED" in server.get("/contacts/")

        good = catalog.read_text()
        # Two problems at once: a typo'd key and a duplicate code.
        broken = good.replace("message: PHONEBOOK_NOT_EXISTED", "mesage: PHONEBOOK_NOT_EXISTED").replace(
            "code: 70128", "code: 70093"
        )
        time.sleep(1.1)  # a new modification time
        catalog.write_text(broken)
        output = "".join(server.wait_for("still serving the last good build"))
        assert "unknown field 'mesage' in code 70093; did you mean 'message'?" in output
        assert "duplicate code 70093 (first defined at catalog.yaml:" in output
        assert "Traceback" not in output
        assert "PHONEBOOK_NOT_EXISTED" in server.get("/contacts/")  # the last good build

        # The same mistake saved again is reported again (MkDocs hides repeated lines).
        time.sleep(1.1)
        catalog.write_text(broken + "\n")
        output = "".join(server.wait_for("still serving the last good build"))
        assert "unknown field 'mesage' in code 70093" in output

        catalog.write_text(good.replace("The phonebook does not exist.", "The phonebook is gone."))
        # MkDocs drops a log line identical to an earlier one ("Documentation built in
        # 0.61 seconds" may repeat), so watch the page, as the user does.
        deadline = time.monotonic() + 60
        while "The phonebook is gone." not in server.get("/contacts/"):
            assert time.monotonic() < deadline, "the fixed catalog was not rebuilt within 60 s"
            time.sleep(0.2)
    finally:
        server.stop()
