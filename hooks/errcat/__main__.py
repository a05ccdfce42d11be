"""`python -m errcat check`: check the catalog and the published record without building the site."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import CATALOG_NAME, check_project, format_problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m errcat",
        description="Check catalog.yaml and published-codes.txt with the same rules and messages as the build.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="check the catalog; exit status 1 if it has problems")
    check.add_argument(
        "catalog",
        nargs="?",
        type=Path,
        default=Path(CATALOG_NAME),
        help="the catalog (default: ./catalog.yaml); published-codes.txt and docs/ are read beside it",
    )
    arguments = parser.parse_args(argv)
    path: Path = arguments.catalog
    if path.name != CATALOG_NAME:
        parser.error(f"expected a file named {CATALOG_NAME}, got {path}")
    started = time.perf_counter()
    root = path.resolve().parent
    catalog, problems = check_project(root, root / "docs")
    if problems:
        print(format_problems(problems), file=sys.stderr)
        return 1
    assert catalog is not None
    print(
        f"{CATALOG_NAME}: {len(catalog.codes())} codes in {len(catalog.categories)} categories, no problems"
        f" ({time.perf_counter() - started:.2f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
