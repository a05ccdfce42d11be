"""What changed in the catalog and when, from the git history of catalog.yaml.

Each commit that changed catalog.yaml (following the first parent: what was merged, when
it was merged) is parsed with the project's own loader and compared with the last one
that parsed: codes added, messages changed (an API change), descriptions reworded,
statuses changed, codes moved, categories added, renamed or reworded. A revision that
does not parse is skipped and named. `compare` is that classification for any two
catalogs: `errcat diff` uses it to tell a reviewer what a pull request does. Only
commits count, never the working tree, so two builds of one commit give the same history.

Parsing every revision of a large catalog costs seconds; what a pair of revisions
changed can never change, so it is cached by the two blobs' hashes in
.cache/errcat/history.json (any number of builds, in CI with a kept cache folder).

No MkDocs imports: `read_history` returns plain values.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType

from ..catalog.check import CATALOG_NAME, read_catalog_bytes
from ..catalog.load import MAX_BYTES
from ..catalog.model import Catalog, Code, sort_key
from ..catalog.schema import Schema, is_integer

CACHE_VERSION = 2  # 2: DESCRIPTION names every field reworded; CATEGORY_REWORDED
CACHE_PATH = Path(".cache") / "errcat" / "history.json"
_GIT_TIMEOUT = 120  # seconds, for any one git command
_NO_BLOB = "0" * 40

# Kinds of change, in the order a commit's changes are listed.
ADDED, MESSAGE, DESCRIPTION, STATUS, MOVED, DROPPED = "added", "message", "description", "status", "moved", "dropped"
CATEGORY_ADDED, CATEGORY_RENAMED = "category-added", "category-renamed"
CATEGORY_REWORDED = "category-reworded"
CODE_KINDS = (ADDED, MESSAGE, STATUS, MOVED, DESCRIPTION, DROPPED)
KIND_ORDER = MappingProxyType(
    {kind: index for index, kind in enumerate((CATEGORY_ADDED, CATEGORY_RENAMED, CATEGORY_REWORDED, *CODE_KINDS))}
)
# The fields of an entry whose change is a DESCRIPTION change (a rewording, not an API
# change), in the order a line names them; a change's `new` lists those that changed.
REWORDED_FIELDS = ("description", "examples", "see_also", "note", "http_status", "causes", "solutions")
CATEGORY_FIELDS = ("title", "description")


@dataclass(frozen=True)
class Change:
    """One change a commit made. `code` is None for a category's change.

    `category` and `title` are the category the code was in (or the category) after the
    commit, `message` the code's message after it; `old` and `new` what changed (the old
    and new message, status or category id), where the kind has them. For DESCRIPTION and
    CATEGORY_REWORDED, `new` names the fields that changed, comma-separated.
    """

    kind: str
    code: Code | None
    category: str
    title: str
    message: str = ""
    old: str = ""
    new: str = ""


@dataclass(frozen=True)
class Commit:
    sha: str
    time: int  # the commit's time (committer date), in seconds since the epoch
    changes: tuple[Change, ...]

    @property
    def date(self) -> str:
        """The day it was committed, in UTC, as an ISO date."""
        return day_of(self.time)

    @property
    def timestamp(self) -> str:
        """The moment it was committed, in UTC, as an RFC 3339 date-time."""
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(self.time))


@dataclass(frozen=True)
class Skipped:
    sha: str
    time: int
    reason: str

    @property
    def date(self) -> str:
        return day_of(self.time)


def day_of(seconds: int) -> str:
    """The day of a moment (seconds since the epoch), in UTC, as an ISO date."""
    return time.strftime("%Y-%m-%d", time.gmtime(seconds))


@dataclass(frozen=True)
class History:
    """The catalog's history, oldest commit first; `unavailable` says why there is none."""

    commits: tuple[Commit, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    unavailable: str | None = None
    added: dict[Code, str] = field(default_factory=dict)  # code -> ISO date it first appeared
    changed: dict[Code, str] = field(default_factory=dict)  # code -> ISO date it last changed (or appeared)
    # Why the cache was dropped, a sentence for the build's log; not part of the history.
    cache_dropped: str | None = field(default=None, compare=False)

    @property
    def available(self) -> bool:
        return self.unavailable is None


class GitError(Exception):
    """git is missing, failed, or does not know what it was asked for; the message says which."""


def read_history(root: Path, schema: Schema, cache_path: Path | None = None, catalog: str = CATALOG_NAME) -> History:
    """The history of root/`catalog` in git, or a History that says why there is none."""
    cache_file = root / CACHE_PATH if cache_path is None else cache_path
    try:
        if _git(root, "rev-parse", "--is-shallow-repository").strip() == "true":
            return History(
                unavailable="this is a shallow clone; fetch the whole history (actions/checkout: fetch-depth: 0)"
            )
        log = _git(
            root,
            "log",
            "--first-parent",
            "--diff-merges=first-parent",
            "--reverse",
            "--no-renames",
            "--raw",
            "--no-abbrev",
            "--format=%x01%H %ct",
            "--",
            catalog,
        )
    except GitError as error:
        return History(unavailable=str(error))
    revisions = list(_revisions(log))
    cache = _Cache.load(cache_file)
    history = _walk(root, revisions, schema, cache, catalog)
    cache.save(cache_file)
    if cache.dropped is None:
        return history
    shown = cache_file.relative_to(root).as_posix() if cache_file.is_relative_to(root) else str(cache_file)
    why = f"the cache {shown} {cache.dropped}: dropped; this build reads the history from git and writes a new one"
    return replace(history, cache_dropped=why)


def file_at_revision(root: Path, revision: str, path: str) -> bytes | None:
    """The content of `path` (relative to `root`) in the commit `revision` names, in the
    repository at `root`; None where that commit has no such file.

    Raises GitError when `root` is not in a git repository or git does not know `revision`.
    """
    if revision.startswith("-"):  # never an option of git's
        raise GitError(f"git does not know the revision '{revision}'")
    try:
        commit = _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}").strip()
    except GitError:
        _git(root, "rev-parse", "--git-dir")  # not a repository at all: git's own message says so
        raise GitError(f"git does not know the revision '{revision}'") from None
    try:
        size = int(_git(root, "cat-file", "-s", f"{commit}:./{path}").strip())
    except GitError:
        return None
    if size > MAX_BYTES:
        return b"\0" * (MAX_BYTES + 1)  # refused by the loader as too large, unread
    return _git_bytes(root, "cat-file", "blob", f"{commit}:./{path}")


