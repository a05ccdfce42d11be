"""Files errcat writes into a built site itself: the permanent pages, /codes/<code>/.

Ten thousand codes are ten thousand folders. A site generator empties its output folder
before each build, and making those folders again where they were just deleted is most
of what a second `mkdocs build` costs: so the folder is set aside before the generator
empties the site (one rename, to a hidden name it leaves alone), put back after, and only
the pages that changed are written, the folders of removed codes deleted.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path

from . import GeneratedFile

KEPT = ".errcat-kept-"  # hidden: MkDocs' clean_directory skips names starting with "."


def kept_path(site_dir: Path, folder: str) -> Path:
    """Where `folder` of the site (a path like "codes" or "reference/errors/codes") is set aside."""
    return site_dir / (KEPT + folder.strip("/").replace("/", "--"))


def set_aside(site_dir: Path, folder: str) -> None:
    """Move `folder` of the built site out of the generator's way, to `kept_path`. A folder
    left there by a build that failed stays, for the next `write_files`, if `folder` is gone."""
    source, kept = site_dir / folder, kept_path(site_dir, folder)
    if source.is_dir() and not source.is_symlink():
        if kept.exists():
            shutil.rmtree(kept, ignore_errors=True)
        os.replace(source, kept)


def write_files(site_dir: Path, files: Iterable[GeneratedFile], folder: str = "") -> int:
    """Write files into the built site (files the site generator is not given); returns how
    many were written.

    With `folder`, the folder all the files are in, and that folder set aside (`set_aside`):
    it goes back to `folder`, a file whose bytes are already there is not written again, and
    every entry of `folder` that no file is in is deleted. Each folder is made with one
    system call and each file written with one more, without Python's buffered files.
    """
    root = os.path.join(site_dir, folder.strip("/")) if folder else None
    kept: Path | None = kept_path(site_dir, folder) if folder else None
    if kept is not None and (not kept.is_dir() or kept.is_symlink()):
        kept = None
    if kept is not None and root is not None:
        if os.path.lexists(root):  # something else wrote there: start afresh
            shutil.rmtree(kept, ignore_errors=True)
            kept = None
        else:
            os.makedirs(os.path.dirname(root), exist_ok=True)
            os.replace(kept, root)
    count = 0
    made: set[str] = set()
    used: set[str] = set()
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
    for file in files:
        target = os.path.join(site_dir, file.path)
        if root is not None:
            used.add(os.path.relpath(target, root).split(os.sep, 1)[0])
        data = file.content.encode("utf-8")
        if kept is not None and _holds(target, data):
            continue
        folder_of = os.path.dirname(target)
        if folder_of not in made:
            try:
                os.mkdir(folder_of)
            except FileExistsError:
                pass
            except FileNotFoundError:
                os.makedirs(folder_of, exist_ok=True)
            made.add(folder_of)
        descriptor = os.open(target, flags, 0o644)
        try:
            view = memoryview(data)
            while view:  # a write may take fewer bytes than it is given
                view = view[os.write(descriptor, view) :]
        finally:
            os.close(descriptor)
        count += 1
    if kept is not None and root is not None:
        for entry in os.scandir(root):
            if entry.name not in used:
                if entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(entry.path)
                else:
                    os.unlink(entry.path)
    return count


def _holds(path: str, data: bytes) -> bool:
    """Whether the file at `path` has exactly `data`."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except OSError:
        return False
    try:
        if os.fstat(descriptor).st_size != len(data):
            return False
        return os.read(descriptor, len(data) + 1) == data
    finally:
        os.close(descriptor)
