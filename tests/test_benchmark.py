"""The benchmark runs end to end (a small smoke run: figures, not timings, are checked)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from errcat import read_catalog
from sitecheck import ROOT
from synthetic import break_catalog, generate_catalog


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
        [sys.executable, "benchmarks/bench.py", "--smoke", "--output", str(tmp_path / "out.md")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for heading in ("## Build", "## Sizes", "## Targets"):
        assert heading in out
    row = re.search(r"^\| 100 \| ([\d.]+) \| ([\d.]+) \| ([\d.]+)x \|", out, re.M)
    assert row and float(row.group(1)) > 0 and float(row.group(2)) > 0
    assert re.search(r"^\| 100 \| [\d,]+ B \| \d+ \|", out, re.M)  # sizes
    if Path("/usr/bin/chromium").exists():
        assert re.search(r"^\| 100 \| \d+ \| [\d.]+ / [\d.]+ \|", out, re.M)  # the filter, in Chromium
