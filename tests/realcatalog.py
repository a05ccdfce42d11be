"""The tests that read the repository's own catalog, marked `real_catalog`, and a guard that
keeps the mark true.

A contributor's pull request changes catalog.yaml and published-codes.txt; the tests that
read them are the ones that pull request can break, so the contributor flows
(tests/test_flows.py) run exactly these after each flow: `pytest -m real_catalog`. A test
is marked when it uses a fixture of the real project (`catalog`, `site`,
`real_base_url`) or says so with `@pytest.mark.real_catalog`.

The guard makes a missing mark an error rather than a gap: while tests run, an audit hook
watches every file opened and every process started by this one, and a test (or a
module, at import) that is not marked and opens the real catalog or record, or starts a
process in the repository's folder (a build of the real site, git on its history),
fails at once, with what it read and how to mark it. Loaded by conftest.py.
"""

from __future__ import annotations

import itertools
import os
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from sitecheck import ROOT

MARK = "real_catalog"
# The fixtures that give a test the real project, and the modules that define them (a
# module may define a fixture of the same name for a project of its own).
REAL_FIXTURES = {"catalog": "conftest", "site": "conftest", "real_base_url": "browser_fixtures"}
_WATCHED = frozenset(
    os.path.join(folder, name)
    for folder in {str(ROOT), os.path.realpath(ROOT)}
    for name in ("catalog.yaml", "published-codes.txt")
)
_ROOTS = frozenset({str(ROOT), os.path.realpath(ROOT)})


class RealCatalogRead(Exception):
    """A test reads the real catalog without the mark that makes the contributor flows run it."""


class _Guard:
    def __init__(self) -> None:
        self.item: pytest.Item | None = None  # the test running now; None while modules are imported
        self.marked = False
        self.active = False

    def audit(self, event: str, args: tuple[Any, ...]) -> None:
        if not self.active or self.marked or event not in ("open", "subprocess.Popen"):
            return
        if event == "open":
            path = args[0]
            if isinstance(path, int) or path is None:
                return
            what = os.path.abspath(os.fsdecode(path))
            if what not in _WATCHED:
                return
            read = f"opens {os.path.relpath(what, ROOT)}"
        else:
            # (executable, args, cwd, env): a process in the repository's folder, or git
            # pointed at it, or mkdocs or errcat started from it (their default is the real project).
            command = [os.fsdecode(part) for part in (args[1] if isinstance(args[1], list | tuple) else [args[1]])]
            cwd = os.path.abspath(os.fsdecode(args[2])) if args[2] is not None else None
            pointed = any(
                flag == "-C" and os.path.abspath(folder) in _ROOTS for flag, folder in itertools.pairwise(command)
            )
            program = os.path.basename(command[0]) if command else ""
            module = command[2] if len(command) > 2 and command[1] == "-m" else ""
            started_here = cwd is None and os.getcwd() in _ROOTS and {program, module} & {"mkdocs", "errcat"}
            if cwd not in _ROOTS and not pointed and not started_here:
                return
            read = f"runs {' '.join(command)[:80]!r} on the repository's folder"
        self.active = False  # what follows (the report) must not trip the guard itself
        try:
            who = self.item.nodeid if self.item else "a test module, as it is imported,"
        finally:
            self.active = True
        if os.environ.get("ERRCAT_GUARD_REPORT"):
            with open(os.environ["ERRCAT_GUARD_REPORT"], "a") as report:
                report.write(f"{who} {read}\n")
            return
        raise RealCatalogRead(
            f"{who} {read}: a test that reads the real catalog must be marked, so that the contributor flows"
            f" run it: use the fixture `catalog` or `site`, or add @pytest.mark.{MARK} (module: pytestmark);"
            " read it inside the test, never at import"
        )


_guard = _Guard()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{MARK}: reads the repository's own catalog.yaml or published-codes.txt; run again by the contributor flows",
    )
    if not getattr(sys, "_errcat_guard", False):
        sys.addaudithook(_guard.audit)  # an audit hook cannot be removed: installed once a process
        sys._errcat_guard = True  # type: ignore[attr-defined]
    _guard.active = True


def pytest_unconfigure(config: pytest.Config) -> None:
    _guard.active = False


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        definitions = getattr(getattr(item, "_fixtureinfo", None), "name2fixturedefs", {})
        for name, module in REAL_FIXTURES.items():
            found = definitions.get(name)
            if found and found[-1].func.__module__ == module:
                item.add_marker(MARK)
                break


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    _guard.item, _guard.marked = item, item.get_closest_marker(MARK) is not None
    try:
        return (yield)
    finally:
        _guard.item, _guard.marked = None, False
