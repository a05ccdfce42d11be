"""No catalog file crashes, hangs or corrupts the build: property-based tests with Hypothesis.

In the suite these run a few hundred derandomized examples. For a long run with fresh
random examples: `.venv/bin/python scripts/fuzz --minutes 20`.
"""

from __future__ import annotations

import logging
import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from errcat import read_catalog
from fuzzing import (
    any_catalog,
    check_catalog_bytes,
    dump,
    mutated_catalogs,
    pattern_catalogs,
    real_catalog,
    small_catalogs,
)
from sitecheck import make_project

# A hang detector, not a timing: a normal example takes milliseconds, and the budget is
# hundreds of times that, so a shared machine's noise cannot trip it; an alias
# expansion or a quadratic check on a hostile file would.
BUDGET = timedelta(seconds=5)
SUITE = settings(
    max_examples=300,
    derandomize=True,
    deadline=BUDGET,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)
_scratch = tempfile.TemporaryDirectory(prefix="errcat-fuzz-")


@SUITE
@given(any_catalog)
def test_any_file_gives_a_catalog_or_problems_on_real_lines(data: bytes):
    check_catalog_bytes(data, Path(_scratch.name))


@pytest.mark.real_catalog
@SUITE
@given(st.data())
def test_mutations_of_the_real_catalog_give_a_catalog_or_problems_on_real_lines(data: st.DataObject):
    check_catalog_bytes(data.draw(mutated_catalogs(real_catalog())), Path(_scratch.name))


@SUITE
@given(pattern_catalogs())
def test_any_code_pattern_is_answered_within_the_budget(data: bytes):
    """Nested quantifiers and overlapping alternatives against codes that almost match: with
    a backtracking engine some examples would take hours; the deadline fails any that is slow."""
    check_catalog_bytes(data, Path(_scratch.name))


def build_in_process(project: Path) -> None:
    """`mkdocs build --strict`, in this process: dozens of builds in seconds, not minutes."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


@settings(max_examples=1, derandomize=True, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(
    st.lists(small_catalogs().map(dump), min_size=12, max_size=12),
    st.lists(mutated_catalogs(), min_size=24, max_size=24),
)
def test_anything_accepted_builds(small: list[bytes], mutated: list[bytes]):
    """Every accepted catalog among dozens of generated and mutated ones builds with --strict.

    A build is most of a second: the suite builds a few dozen (about 25 s); `scripts/fuzz`
    checks the loader on as many as you like."""
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    built = 0
    with tempfile.TemporaryDirectory(prefix="errcat-accepted-") as scratch:
        for index, data in enumerate(small + mutated):
            where = Path(scratch) / str(index)
            where.mkdir()
            (where / "catalog.yaml").write_bytes(data)
            catalog, _ = read_catalog(where / "catalog.yaml")
            if catalog is None:
                continue
            project = make_project(where / "project", data.decode("utf-8"))
            build_in_process(project)
            assert (project / "site" / "index.html").is_file()
            for category in catalog.categories:
                assert (project / "site" / category.id / "index.html").is_file(), category.id
            built += 1
    assert built >= 12  # the generated small catalogs are all acceptable, and some mutations
