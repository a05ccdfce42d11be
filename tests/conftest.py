from __future__ import annotations

from pathlib import Path

import pytest

from errcat import Catalog, read_catalog
from sitecheck import ROOT, Site, built_site, make_project

pytest_plugins = ["realcatalog", "browser_fixtures"]


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    result, problems = read_catalog(ROOT / "catalog.yaml")
    assert not problems, "\n".join(map(str, problems))
    assert result is not None
    return result


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The real project, built once with `mkdocs build --strict` into a temporary folder."""
    return built_site(ROOT, tmp_path_factory.mktemp("site"))


@pytest.fixture
def project(tmp_path: Path):
    """Make a copy of the project with a catalog of the test's own."""
    return lambda catalog_text=None, published_text=None: make_project(
        tmp_path / "project", catalog_text, published_text
    )
