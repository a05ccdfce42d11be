"""Error-code catalog: load, check and render catalog.yaml, independent of MkDocs.

The data flows one way: load (YAML to data with lines) -> schema and validate (a list
of problems) -> published (the record) -> model -> render; `check` and `site` run the
steps for a build. The package name is distinctive on purpose: MkDocs imports hook
siblings as top-level modules, so a generic name such as `model` could shadow another.
"""

from __future__ import annotations

from .catalog.check import CATALOG_NAME, check_project, format_problems, paused_gc, read_catalog, site_paths_of
from .catalog.model import Catalog, Category, ErrorCode
from .catalog.problems import Location, Problem
from .catalog.published import PUBLISHED_NAME
from .catalog.schema import Schema

__all__ = (
    "CATALOG_NAME",
    "PUBLISHED_NAME",
    "Catalog",
    "Category",
    "ErrorCode",
    "Location",
    "Problem",
    "Schema",
    "check_project",
    "format_problems",
    "paused_gc",
    "read_catalog",
    "site_paths_of",
)
