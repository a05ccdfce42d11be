"""`errcat build --engine zensical` and `errcat serve --engine zensical`: the site staged for
Zensical (stage.py), then Zensical's own command line on it.

Zensical is run, never imported (it releases weekly; its command line and mkdocs.yml are
what it documents): `python -m zensical` of this Python, else a `zensical` on the PATH.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import FrameType
from typing import IO

from ...commands.siteconfig import ConfigError
from .stage import Stage

POLL = 0.3  # seconds between two looks at the site's inputs under `serve`
Steps = dict[str, float]
TESTED = "0.0.73"  # the Zensical docs/engines.md names, and the tests run


def zensical_command() -> list[str] | None:
    """How to run Zensical here: this Python's module, else the command on the PATH."""
    if importlib.util.find_spec("zensical") is not None:
        return [sys.executable, "-m", "zensical"]
    found = shutil.which("zensical")
    return [found] if found else None


def build(config_file: Path, strict: bool = False) -> int:
    """Build the site into its site_dir with Zensical; 1 (and nothing built) on any problem."""
    started = _staged(config_file, "build")
    if started is None:
        return 1
    command, stage = started
    try:
        return build_staged(stage, [*command, "build", "-f", str(stage.config_path), *(["--strict"] if strict else [])])
    except ConfigError as error:
        print(f"errcat: {error}", file=sys.stderr)
        return 1


def build_staged(stage: Stage, arguments: list[str], output: IO[str] | None = None, steps: Steps | None = None) -> int:
    """Zensical's build of the staged site (`arguments`, its output to `output` or the terminal),
    the permanent pages rendered and compared meanwhile, then, if it succeeded, its output and
    the pages that changed written into site_dir: the exit status. `steps` gets the seconds of
    each: `zensical` (with the permanent pages compared beside it) and `publish`."""
    start = time.perf_counter()
    process = subprocess.Popen(arguments, cwd=stage.root, stdout=output, stderr=output)
    try:
        stage.compare_permanent()
    except BaseException:
        process.kill()
        process.wait()
        raise
    if process.wait() != 0:
        return process.returncode
    built = time.perf_counter()
    stage.publish()
    if steps is not None:
        steps.update(zensical=built - start, publish=time.perf_counter() - built)
    return 0


def serve(config_file: Path, dev_addr: str | None = None) -> int:
    """Serve the site with Zensical while it is written: the catalog, its record, its schema,
    mkdocs.yml and the docs are watched, and each change is staged again (Zensical rebuilds
    from the staged docs). A catalog with problems is reported and the last good one stays served."""
    started = _staged(config_file, "serve")
    if started is None:
        return 1
    command, stage = started
    arguments = [*command, "serve", "-f", str(stage.config_path), *(["--dev-addr", dev_addr] if dev_addr else [])]
    server = subprocess.Popen(arguments, cwd=stage.root)
    signal.signal(signal.SIGTERM, _stop)
    try:
        seen = _state(stage.inputs)
        while server.poll() is None:
            time.sleep(POLL)
            now = _state(stage.inputs)
            if now == seen:
                continue
            seen = now
            try:
                staged = stage.update()
            except OSError as error:  # a file gone between two steps (an editor's save): the next look stages again
                print(f"errcat: staging again: {error}", file=sys.stderr, flush=True)
                seen = frozenset()
                continue
            if staged.report is not None:
                print(staged.report, file=sys.stderr, flush=True)
            seen = _state(stage.inputs)
        return server.returncode
    except KeyboardInterrupt:
        return 0
    finally:
        if server.poll() is None:
            server.terminate()
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()


def _staged(config_file: Path, purpose: str) -> tuple[list[str], Stage] | None:
    """How to run Zensical, and the site staged for `purpose` (what its first update notes
    printed, once); None (and what is wrong, printed) without Zensical or where the site
    cannot be staged. A Zensical of another Python than this one (on the PATH) cannot
    import errcat's Markdown extension."""
    command = zensical_command()
    if command is None:
        print(f"errcat: Zensical is not installed here: pip install zensical=={TESTED}", file=sys.stderr)
        return None
    try:
        stage = Stage(config_file, purpose, extension=command[0] == sys.executable)
    except ConfigError as error:
        print(f"errcat: {error}", file=sys.stderr)
        return None
    staged = stage.update()
    if staged.report is not None:
        print(staged.report, file=sys.stderr)
        return None
    for note in staged.notes:
        print(f"errcat: {note}", file=sys.stderr)
    return command, stage


def _stop(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _state(paths: list[Path]) -> frozenset[tuple[str, int, int]]:
    """Every file of `paths` (files, folders) with its time of change and size."""
    found: set[tuple[str, int, int]] = set()
    for path in paths:
        if path.is_dir():
            for directory, _, files in os.walk(path):
                for name in files:
                    _add_state(found, os.path.join(directory, name))
        else:
            _add_state(found, str(path))
    return frozenset(found)


def _add_state(found: set[tuple[str, int, int]], path: str) -> None:
    try:
        status = os.stat(path)
    except OSError:
        return
    found.add((path, status.st_mtime_ns, status.st_size))
