"""Turn catalog text into HTML that cannot inject anything into a page.

Catalog descriptions are Markdown written by contributors. They are rendered here, not
by the site's own Markdown, so that raw HTML is shown as text, `{#id}` attribute lists
stay literal, headings cannot be created and only safe link targets survive.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Iterable
from html.parser import HTMLParser

import markdown
from markdown.treeprocessors import Treeprocessor

# Text made only of these characters renders to itself: no need to run Markdown on it.
_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 .,;:'\"()/?%$@=~^+-]*")
_SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
# Browsers ignore tabs and line breaks anywhere in a URL and leading control characters
# or spaces, so `java\tscript:` is still javascript:. Strip them before judging.
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]+")


def is_safe_url(url: str) -> bool:
    """True for relative URLs, fragments and http(s)/mailto links."""
    match = _SCHEME.match(_IGNORED_IN_URL.sub("", url))
    return match is None or match.group(1).lower() in _SAFE_SCHEMES


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
    md.treeprocessors.register(_NeutraliseUnsafeElements(md), "errcat-safe", 1)
    return md


# Rendered Markdown by source text, for one build: a description is shown on its page,
# in the index and in catalog.json, and Python-Markdown takes about half a millisecond
# for each.
_BOUNDARY = "errcatboundary"
# Texts that cannot share a document: a reference definition ([1]: url) applies to the
# whole document, and a text holding the boundary word would split itself.
_NOT_BATCHABLE = re.compile(r"^ {0,3}\[[^\]]+\]:|" + _BOUNDARY, re.M | re.I)


class Markup:
    """Catalog Markdown rendered for one build: its own Python-Markdown and cache of results."""

    def __init__(self) -> None:
        self._md = _make_markdown()
        self._rendered: dict[str, str] = {}

    def block(self, text: str) -> str:
        """Catalog Markdown as HTML paragraphs (and lists), nothing interpreted as raw HTML."""
        if _PLAIN.fullmatch(text):
            return f"<p>{html.escape(text, quote=False)}</p>"
        rendered = self._rendered.get(text)
        if rendered is None:
            self._md.reset()
            rendered = self._rendered[text] = self._md.convert(text)
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
        self._rendered.update(zip(pending, parts[:-1], strict=True))

    def is_rendered(self, text: str) -> bool:
        return text in self._rendered


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)
