"""What the script-injection tests share: the vectors of tests/data/xss-vectors.txt, a
browser's reading of a URL attribute, and a search of HTML for anything that could run.

The reading is the test's own, written from the HTML and WHATWG URL standards, apart from
errcat's: the tests compare the two.
"""

from __future__ import annotations

import codecs
import html
import re
from html.parser import HTMLParser

from sitecheck import ROOT

VECTORS_FILE = ROOT / "tests" / "data" / "xss-vectors.txt"
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
# Attributes whose value a browser loads, follows or submits as a URL.
URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "cite", "srcset", "ping"}
)
# Elements that run, embed or submit something: never made from catalog text.
ACTIVE_ELEMENTS = frozenset(
    {"script", "iframe", "frame", "object", "embed", "form", "svg", "math", "base", "meta", "link", "style", "img"}
)
# WHATWG URL parsing: leading and trailing C0 controls and spaces are stripped, ASCII tab
# and newline removed anywhere; a scheme is an ASCII letter, then letters, digits, + - .
_C0_OR_SPACE = "".join(map(chr, range(0x21)))
_TAB_OR_NEWLINE = re.compile("[\t\n\r]")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")


# The loader refuses a catalog with these characters (C0 controls but tab and line feed,
# DEL): the vectors that hold one are for errcat's Markup alone.
REFUSED_IN_A_CATALOG = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def read_vectors() -> list[str]:
    """The vectors, one a line, with Python's backslash escapes read (the file is ASCII)."""
    lines = VECTORS_FILE.read_text(encoding="ascii").splitlines()
    return [codecs.decode(line, "unicode_escape") for line in lines if line.strip() and not line.startswith("#")]


def catalog_vectors() -> list[str]:
    """The vectors a catalog may hold."""
    return [vector for vector in read_vectors() if not REFUSED_IN_A_CATALOG.search(vector)]


def url_scheme(value: str) -> str | None:
    """The scheme, lower-cased, a browser finds in an attribute value already decoded; None for a relative URL."""
    match = _SCHEME.match(_TAB_OR_NEWLINE.sub("", value.strip(_C0_OR_SPACE)))
    return match.group(1).lower() if match else None


def written_url_scheme(written: str) -> str | None:
    """The scheme of an attribute value as written in HTML: its character references
    decoded (html.unescape decodes what a browser does in an attribute, and more)."""
    return url_scheme(html.unescape(written))


def is_allowed(value: str) -> bool:
    scheme = url_scheme(value)
    return scheme is None or scheme in ALLOWED_SCHEMES


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)  # attribute values decoded, as a browser does
        self.elements: list[tuple[str, list[tuple[str, str]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, [(name, value or "") for name, value in attrs]))


def elements(markup: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """Every start tag of `markup`, with its attributes decoded."""
    parser = _Elements()
    parser.feed(markup)
    parser.close()
    return parser.elements


def attributes_that_could_run(markup: str) -> list[str]:
    """The attributes of `markup` that could run script: an on* handler, a URL attribute
    whose scheme, read as a browser reads it, is not http, https or mailto, a style with
    a script or a URL in it. Empty when there are none."""
    found = []
    for tag, attributes in elements(markup):
        for name, value in attributes:
            if name.startswith("on"):
                found.append(f"{name} on <{tag}>")
            if name in URL_ATTRIBUTES and not is_allowed(value):
                found.append(f'{name}="{value}" on <{tag}>')
            if name == "style" and re.search(r"expression|url\s*\(|javascript", value, re.I):
                found.append(f'style="{value}" on <{tag}>')
    return found


def what_could_run(markup: str, elements_allowed: frozenset[str] | None = None) -> list[str]:
    """What in `markup` could run script: its attributes that could, and its active
    elements (or, with `elements_allowed`, any element not in it). Empty when nothing could."""
    refused = [
        f"<{tag}>"
        for tag, _ in elements(markup)
        if (tag in ACTIVE_ELEMENTS if elements_allowed is None else tag not in elements_allowed)
    ]
    return refused + attributes_that_could_run(markup)
