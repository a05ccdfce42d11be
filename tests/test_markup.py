"""Rendering catalog Markdown: many texts in one run give what one run each gives."""

from __future__ import annotations

import pytest

from errcat import Catalog
from errcat.render.markup import Markup
from test_hostile import CATEGORY_DESCRIPTION, DESCRIPTION, EXAMPLES, MESSAGE

SAMPLES = [
    DESCRIPTION,
    *EXAMPLES,
    MESSAGE,
    CATEGORY_DESCRIPTION,
    "The `x` y *z*.",
    "- a\n- b",
    "    code\nblock",
    "> quote",
    "1. one\n2. two",
    "a  \nb",
    "**bold** and _it_",
    "[ref][x]\n\n[x]: https://e.org",
    "[x]\n\n[x]: javascript:alert(1)",
    "text errcatboundary1 here",
    "*unclosed",
    "`unclosed",
    "a\n\nb\n\nc",
    "Use `-1`.",
    "[l](https://a.b) & <c>",
    "# not a heading",
    "---",
    "Setext\n===",
]


def one_run_each(texts: list[str]) -> dict[str, str]:
    markup = Markup()
    return {text: markup.block(text) for text in texts}


def one_run(texts: list[str]) -> dict[str, str]:
    markup = Markup()
    markup.prepare(texts)
    return {text: markup.block(text) for text in texts}


def test_one_run_for_all_renders_each_text_as_alone():
    assert one_run(SAMPLES) == one_run_each(SAMPLES)


def test_one_run_renders_the_real_catalog_as_alone(catalog: Catalog):
    texts = (
        [error.description for _, error in catalog.codes()]
        + [example for _, error in catalog.codes() for example in error.examples]
        + [category.description for category in catalog.categories if category.description]
    )
    assert one_run(texts) == one_run_each(texts)


@pytest.mark.parametrize("text", ["[x]: https://e.org", "text errcatboundary7"])
def test_texts_that_could_reach_across_are_not_batched(text):
    markup = Markup()
    markup.prepare([text, "`a` b"])
    assert not markup.is_rendered(text)
    assert markup.is_rendered("`a` b")


def test_each_build_renders_afresh():
    # No state is shared between builds: what one Markup rendered, another has not.
    first = Markup()
    first.prepare(["The `x` y *z*."])
    assert first.is_rendered("The `x` y *z*.") and not Markup().is_rendered("The `x` y *z*.")
