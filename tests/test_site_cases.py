"""A site's own files that errcat cannot use give one line that says so, never a traceback.

Each folder of tests/site-cases is one case; to add a case, add a folder.

- `schema-*`: the file that the option `schema: statuses.schema.json` names (no file: it
  does not exist). `build.txt` is the line `mkdocs build` prints, `check.txt` what
  `errcat check` prints; both stop with exit status 1.
- `strings-*`: the value of the option `strings` (`strings.yml`), which errcat refuses when
  it reads the configuration; `build.txt` and `check.txt` as for a schema.
- `history-cache-*`: `.cache/errcat/history.json` as a build finds it (`history.json`, or
  `history.json.hex` for bytes that are not UTF-8). `build.txt` is the one line
  `mkdocs build --strict` prints as it drops the cache; the build succeeds, writes a new
  cache, and the next one reads it.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from errcat.catalog.schema import Schema
from errcat.commands.cli import main
from errcat.history.read import CACHE_PATH, CACHE_VERSION, read_history
from sitecheck import ROOT, build

CASES = ROOT / "tests" / "site-cases"
SCHEMA_CASES = sorted(path for path in CASES.iterdir() if path.name.startswith("schema-"))
STRINGS_CASES = sorted(path for path in CASES.iterdir() if path.name.startswith("strings-"))
CACHE_CASES = sorted(path for path in CASES.iterdir() if path.name.startswith("history-cache-"))
SCHEMA_FILE = "statuses.schema.json"
BUILD_ERROR = "ERROR   -  errcat: "  # how `mkdocs build` prints the plugin's error
CHECK_ERROR = "errcat check: mkdocs.yml: plugin 'errcat': "
CACHE_INFO = "INFO    -  history: "
SCHEMA = Schema()

CATALOG = """\
categories:
  - id: general
    title: General
    codes:
      - code: 1
        message: OK
        description: It worked.
"""


def tiny_site(where: Path, options: str = "") -> Path:
    """A site of one code, with errcat's `options` (YAML lines under its entry)."""
    (where / "docs").mkdir(parents=True)
    (where / "docs" / "index.md").write_text("# Example\n\n<!-- errcat:index -->\n", encoding="utf-8")
    plugin = f"  - errcat:\n{options}" if options else "  - errcat\n"
    (where / "mkdocs.yml").write_text(
        f"site_name: Example\nsite_url: https://docs.example.org/\nplugins:\n  - search\n{plugin}", encoding="utf-8"
    )
    (where / "catalog.yaml").write_text(CATALOG, encoding="utf-8")
    (where / "published-codes.txt").write_text("1 general\n", encoding="utf-8")
    return where


def line_of(case: Path, name: str) -> str:
    (line,) = (case / name).read_text(encoding="utf-8").splitlines()
    return line


# --- the schema option ------------------------------------------------------------------------


def schema_site(case: Path, where: Path) -> Path:
    site = tiny_site(where, f"      schema: {SCHEMA_FILE}\n")
    if (case / SCHEMA_FILE).exists():
        (site / SCHEMA_FILE).write_bytes((case / SCHEMA_FILE).read_bytes())
    return site


@pytest.mark.parametrize("case", SCHEMA_CASES, ids=[case.name for case in SCHEMA_CASES])
def test_a_schema_file_errcat_cannot_use_stops_the_build_with_one_line(case: Path, tmp_path: Path):
    done = build(schema_site(case, tmp_path / "site"), tmp_path / "built")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("ERROR")]
    assert errors == [line_of(case, "build.txt")]


@pytest.mark.parametrize("case", SCHEMA_CASES, ids=[case.name for case in SCHEMA_CASES])
def test_errcat_check_says_what_the_build_says_of_a_schema_file(
    case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    monkeypatch.chdir(schema_site(case, tmp_path / "site"))
    assert main(["check"]) == 1
    out, err = capsys.readouterr()
    assert (out, err) == ("", line_of(case, "check.txt") + "\n")
    build_line = line_of(case, "build.txt")
    assert build_line.startswith(BUILD_ERROR) and err.startswith(CHECK_ERROR)
    assert err.removeprefix(CHECK_ERROR) == build_line.removeprefix(BUILD_ERROR) + "\n"


def test_a_schema_of_the_sites_own_statuses_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys):
    # The cases' counterpart: errcat's schema with one more status, described, builds.
    schema = json.loads((ROOT / "hooks" / "errcat" / "catalog.schema.json").read_text(encoding="utf-8"))
    status = schema["definitions"]["code"]["properties"]["status"]
    status["oneOf"].append({"const": "beta", "description": "In beta: it may change."})
    site = tiny_site(tmp_path / "site", f"      schema: {SCHEMA_FILE}\n")
    (site / SCHEMA_FILE).write_text(json.dumps(schema), encoding="utf-8")
    (site / "catalog.yaml").write_text(CATALOG + "        status: beta\n", encoding="utf-8")
    monkeypatch.chdir(site)
    assert main(["check"]) == 0, capsys.readouterr().err


