"""The benchmark runs end to end (a small smoke run: figures, not timings, are checked)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from errcat import read_catalog
from errcat.catalog.schema import Schema
from errcat.history.read import read_history
from sitecheck import ROOT
from synthetic import break_catalog, generate_catalog, synthetic_history


def test_synthetic_catalog_is_valid_and_has_the_size_asked(tmp_path: Path):
    path = tmp_path / "catalog.yaml"
    path.write_text(generate_catalog(1000), encoding="utf-8")
    catalog, problems = read_catalog(path)
    assert problems == []
    assert len(catalog.codes()) == 1000
    assert len(catalog.categories) == 20


def test_broken_synthetic_catalog_reports_every_planted_mistake(tmp_path: Path):
    text, planted = break_catalog(generate_catalog(1000))
    path = tmp_path / "catalog.yaml"
    path.write_text(text, encoding="utf-8")
    _, problems = read_catalog(path)
    assert planted >= 20
    assert len(problems) >= planted


def test_smoke_run_prints_every_section(tmp_path: Path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench.py"), "--smoke", "--output", str(tmp_path / "out.md")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    # One run measures both kinds of code, each report with the summary of both.
    assert out.count("## Summary") == 2
    assert "# Benchmark results: integer codes" in out and "# Benchmark results: text codes" in out
    assert re.search(r"^\| Index page HTML per code .*\| \d+ B, (met|\*\*missed\*\*) \| \d+ B, ", out, re.M)
    for heading in (
        "## Build",
        "## Edit loop under `mkdocs serve`",
        "## Sizes",
        "## History of the catalog",
        "## Targets",
    ):
        assert heading in out
    # hook, static and plain build seconds, side by side, and their ratios
    row = re.search(r"^\| 100 \| ([\d.]+) \| ([\d.]+) \| ([\d.]+) \| ([\d.]+)x \| ([\d.]+)x \|", out, re.M)
    assert row and all(float(value) > 0 for value in row.groups())
    assert re.search(r"^\| 100 \| hook \| [\d.]+ \| [\d.]+ \| [\d.]+ \| [\d.]+ \| -?[\d.]+ \|$", out, re.M)
    assert re.search(r"^\| 100 \| [\d.]+ \| [\d.]+ \| 1 \| [\d.]+ / [\d.]+ \| [\d.]+x \|$", out, re.M)  # rebuild
    assert re.search(r"^\| 100 \| [\d,]+ B \| \d+ B \| \d+ \|", out, re.M)  # sizes, gzip per code
    assert re.search(r"^\| synthetic, 5 commits \| 5 \| \d+ \| [\d.]+ \| [\d.]+ \| [\d.]+ \| [\d.]+% \|$", out, re.M)
    for target in ("plain hand-written site", "hook's own work", "Rebuild under", "Peak memory", "Reading the history"):
        assert re.search(rf"^- .*{re.escape(target)}.*(met|\*\*missed\*\*)", out, re.M), target
    if Path("/usr/bin/chromium").exists():
        # the filter in Chromium: to layout and to the next frame, median / p95
        assert re.search(r"^\| 100 \| \d+ \| [\d.]+ / [\d.]+ \| [\d.]+ / [\d.]+ \| [\d.]+ / [\d.]+ \|", out, re.M)
        # and from the input event's timeStamp, judged against the target
        event = r"^\| Filter, the input event's timeStamp .*\| [\d.]+ / [\d.]+ ms \(46 keys\), (met|\*\*missed)"
        assert re.search(event, out, re.M)
        assert "next painted frame" in out


def test_a_synthetic_history_is_valid_at_every_commit_and_has_every_kind_of_change(tmp_path: Path):
    texts = synthetic_history(tmp_path / "repo", commits=30, codes=120)
    assert len(texts) == 30
    history = read_history(tmp_path / "repo", Schema(), tmp_path / "cache.json")
    assert history.skipped == () and history.available
    kinds = {change.kind for commit in history.commits[1:] for change in commit.changes}
    assert kinds == {"added", "message", "description", "status"}
    assert [commit.date for commit in history.commits][:2] == ["2026-01-01", "2026-01-02"]
