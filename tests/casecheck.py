"""The broken catalogs of tests/cases, read as the build reads them: the problems each gives.

Plain Python over errcat's own API (no pytest, no parser of HTML), so that it runs in any
environment errcat is installed in: tests/test_validation.py compares each case's problems
with its expected.txt here, and tests/test_versions.py in errcat's oldest dependencies.
"""

from __future__ import annotations

from pathlib import Path

from errcat import Problem, Schema, check_project, read_catalog, site_paths_of

CASES_FOLDER = Path(__file__).resolve().parent / "cases"
CASES = sorted(path for path in CASES_FOLDER.iterdir() if (path / "expected.txt").exists())
SCHEMA = Schema()

# The site's own pages the cases are checked against, frozen: a pull request that adds a
# page to docs/ must not change what a broken catalog's messages say.
CASE_DOCS = ("index.md", "using.md", "catalog-json.md", "clients.md", "assets/errcat-extra.css")


def expected_lines(case: Path) -> list[str]:
    return (case / "expected.txt").read_text(encoding="utf-8").splitlines()


def case_docs(tmp_path: Path) -> Path:
    docs = tmp_path / "case-docs"
    for name in CASE_DOCS:
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text("", encoding="utf-8")
    return docs


def case_problems(case: Path, tmp_path: Path) -> list[Problem]:
    docs = case_docs(tmp_path)
    hexed = case / "catalog.yaml.hex"
    if hexed.exists():
        (tmp_path / "catalog.yaml").write_bytes(bytes.fromhex("".join(hexed.read_text().split())))
        case = tmp_path
    if (case / "published-codes.txt").exists():
        # A case with a file `publishing` is checked as a build that publishes (errcat check --publishing).
        catalog, problems = check_project(case, docs, SCHEMA, publishing=(case / "publishing").exists())
    else:
        catalog, problems = read_catalog(
            case / "catalog.yaml", "catalog.yaml", schema=SCHEMA, site_paths=site_paths_of(docs)
        )
    assert catalog is None
    return problems
