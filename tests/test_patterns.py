"""A catalog's code_pattern is answered in bounded time, whatever a pull request puts there.

Each pattern below makes a backtracking engine (Python's `re`) take exponential time on a
code of 45 to 64 characters that almost matches: `(A+)+$` against `AAAA...AB` would keep
`errcat check` running for hours. errcat matches with RE2, in time linear in the code.
Every case runs in one `errcat check` process per catalog, with a timeout that only a hang
can reach (the figures are in benchmarks/hostile.py, not here).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from sitecheck import mkdocs_env

# (pattern, a code that matches it, a code of the same letters that does not); the
# second code is the one a backtracking engine gets lost in.
HOSTILE = [
    ("(A+)+$", "AAAA", "A" * 44 + "B"),
    ("(A|A)*B", "AAB", "A" * 63 + "C"),
    ("(A|AA)+$", "AAA", "A" * 63 + "B"),
    ("(A*)*B", "AB", "A" * 63 + "C"),
    ("([A-Z]+)*[0-9]", "AB1", "A" * 63 + "_"),
    ("(\\w+\\w?)+$", "ab", "a" * 63 + "-"),
    ("(.*A){12}", "A" * 12, "A" * 11 + "B" * 52),
    ("(([a-z])+.)+[A-Z]([a-z])+", "aaBb", "a" * 63 + "."),
    ("(A{1,30}){1,30}Z", "AZ", "A" * 63 + "B"),
]

CHECK_ALL = """
import json, sys, time
from pathlib import Path
from errcat import read_catalog
results = []
for path in sys.argv[1:]:
    started = time.perf_counter()
    catalog, problems = read_catalog(Path(path), "catalog.yaml")
    results.append([catalog is not None, [str(p) for p in problems], time.perf_counter() - started])
print(json.dumps(results))
"""


def catalog_text(pattern: str, good: str, evil: str) -> str:
    return (
        "code_type: text\n"
        f"code_pattern: {json.dumps(pattern)}\n"
        "categories:\n  - id: hostile\n    title: Hostile\n    codes:\n"
        f"      - code: {good}\n        message: GOOD\n        description: Matches.\n"
        f"      - code: {evil}\n        message: EVIL\n        description: Almost matches.\n"
    )


def test_patterns_that_backtrack_exponentially_are_answered_at_once(tmp_path: Path):
    paths = []
    for index, case in enumerate(HOSTILE):
        path = tmp_path / f"{index}.yaml"
        path.write_text(catalog_text(*case), encoding="utf-8")
        paths.append(str(path))
    # A hang detector, not a timing: RE2 answers all of them in milliseconds; a
    # backtracking engine would not finish the first within the timeout.
    done = subprocess.run(
        [sys.executable, "-c", CHECK_ALL, *paths], capture_output=True, text=True, timeout=60, env=mkdocs_env()
    )
    assert done.returncode == 0, done.stderr
    # The code that matches has no problem; the one that almost matches has exactly one.
    for (pattern, _, evil), (accepted, problems, _) in zip(HOSTILE, json.loads(done.stdout), strict=True):
        assert not accepted
        assert problems == [
            f"catalog.yaml:10: code {evil} does not match the catalog's code_pattern '{pattern}' (catalog.yaml:2)"
        ], pattern


def test_a_code_pattern_that_needs_backtracking_is_refused_on_its_line(tmp_path: Path):
    from errcat import read_catalog

    path = tmp_path / "catalog.yaml"
    for pattern, construct in [("([A-Z])\\1", "\\1"), ("(?!X)[A-Z]+", "(?!"), ("(?<=A)B", "(?<")]:
        path.write_text(catalog_text(pattern, "AA", "AB"), encoding="utf-8")
        catalog, problems = read_catalog(path, "catalog.yaml")
        assert catalog is None
        assert len(problems) == 1 and str(problems[0]).startswith("catalog.yaml:2: code_pattern '")
        assert construct in problems[0].message and "RE2, in time linear in the code" in problems[0].message


def test_patterns_in_python_syntax_that_re2_reads_alike_still_work(tmp_path: Path):
    from errcat import read_catalog

    path = tmp_path / "catalog.yaml"
    for pattern, good, bad in [
        ("[0-9A-Z]{5}", "0A000", "0A00"),
        ("(?i)[a-z_]+_error", "NOT_FOUND_ERROR", "NOT_FOUND"),
        ("\\d{3}-\\w+", "404-missing", "404missing"),
        ("E_[A-Z]+_[0-9]{5}", "E_CALL_00042", "E_CALL_0042"),
    ]:
        path.write_text(catalog_text(pattern, good, bad), encoding="utf-8")
        _, problems = read_catalog(path, "catalog.yaml")
        assert [problem.message.split(" does not match")[0] for problem in problems] == [f"code {bad}"], pattern


# `errcat`, as a process where google-re2 is not installed: an import of re2 fails as it
# would there (an extra, errcat[patterns], with no wheel for musl).
ERRCAT_WITHOUT_RE2 = "import sys; sys.modules['re2'] = None; from errcat.commands.cli import main; sys.exit(main())"


def test_without_re2_a_code_pattern_is_one_problem_on_its_line_that_names_the_extra(tmp_path: Path):
    checks = []
    for name, text in [
        ("with-pattern", catalog_text("[A-Z]+", "AB", "CD")),
        ("without", catalog_text("[A-Z]+", "AB", "CD").replace('code_pattern: "[A-Z]+"\n', "")),
    ]:
        project = tmp_path / name
        project.mkdir()
        (project / "catalog.yaml").write_text(text, encoding="utf-8")
        (project / "published-codes.txt").write_text("AB hostile\nCD hostile\n", encoding="utf-8")
        checks.append(
            subprocess.run(
                [sys.executable, "-c", ERRCAT_WITHOUT_RE2, "check"],
                cwd=project,
                capture_output=True,
                text=True,
                timeout=60,
                env=mkdocs_env(),
            )
        )
    assert checks[0].returncode == 1
    assert checks[0].stderr.splitlines() == [
        "the error-code catalog has 1 problem:",
        "catalog.yaml:2: code_pattern '[A-Z]+' cannot be used: it is matched with RE2, and google-re2 is not"
        " installed: pip install 'errcat[patterns]'",
    ]
    # The rest of errcat needs no RE2.
    assert checks[1].returncode == 0, checks[1].stderr
    assert "2 codes in 1 category, no problems" in checks[1].stdout