def _git(root: Path, *args: str, stdin: bytes | None = None) -> str:
    return _git_bytes(root, *args, stdin=stdin).decode("utf-8", "replace")


def _git_bytes(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    env = dict(os.environ, GIT_TERMINAL_PROMPT="0", LC_ALL="C")
    try:
        result = subprocess.run(
            ["git", "-C", str(root), *args],
            input=stdin,
            capture_output=True,
            timeout=_GIT_TIMEOUT,
            env=env,
            check=False,
        )
    except FileNotFoundError:
        raise GitError("git is not installed") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]} took longer than {_GIT_TIMEOUT} s") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {args[0]} failed: {message[-1] if message else result.returncode}")
    return result.stdout


def _revisions(log: str) -> Iterator[tuple[str, int, str]]:
    """(commit, time, blob of catalog.yaml after it) for each commit in `git log --raw` output."""
    for record in log.split("\x01")[1:]:
        lines = record.strip("\n").splitlines()
        sha, seconds = lines[0].split()
        blob = _NO_BLOB
        for line in lines[1:]:
            # :100644 100644 <old blob> <new blob> M\tcatalog.yaml
            fields = line.split("\t", 1)[0].split()
            if len(fields) >= 5 and line.startswith(":"):
                blob = fields[3]
        yield sha, int(seconds), blob


# --- the walk -------------------------------------------------------------------------------

# What a revision says of each code and category, enough to tell what changed: a code's
# category, message and status, and a digest of each other field; a category's title,
# former ids and a digest of each of its fields.
_CodeSummary = tuple[str, str, str, tuple[str, ...]]
_CategorySummary = tuple[str, tuple[str, ...], tuple[str, ...]]
_Summary = tuple[dict[Code, _CodeSummary], dict[str, _CategorySummary]]


