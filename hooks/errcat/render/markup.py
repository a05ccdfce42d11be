"""Turn catalog text into HTML that cannot inject anything into a page.

Catalog descriptions are Markdown written by contributors. They are rendered here, not
by the site's own Markdown, so that raw HTML is shown as text, `{#id}` attribute lists
stay literal, headings cannot be created and only safe link targets survive. What
Python-Markdown writes then goes through nh3 (Rust's ammonia), with an allow-list of
exactly the tags and attributes it writes: a second line, should the first ever break.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Iterable
from html.parser import HTMLParser
from types import MappingProxyType

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE

# Text made only of these characters renders to itself: no need to run Markdown on it.
_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 .,;:'\"()/?%$@=~^+-]*")
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
# A browser's URL parser strips leading and trailing C0 controls and spaces and removes
# tabs and line breaks anywhere, so `java\tscript:` is still javascript:. Removing every
# C0 control and space anywhere reads no URL as safer than a browser does.
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]+")


def browser_url(value: str) -> str:
    """An href as Python-Markdown stores it, read the way a browser reads the attribute.

    The browser decodes character references first (`&#106;`, `&colon;`, `&Tab;`, with
    or without the semicolon) and only then parses the URL. `html.unescape` decodes at
    least as much as a browser does in an attribute value, and never less, so a scheme
    hidden behind references is always seen; AMP_SUBSTITUTE is Python-Markdown's stand-in
    for an `&` it writes itself (an e-mail autolink's references).
    """
    return _IGNORED_IN_URL.sub("", html.unescape(value.replace(AMP_SUBSTITUTE, "&")))


def is_safe_url(url: str) -> bool:
    """True for relative URLs, fragments and http(s)/mailto links, as a browser reads `url`."""
    match = _SCHEME.match(browser_url(url))
    return match is None or match.group(1).lower() in SAFE_SCHEMES


class _NeutraliseUnsafeElements(Treeprocessor):
    """Links with an unsafe target become plain text; images become their alt text."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element.tag == "a" and not is_safe_url(element.get("href", "")):
                element.tag = "span"
                element.attrib.clear()
            elif element.tag == "img":
                alt = element.get("alt", "")
                element.tag = "span"
                element.attrib.clear()
                element.text = alt


def _make_markdown() -> markdown.Markdown:
    md = markdown.Markdown(output_format="html")
    md.preprocessors.deregister("html_block")  # raw HTML blocks become text
    md.inlinePatterns.deregister("html")  # inline tags too
    for block in ("hashheader", "setextheader", "hr"):  # no headings: they would add ids and search entries
        md.parser.blockprocessors.deregister(block)
    # Last, after "unescape" (0) has put backslash-escaped characters back: an href is
    # judged exactly as it will be written.
    md.treeprocessors.register(_NeutraliseUnsafeElements(md), "errcat-safe", -1)
    return md


# What Python-Markdown writes of catalog text, as configured above (no raw HTML, no
# headings, no rules, images made text), and nothing else: p, pre and code (code
# blocks and spans), ul, ol and li, blockquote, em and strong, br (a hard line break), a
# with href and title, and span (what an unsafe link or an image becomes). The Atom feed,
# /changes/ and the permanent pages put no catalog Markdown in, only escaped text.
ALLOWED_TAGS = frozenset({"p", "pre", "code", "ul", "ol", "li", "blockquote", "em", "strong", "br", "a", "span"})
ALLOWED_ATTRIBUTES = MappingProxyType({"a": frozenset({"href", "title"})})


def new_cleaner() -> nh3.Cleaner:
    """nh3's cleaner of exactly what Python-Markdown writes of catalog text (one per build)."""
    return nh3.Cleaner(
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(SAFE_SCHEMES),
        link_rel=None,  # Python-Markdown writes none: adding one would change every link
        strip_comments=True,
    )


# A character reference, as html.unescape reads one.
_REFERENCE = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")
_AS_REFERENCE = MappingProxyType({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\xa0": "&nbsp;"})
_WRITTEN_AS_REFERENCE = re.compile('[&<>"\xa0]')


def _characters_written_alike(rendered: str) -> str:
    """`rendered` with every character written one way: references decoded, except that
    & < > " and the no-break space are always written as references, raw or not (nh3
    writes a quote raw in text, Python-Markdown `&quot;` where a contributor did)."""

    def as_reference(match: re.Match[str]) -> str:
        return _AS_REFERENCE[match.group()]

    def decoded(match: re.Match[str]) -> str:
        return _WRITTEN_AS_REFERENCE.sub(as_reference, html.unescape(match.group()))

    return _REFERENCE.sub(decoded, rendered).replace('"', "&quot;").replace("\xa0", "&nbsp;")


def sanitized(rendered: str, cleaner: nh3.Cleaner) -> str:
    """Python-Markdown's HTML after nh3, or as it was where nh3 took nothing out.

    nh3 parses and writes the HTML again: it writes `&copy;` as ©, `&#65;` as A, an
    e-mail link's references as letters and a no-break space as `&nbsp;`. Output that
    differs only in how characters are written is kept as Python-Markdown wrote it, so
    that safe text renders byte for byte as before; any other difference means nh3 took
    something out, and its output is used. The comparison never equates markup with
    escaped text (`<` and `&lt;`, `>` and `&gt;` stay apart): nh3 only takes out and
    rewrites, so nothing it took out can hide in it.
    """
    cleaned = cleaner.clean(rendered)
    if cleaned == rendered or _characters_written_alike(cleaned) == _characters_written_alike(rendered):
        return rendered
    return cleaned


# Rendered Markdown by source text, for one build: a description is shown on its page,
# in the index and in catalog.json, and Python-Markdown takes about half a millisecond
# for each.
_BOUNDARY = "errcatboundary"
# Texts that cannot share a document: a reference definition ([1]: url) applies to the
# whole document, wherever it stands (at a line's start, in a quote, in a list item: any
# `]:` is taken for one), and a text holding the boundary word would split itself.
_NOT_BATCHABLE = re.compile(r"\]:|" + _BOUNDARY, re.I)


class Markup:
    """Catalog Markdown rendered for one build: its own Python-Markdown and cache of results."""

    def __init__(self) -> None:
        self._md = _make_markdown()
        self._cleaner = new_cleaner()
        self._rendered: dict[str, str] = {}

    def block(self, text: str) -> str:
        """Catalog Markdown as HTML paragraphs (and lists), nothing interpreted as raw HTML."""
        if _PLAIN.fullmatch(text):
            return f"<p>{html.escape(text, quote=False)}</p>"
        rendered = self._rendered.get(text)
        if rendered is None:
            self._md.reset()
            rendered = self._rendered[text] = sanitized(self._md.convert(text), self._cleaner)
        return rendered

    def inline(self, text: str) -> str:
        """Like block, without the paragraph around a single paragraph."""
        rendered = self.block(text)
        if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
            return rendered[3:-4]
        return rendered

    def text(self, text: str) -> str:
        """Catalog Markdown as the plain text a reader sees: for JSON and other tools."""
        if _PLAIN.fullmatch(text):
            return text
        parser = _TextOnly()
        parser.feed(self.block(text))
        parser.close()
        return " ".join("".join(parser.parts).split())

    def prepare(self, texts: Iterable[str]) -> None:
        """Render many texts in one Python-Markdown run, ahead of `block`.

        Most of the cost of a conversion is the run, not the text: at 10,000 codes, one
        run for all is about ten times faster than one run each. Texts are separated by
        blank lines and a boundary paragraph, which no block can reach across (raw HTML
        and fenced blocks are off); texts that could reach across are left to `block`.
        """
        pending = list(
            dict.fromkeys(
                text
                for text in texts
                if text not in self._rendered and not _PLAIN.fullmatch(text) and not _NOT_BATCHABLE.search(text)
            )
        )
        if not pending:
            return
        separator = "\n\n{}{}\n\n"
        document = "".join(text + separator.format(_BOUNDARY, index) for index, text in enumerate(pending))
        self._md.reset()
        parts = re.split(rf"\n?<p>{_BOUNDARY}\d+</p>\n?", self._md.convert(document))
        if len(parts) != len(pending) + 1:  # pragma: no cover - render one by one instead
            return
        self._rendered.update(zip(pending, (sanitized(part, self._cleaner) for part in parts[:-1]), strict=True))

    def is_rendered(self, text: str) -> bool:
        return text in self._rendered


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)
