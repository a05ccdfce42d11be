"""A Python-Markdown extension for the staged site: errcat's finished HTML, kept out of Markdown.

Zensical renders every page with Python-Markdown and the site's `markdown_extensions`, and
errcat's pages reach it as finished HTML (a category page's body, the index's table). Put in
a page as raw HTML, it is read twice over for nothing: Markdown parses every tag of it to
find where the block ends, and Zensical reads the page's text before that. At 10,000 codes
that was three quarters of Zensical's build. So the stage writes each finished part to a
file of its own, outside the docs, named by its digest (`Parts`), and puts one marker line
in the page; this extension, named in the staged config, stores the file's HTML as raw HTML
in place of the line, as Markdown itself stores a block it has parsed, so it comes out byte
for byte. A changed part is a changed marker, so `serve` renders its page again.

A page's table of contents travels with its part: Markdown makes one only of the headings it
parsed, so the extension hands Zensical errcat's own, as the `toc` extension's tokens
(`toc_tokens`, the attribute Python-Markdown documents and Zensical reads).

A site that leaves `markdown_extensions` to Zensical's defaults cannot name this extension
without losing them, and a Zensical of another Python (one on the PATH) cannot import it:
there the parts are put in the pages as raw HTML (`Parts(inline=True)`), the same output,
only slower, and without a category page's table of contents.

Only Python-Markdown is imported here: an extension is the documented way to extend
Zensical's Markdown, and nothing of Zensical's own is used.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from ...render.base import TocEntry

NAME = "errcat.engines.zensical.finished"  # as the staged config names it
_MARKER = re.compile(r"<!-- errcat-finished ([0-9a-f]{32}) ([0-9a-f]{32}) -->\Z")


class Parts:
    """The finished parts of the staged pages: what each page holds in their place (`place`),
    and the files the extension reads them from (`files`: name, text).

    A marker line carries the staging folder's `key` (random, kept in that folder, which only
    its user may read): a line an author writes in a page, in a code block say, is never
    taken for one.
    """

    def __init__(self, inline: bool, key: str) -> None:
        self.inline = inline
        self.key = key
        self.files: dict[str, str] = {}

    def place(self, html: str, toc: Iterable[TocEntry] | None = None) -> str:
        """What a page holds for `html`, with `toc`, the page's whole table of contents."""
        if self.inline:
            return html
        text = json.dumps({"html": html.strip(), "toc": None if toc is None else [_token(entry) for entry in toc]})
        digest = hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()
        self.files[f"{digest}.json"] = text
        return f"<!-- errcat-finished {self.key} {digest} -->"


def _token(entry: TocEntry) -> dict[str, Any]:
    """A heading as the `toc` extension describes it (errcat's title is already HTML without tags)."""
    return {
        "level": entry.level,
        "id": entry.id,
        "name": entry.title,
        "html": entry.title,
        "data-toc-label": "",
        "children": [_token(child) for child in entry.children],
    }


class _Store(Preprocessor):
    """Each marker line, replaced by its part, stored as raw HTML."""

    def __init__(self, md: Markdown, folder: Path, key: str, tocs: list[list[dict[str, Any]]]) -> None:
        super().__init__(md)
        self.folder = folder
        self.key = key
        self.tocs = tocs

    def run(self, lines: list[str]) -> list[str]:
        self.tocs.clear()
        out: list[str] = []
        for line in lines:
            marker = _MARKER.match(line)
            if marker is None or marker.group(1) != self.key:
                out.append(line)
                continue
            try:
                part = json.loads((self.folder / f"{marker.group(2)}.json").read_text(encoding="utf-8"))
            except OSError as error:  # a page staged without its part: never silently empty
                raise RuntimeError(f"errcat: a staged part is missing ({error}); build again") from None
            if part["toc"] is not None:
                self.tocs.append(part["toc"])
            out += ["", self.md.htmlStash.store(part["html"]), ""]
        return out


class _Toc(Postprocessor):
    """The page's table of contents with errcat's headings, where a part brought them."""

    def __init__(self, md: Markdown, tocs: list[list[dict[str, Any]]]) -> None:
        super().__init__(md)
        self.tocs = tocs

    def run(self, text: str) -> str:
        if self.tocs:
            tokens = list(getattr(self.md, "toc_tokens", []))
            for toc in self.tocs:
                tokens += toc
            self.md.toc_tokens = tokens  # type: ignore[attr-defined]
        return text


class FinishedExtension(Extension):
    def __init__(self, **kwargs: Any) -> None:
        self.config = {"folder": ["", "The folder of the staged parts"], "key": ["", "The key of the markers"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # Python-Markdown's name
        tocs: list[list[dict[str, Any]]] = []
        folder, key = Path(self.getConfig("folder")), self.getConfig("key")
        # After whitespace is normalized (30, which removes the characters of the stash's
        # placeholders), before raw HTML is parsed (20).
        md.preprocessors.register(_Store(md, folder, key, tocs), "errcat_finished", 25)
        md.postprocessors.register(_Toc(md, tocs), "errcat_finished_toc", 0)


def makeExtension(**kwargs: Any) -> FinishedExtension:  # Python-Markdown's name
    return FinishedExtension(**kwargs)