def _summary(catalog: Catalog) -> _Summary:
    codes = {
        error.code: (
            category.id,
            error.message,
            error.status,
            tuple(_digest(getattr(error, name)) for name in REWORDED_FIELDS),
        )
        for category, error in catalog.codes()
    }
    categories = {
        category.id: (
            category.title,
            category.former_ids,
            tuple(_digest(getattr(category, n)) for n in CATEGORY_FIELDS),
        )
        for category in catalog.categories
    }
    return codes, categories


def _digest(value: object) -> str:
    return hashlib.sha1(json.dumps(value, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]


def compare(old: Catalog | None, new: Catalog) -> tuple[Change, ...]:
    """What changed from catalog `old` (None: there was none) to `new`, as one commit's
    changes: the classification of /changes/ and the feed, for any two catalogs."""
    return _changes(_summary(old) if old is not None else ({}, {}), _summary(new))


def _walk(root: Path, revisions: list[tuple[str, int, str]], schema: Schema, cache: _Cache, catalog: str) -> History:
    commits: list[Commit] = []
    skipped: list[Skipped] = []
    summaries: dict[str, _Summary] = {}
    previous = _NO_BLOB  # the last revision that parsed
    wanted = _blobs_to_parse(revisions, cache)
    contents = _cat_blobs(root, wanted) if wanted else {}
    for sha, seconds, blob in revisions:
        if blob == _NO_BLOB:  # catalog.yaml deleted in this commit: nothing to compare
            continue
        if blob in cache.unparsable:
            skipped.append(Skipped(sha, seconds, cache.unparsable[blob]))
            cache.keep_unparsable(blob)
            continue
        pair = f"{previous}:{blob}"
        changes = cache.pairs.get(pair)
        if changes is None:
            new, reason = _parsed(blob, contents, schema, summaries, cache, catalog)
            if new is None:
                skipped.append(Skipped(sha, seconds, reason))
                continue
            old, reason = (
                _parsed(previous, contents, schema, summaries, cache, catalog)
                if previous != _NO_BLOB
                else (({}, {}), "")
            )
            if old is None:  # it parsed before, but could not be read this time
                skipped.append(Skipped(sha, seconds, reason))
                continue
            changes = _changes(old, new)
            cache.pairs[pair] = changes
        cache.keep_pair(pair)
        previous = blob
        if changes:
            commits.append(Commit(sha, seconds, changes))
    added: dict[Code, str] = {}
    changed: dict[Code, str] = {}
    for commit in commits:
        for change in commit.changes:
            if change.code is None:
                continue
            if change.kind == ADDED:
                added.setdefault(change.code, commit.date)
            if change.kind == DROPPED:
                added.pop(change.code, None)
                changed.pop(change.code, None)
            else:
                changed[change.code] = commit.date
    return History(tuple(commits), tuple(skipped), None, added, changed)


def _blobs_to_parse(revisions: list[tuple[str, int, str]], cache: _Cache) -> list[str]:
    """The blobs the walk will have to parse: those of each pair not in the cache."""
    wanted: list[str] = []
    previous = _NO_BLOB
    for _, _, blob in revisions:
        if blob == _NO_BLOB or blob in cache.unparsable:
            continue
        if f"{previous}:{blob}" not in cache.pairs:
            wanted += [blob, previous] if previous != _NO_BLOB else [blob]
        # Where this blob turns out not to parse, the next pair starts from `previous`;
        # asking for it once more costs nothing.
        previous = blob
    return list(dict.fromkeys(wanted))


def _cat_blobs(root: Path, blobs: list[str]) -> dict[str, bytes | None]:
    """The contents of blobs, read by one `git cat-file --batch`; None for a blob larger
    than a catalog may be (the loader's MAX_BYTES), which is never read."""
    contents: dict[str, bytes | None] = {}
    try:
        sizes = _git(root, "cat-file", "--batch-check", stdin="".join(f"{blob}\n" for blob in blobs).encode())
        small = []
        for fields in (line.split() for line in sizes.splitlines()):
            if len(fields) == 3 and fields[1] == "blob":
                if int(fields[2]) <= MAX_BYTES:
                    small.append(fields[0])
                else:
                    contents[fields[0]] = None
        output = _git_bytes(root, "cat-file", "--batch", stdin="".join(f"{blob}\n" for blob in small).encode())
    except GitError:
        return {}
    offset = 0
    while offset < len(output):
        end = output.index(b"\n", offset)
        header = output[offset:end].decode("ascii", "replace").split()
        offset = end + 1
        if len(header) < 3 or header[1] != "blob":  # "<sha> missing"
            continue
        size = int(header[2])
        contents[header[0]] = output[offset : offset + size]
        offset += size + 1
    return contents


def _parsed(
    blob: str,
    contents: dict[str, bytes | None],
    schema: Schema,
    summaries: dict[str, _Summary],
    cache: _Cache,
    catalog_name: str,
) -> tuple[_Summary | None, str]:
    """A revision's summary, or None and why not. Only a revision that does not parse is
    remembered in the cache as such; one git could not give is tried again next time."""
    if blob in summaries:
        return summaries[blob], ""
    if blob not in contents:
        return None, "git could not give its content"
    data = contents[blob]
    catalog, problems = read_catalog_bytes(data, catalog_name, schema) if data is not None else (None, [])
    if catalog is None:
        count = len(problems)
        first = str(problems[0]) if problems else f"it is larger than {MAX_BYTES:,} bytes"
        reason = first + (f" (and {count - 1} more problems)" if count > 1 else "")
        cache.unparsable[blob] = reason
        cache.keep_unparsable(blob)
        return None, reason
    summaries[blob] = summary = _summary(catalog)
    return summary, ""


def _changes(old: _Summary, new: _Summary) -> tuple[Change, ...]:
    """What changed from one revision to the next, categories first, then codes in code order."""
    old_codes, old_categories = old
    new_codes, new_categories = new
    changes: list[Change] = []
    renamed: dict[str, str] = {}  # old category id -> new one
    for category_id, (title, former_ids, fields) in new_categories.items():
        if category_id in old_categories:
            changed = _changed_fields(CATEGORY_FIELDS, old_categories[category_id][2], fields)
            if changed:
                changes.append(Change(CATEGORY_REWORDED, None, category_id, title, new=changed))
            continue
        former = next((f for f in former_ids if f in old_categories and f not in new_categories), None)
        if former is not None:
            renamed[former] = category_id
            changes.append(Change(CATEGORY_RENAMED, None, category_id, title, old=former, new=category_id))
        else:
            changes.append(Change(CATEGORY_ADDED, None, category_id, title))
    for code in sorted(new_codes.keys() | old_codes.keys(), key=sort_key):
        now, before = new_codes.get(code), old_codes.get(code)
        if now is None:
            assert before is not None
            title = old_categories[before[0]][0]
            changes.append(Change(DROPPED, code, before[0], title, before[1]))
            continue
        category, message, status, fields = now
        title = new_categories[category][0]
        if before is None:
            changes.append(Change(ADDED, code, category, title, message, new=message))
            continue
        if before[1] != message:
            changes.append(Change(MESSAGE, code, category, title, message, old=before[1], new=message))
        if before[2] != status:
            changes.append(Change(STATUS, code, category, title, message, old=before[2], new=status))
        if before[0] != category and renamed.get(before[0]) != category:
            changes.append(Change(MOVED, code, category, title, message, old=before[0], new=category))
        reworded = _changed_fields(REWORDED_FIELDS, before[3], fields)
        if reworded:
            changes.append(Change(DESCRIPTION, code, category, title, message, new=reworded))
    changes.sort(key=lambda change: KIND_ORDER[change.kind] if change.code is None else len(KIND_ORDER))
    return tuple(changes)


def _changed_fields(names: tuple[str, ...], old: tuple[str, ...], new: tuple[str, ...]) -> str:
    return ",".join(name for name, before, now in zip(names, old, new, strict=True) if before != now)


# --- the cache --------------------------------------------------------------------------------


class _Cache:
    """What pairs of blobs changed, and which blobs do not parse; only what this build used is saved."""

    def __init__(
        self, pairs: dict[str, tuple[Change, ...]], unparsable: dict[str, str], dropped: str | None = None
    ) -> None:
        self.pairs = pairs
        self.unparsable = unparsable
        self.dropped = dropped  # what was wrong with the file, when it could not be used
        self._used_pairs: set[str] = set()
        self._used_unparsable: set[str] = set()
        self._loaded = (set(pairs), set(unparsable))

    def keep_pair(self, pair: str) -> None:
        self._used_pairs.add(pair)

    def keep_unparsable(self, blob: str) -> None:
        self._used_unparsable.add(blob)

    @classmethod
    def load(cls, path: Path) -> _Cache:
        """The cache at `path`: empty where there is none, or one an earlier version wrote;
        empty and `dropped` where the file is not what errcat writes (a file anyone can
        edit, or a build cut short): the history is then read from git again."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls({}, {})
        except UnicodeDecodeError:
            return cls({}, {}, "is not UTF-8 text")
        except OSError as error:
            return cls({}, {}, f"cannot be read ({error.strerror or error})")
        except (ValueError, RecursionError):
            return cls({}, {}, "is not JSON")
        if isinstance(data, dict) and is_integer(data.get("version")) and data["version"] != CACHE_VERSION:
            return cls({}, {})  # an earlier version's: start afresh, nothing is wrong
        read = _read_cache(data)
        if isinstance(read, str):
            return cls({}, {}, f"is not what errcat writes there ({read})")
        return cls(*read)

    def save(self, path: Path) -> None:
        if self.dropped is None and self._loaded == (self._used_pairs, self._used_unparsable):
            return  # nothing new, nothing dropped
        data = {
            "version": CACHE_VERSION,
            "pairs": {key: [_fields(change) for change in self.pairs[key]] for key in sorted(self._used_pairs)},
            "unparsable": {blob: self.unparsable[blob] for blob in sorted(self._used_unparsable)},
        }
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
            temporary.replace(path)
        except OSError:
            pass  # a read-only checkout: the next build parses again


def _fields(change: Change) -> list[object]:
    return [change.kind, change.code, change.category, change.title, change.message, change.old, change.new]


_CATEGORY_KINDS = frozenset((CATEGORY_ADDED, CATEGORY_RENAMED, CATEGORY_REWORDED))


def _read_cache(data: object) -> tuple[dict[str, tuple[Change, ...]], dict[str, str]] | str:
    """The pairs and unparsable blobs of a cache file's JSON, as `save` writes them, or
    what is wrong with it; any JSON at all, in one pass."""
    if not isinstance(data, dict):
        return "not an object"
    pairs, unparsable = data.get("pairs"), data.get("unparsable")
    if data.get("version") != CACHE_VERSION or not isinstance(pairs, dict) or not isinstance(unparsable, dict):
        return f"not an object with version {CACHE_VERSION}, pairs and unparsable"
    read: dict[str, tuple[Change, ...]] = {}
    for pair, changes in pairs.items():
        if not isinstance(changes, list) or not all(_is_change(fields) for fields in changes):
            return f"the changes of pair {pair[:100]!r} are not a list of changes"
        read[pair] = tuple(Change(*fields) for fields in changes)
    if not all(isinstance(reason, str) for reason in unparsable.values()):
        return "a reason in unparsable is not a string"
    return read, unparsable


def _is_change(fields: object) -> bool:
    """Whether `fields` are a Change as `_fields` writes it, with a kind errcat knows."""
    if not isinstance(fields, list) or len(fields) != 7 or not all(isinstance(text, str) for text in fields[2:]):
        return False
    kind, code = fields[0], fields[1]
    if not isinstance(kind, str):
        return False
    if kind in _CATEGORY_KINDS:
        return code is None
    return kind in KIND_ORDER and (is_integer(code) or isinstance(code, str))
