"""Codes never disappear: every code ever published stays in the catalog."""

from __future__ import annotations

from pathlib import Path

from sitecheck import ROOT

from errcat import Catalog

PUBLISHED = ROOT / "tests" / "published-codes.txt"


def read_published(path: Path = PUBLISHED) -> list[int]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [int(line.split()[0]) for line in lines if line.strip() and not line.startswith("#")]


def missing_published_codes(published: list[int], catalog: Catalog) -> list[str]:
    """What to tell a contributor who deleted published codes; empty when none is missing."""
    present = {error.code for _, error in catalog.codes()}
    return [
        f"code {code} was published and is missing from catalog.yaml. Published codes are never"
        f" deleted: links to /<category>/#{code} and /codes/{code}/ must keep working. Put it back"
        f" and mark it `status: removed`, with a `note` saying what replaced it."
        for code in published
        if code not in present
    ]


def unlisted_codes(published: list[int], catalog: Catalog) -> list[str]:
    listed = set(published)
    return [
        f"code {error.code} ({error.message}) is new: add the line `{error.code}` to tests/published-codes.txt"
        for _, error in catalog.codes()
        if error.code not in listed
    ]


def test_no_published_code_is_missing_from_the_catalog(catalog: Catalog):
    problems = missing_published_codes(read_published(), catalog)
    assert not problems, "\n".join(problems)


def test_every_code_of_the_catalog_is_listed_as_published(catalog: Catalog):
    problems = unlisted_codes(read_published(), catalog)
    assert not problems, "\n".join(problems)


def test_published_list_has_no_duplicates():
    codes = read_published()
    assert len(codes) == len(set(codes))


def test_deleting_a_published_code_is_reported_with_the_fix(catalog: Catalog):
    # The check above, on a catalog where a contributor deleted 70093.
    from dataclasses import replace

    from errcat.model import Catalog as CatalogType

    trimmed = CatalogType(
        tuple(
            replace(category, codes=tuple(error for error in category.codes if error.code != 70093))
            for category in catalog.categories
        )
    )
    problems = missing_published_codes(read_published(), trimmed)
    assert len(problems) == 1
    assert problems[0].startswith("code 70093 was published and is missing from catalog.yaml.")
    assert "mark it `status: removed`" in problems[0]


def test_adding_a_code_without_listing_it_is_reported(catalog: Catalog):
    published = [code for code in read_published() if code != 80053]
    problems = unlisted_codes(published, catalog)
    assert problems == [
        "code 80053 (SYSTEM MESSAGE DELETION IS NOT ALLOWED) is new: add the line `80053` to tests/published-codes.txt"
    ]