# --- the strings option ----------------------------------------------------------------------


def strings_site(case: Path, where: Path) -> Path:
    value = (case / "strings.yml").read_text(encoding="utf-8")
    return tiny_site(where, "      strings:\n" + "".join(f"        {line}\n" for line in value.splitlines()))


@pytest.mark.parametrize("case", STRINGS_CASES, ids=[case.name for case in STRINGS_CASES])
def test_strings_errcat_cannot_use_stop_the_build_with_one_line_that_names_the_keys(case: Path, tmp_path: Path):
    done = build(strings_site(case, tmp_path / "site"), tmp_path / "built")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("ERROR")]
    assert errors == [line_of(case, "build.txt")]


@pytest.mark.parametrize("case", STRINGS_CASES, ids=[case.name for case in STRINGS_CASES])
def test_errcat_check_says_what_the_build_says_of_strings(
    case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    monkeypatch.chdir(strings_site(case, tmp_path / "site"))
    assert main(["check"]) == 1
    out, err = capsys.readouterr()
    assert (out, err) == ("", line_of(case, "check.txt") + "\n")


# --- the history cache ----------------------------------------------------------------------


def write_cache(case: Path, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    hexed = case / "history.json.hex"
    path.write_bytes(bytes.fromhex(hexed.read_text()) if hexed.exists() else (case / "history.json").read_bytes())


def history_lines(log: str) -> list[str]:
    return [line for line in log.splitlines() if line.startswith(CACHE_INFO)]


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny site in git, with two commits of its catalog: a history to cache."""
    site = tiny_site(tmp_path_factory.mktemp("cache") / "site")
    (site / ".gitignore").write_text(".cache/\n", encoding="utf-8")
    git = ["git", "-C", str(site), "-c", "user.name=Test", "-c", "user.email=test@example.org"]
    subprocess.run([*git, "init", "-q", "-b", "main"], check=True)
    for message, catalog in (("First", CATALOG), ("Second", CATALOG.replace("It worked.", "It worked, as asked."))):
        (site / "catalog.yaml").write_text(catalog, encoding="utf-8")
        subprocess.run([*git, "add", "-A"], check=True)
        subprocess.run([*git, "-c", "commit.gpgsign=false", "commit", "-q", "-m", message], check=True)
    return site


@pytest.mark.parametrize("case", CACHE_CASES, ids=[case.name for case in CACHE_CASES])
def test_a_broken_history_cache_is_dropped_said_once_and_written_again(case: Path, repo: Path, tmp_path: Path):
    cache = repo / CACHE_PATH
    write_cache(case, cache)
    done = build(repo, tmp_path / "built")
    assert done.returncode == 0, done.stderr  # --strict: a line of information, not a warning
    assert "Traceback" not in done.stderr
    assert history_lines(done.stderr) == [line_of(case, "build.txt")]
    assert json.loads(cache.read_text(encoding="utf-8"))["version"] == CACHE_VERSION


def test_the_build_after_a_dropped_cache_reads_the_new_one_silently(repo: Path, tmp_path: Path):
    case = CASES / "history-cache-a-list"
    write_cache(case, repo / CACHE_PATH)
    assert line_of(case, "build.txt") in build(repo, tmp_path / "first").stderr
    written = (repo / CACHE_PATH).read_bytes()
    again = build(repo, tmp_path / "second")
    assert again.returncode == 0 and history_lines(again.stderr) == []
    assert (repo / CACHE_PATH).read_bytes() == written


@pytest.mark.parametrize("case", CACHE_CASES, ids=[case.name for case in CACHE_CASES])
def test_a_dropped_history_cache_gives_the_same_history_and_is_used_next_time(
    case: Path, repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    import errcat.history.read

    expected = read_history(repo, SCHEMA, tmp_path / "fresh.json")
    write_cache(case, repo / CACHE_PATH)
    dropped = read_history(repo, SCHEMA)
    assert dropped == expected
    assert CACHE_INFO + str(dropped.cache_dropped) == line_of(case, "build.txt")
    parsed: list[int] = []
    original = errcat.history.read.read_catalog_bytes
    monkeypatch.setattr(errcat.history.read, "read_catalog_bytes", lambda *args: parsed.append(1) or original(*args))
    again = read_history(repo, SCHEMA)
    assert again == expected and again.cache_dropped is None
    assert parsed == []  # every revision came from the rebuilt cache


def test_a_dropped_cache_is_written_again_even_where_no_revision_is_cached(repo: Path, tmp_path: Path):
    # A catalog git has no commit of: nothing to cache, and still nothing to say twice.
    cache = tmp_path / "history.json"
    write_cache(CASES / "history-cache-a-list", cache)
    assert read_history(repo, SCHEMA, cache, "never-committed.yaml").cache_dropped is not None
    assert read_history(repo, SCHEMA, cache, "never-committed.yaml").cache_dropped is None
