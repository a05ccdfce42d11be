"""Rendering catalog Markdown: many texts in one run give what one run each gives, and no
text, however disguised, writes anything that could run."""

from __future__ import annotations

import functools
import html
import html.entities
import re
from datetime import timedelta

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from errcat import Catalog
from errcat.render.markup import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    Markup,
    _make_markdown,
    is_safe_url,
    new_cleaner,
    sanitized,
)
from test_hostile import CATEGORY_DESCRIPTION, DESCRIPTION, EXAMPLES, MESSAGE
from xss import elements, is_allowed, read_vectors, what_could_run

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


@pytest.mark.parametrize(
    "text", ["[x]: https://e.org", "> [x]: https://e.org", "- item\n\n    [x]: https://e.org", "text errcatboundary7"]
)
def test_texts_that_could_reach_across_are_not_batched(text):
    markup = Markup()
    markup.prepare([text, "`a` b"])
    assert not markup.is_rendered(text)
    assert markup.is_rendered("`a` b")


def test_a_definition_in_one_text_never_links_another():
    # Found in review: a definition in a quote, batched with a text that uses its label.
    texts = ["> [y]: https://evil.example/q", "see [the docs][y]"]
    assert one_run(texts) == one_run_each(texts)
    assert "evil.example" not in one_run(texts)["see [the docs][y]"]


def test_each_build_renders_afresh():
    # No state is shared between builds: what one Markup rendered, another has not.
    first = Markup()
    first.prepare(["The `x` y *z*."])
    assert first.is_rendered("The `x` y *z*.") and not Markup().is_rendered("The `x` y *z*.")


# --- nothing that could run: tests/data/xss-vectors.txt, and generated disguises ------------

VECTORS = read_vectors()


def attributes_markup_never_writes(rendered: str) -> list[str]:
    """Attributes in `rendered` that Markup does not write: empty when there are none."""
    return [
        f"{name} on <{tag}>"
        for tag, attributes in elements(rendered)
        for name, _ in attributes
        if name not in ALLOWED_ATTRIBUTES.get(tag, ())
    ]


@pytest.mark.parametrize("vector", VECTORS)
def test_no_vector_writes_anything_that_could_run(vector: str):
    rendered = Markup().block(vector)
    assert what_could_run(rendered, ALLOWED_TAGS) == []
    assert attributes_markup_never_writes(rendered) == []


def test_one_run_for_all_renders_each_vector_as_alone():
    assert one_run(VECTORS) == one_run_each(VECTORS)


@pytest.mark.parametrize("vector", VECTORS)
def test_nh3_alone_leaves_nothing_that_could_run(vector: str):
    # The second line on its own: Python-Markdown with raw HTML on and no check of links.
    rendered = sanitized(markdown.markdown(vector), new_cleaner())
    assert what_could_run(rendered, ALLOWED_TAGS) == []
    assert attributes_markup_never_writes(rendered) == []


@pytest.mark.parametrize(
    "text",
    [
        *SAMPLES,
        "&copy; &#65; &#x42; &amp; &lt; &gt; &quot; &nbsp; &foo; &ampx",
        "Mail <someone@example.com> or <mailto:x@example.org>",
        'a\u00a0b [l](https://example.com/?a=1&b=2 "t&quot;<>")',
        "<https://example.com/a&amp;b>",
    ],
)
def test_nh3_keeps_safe_output_byte_for_byte(text: str):
    # nh3 writes some characters differently (&copy; as ©): where it takes nothing out,
    # what Python-Markdown wrote is kept.
    assert Markup().block(text) == _make_markdown().convert(text)


def test_an_unsafe_link_is_shown_as_its_text():
    rendered = Markup().block("See [the guide](&#106;avascript:alert(1)) first.")
    assert rendered == "<p>See <span>the guide</span> first.</p>"


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://example.com/", True),
        ("HTTP://example.com/", True),
        ("mailto:someone@example.com", True),
        ("#code-42", True),
        ("../payments/#42", True),
        ("//example.com/", True),
        ("?q=42", True),
        ("javascript:alert(1)", False),
        ("&#106;avascript:alert(1)", False),
        ("javascript&colon;alert(1)", False),
        ("java&Tab;script:alert(1)", False),
        ("\x01 javascript:alert(1)", False),
        ("data:text/html,x", False),
        ("ftp://example.com/", False),
        ("tel:+15550100", False),
    ],
)
def test_only_http_https_mailto_and_relative_urls_are_safe(url: str, safe: bool):
    assert is_safe_url(url) is safe


# What a browser reads through before or in a URL's scheme (some only at its ends), and
# the ways to write a character as a reference that html.unescape and browsers decode.
SCHEMES = ["javascript", "vbscript", "data", "file", "blob", "http", "https", "mailto", "ftp"]
IGNORED = ["", "", "\t", "\n", "\r", " ", "\x00", "\x01", "\x0b", "\x0c", "\x1f", "\x7f", "\t\n", "\x00 "]
NAMED: dict[str, list[str]] = {}
for _name, _character in html.entities.html5.items():
    NAMED.setdefault(_character, []).append(_name)


def references(character: str) -> list[str]:
    code = ord(character)
    forms = [character, f"&#{code};", f"&#{code}", f"&#00{code};", f"&#0000{code}", f"&#x{code:x};", f"&#X{code:X};"]
    return forms + [f"&#x{code:X}", *(f"&{name}" for name in sorted(NAMED.get(character, [])))]


@functools.cache
def disguises(character: str) -> st.SearchStrategy[str]:
    """`character`, in either case, as itself or a reference, after something a browser ignores."""
    cases = {character.lower(), character.upper()}
    return st.sampled_from([ignored + form for ignored in IGNORED for case in cases for form in references(case)])


@st.composite
def disguised_urls(draw: st.DrawFn) -> str:
    url = draw(st.sampled_from(["", " ", "\x0c", "&Tab;", "&NewLine;", "&#32;", " &Tab;"]))
    for character in draw(st.sampled_from(SCHEMES)) + ":":
        url += draw(disguises(character))
    return url + "alert(1)"


PROPERTY = settings(max_examples=200, derandomize=True, database=None, deadline=timedelta(seconds=5))


@PROPERTY
@given(disguised_urls())
def test_is_safe_url_is_never_less_strict_than_a_browser(url: str):
    browser_reads = html.unescape(url)
    assert not is_safe_url(url) or is_allowed(browser_reads)
    # Where nothing but tabs, line breaks and leading or trailing blanks could hide the
    # scheme, it reads exactly what a browser reads.
    if not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x20\x7f]", browser_reads.strip("".join(map(chr, range(0x21))))):
        assert is_safe_url(url) is is_allowed(browser_reads)


@PROPERTY
@given(disguised_urls(), st.sampled_from(["[x]({})", "[x][1]\n\n[1]: {}", "<{}//x>", "[x](<{}>)", "![x]({})"]))
def test_every_href_markup_writes_has_an_allowed_scheme_or_none(url: str, form: str):
    rendered = Markup().block(form.format(url))
    for tag, attributes in elements(rendered):
        assert tag in ALLOWED_TAGS
        for name, value in attributes:
            assert name in ALLOWED_ATTRIBUTES.get(tag, ())
            assert name != "href" or is_allowed(value), rendered
