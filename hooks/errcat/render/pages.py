"""Pages written as HTML, out of the site generator: each code's permanent page, and the head of every page."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from ..catalog.model import Category, ErrorCode
from ..catalog.paths import CODE_LOOKUP
from .base import CODE_PATTERNS, JS_CLASS, PAGE_MARK, READY, SCRIPT, GeneratedFile, RenderContext

# The head's mark of the site's own 404 page, where errcat's is not the one (a site whose
# references are all in folders): errcat.js reads it.
NOT_FOUND_MARK = '<meta name="errcat-not-found" content="errcat">'
# Material's container: header-less, it holds the page, its sidebars and its footer, and is
# the element Material's instant navigation swaps for the next page's.
_CONTAINER = re.compile(r'<[a-z]+\b[^<>]*\bdata-md-component="container"[^<>]*>')


class StandalonePages(RenderContext):
    """The permanent pages /<permalinks>/<code>/ and the head every page gets."""

    def permalink_pages(self) -> Iterator[GeneratedFile]:
        """The permanent page of every code, /codes/<code>/, made one at a time as it is
        written: there is one per code, and none is a page for the site generator."""
        for category, error in self.catalog.codes():
            yield GeneratedFile(self.urls.permalink_html(error.code), self.code_redirect(category, error))

    def permalink_page(self, code: str) -> str | None:
        """The permanent page of the code written `code` in its address, if the catalog has it."""
        found = self.catalog.find_text(code)
        return self.code_redirect(*found) if found else None

    # --- pages written as HTML --------------------------------------------------------------

    def code_redirect(self, category: Category, error: ErrorCode) -> str:
        """The permanent page /codes/<code>/: a redirect to the code's anchor that needs no JavaScript.

        It stays valid when a code moves to another category, so tools can print it.
        """
        escape = self.escape
        target = "../../" + self.urls.code(category.id, error.code)
        origin = self.site_url if self.site_url and self.site_url != "/" else "../../"
        canonical = origin + self.urls.code(category.id, error.code)
        site_root = "../../" + self.urls.site_root_from_folder
        words = self.words
        name = escape(f"{error.code} {error.message}")
        title = escape(words.text("permanent.title", code=words.isolated_text(f"{error.code} {error.message}")))
        heading = words.html("permanent.title", code=words.isolated(name))
        link = f'<a href="{escape(target)}"{self.ltr}>{name}</a>'
        text = words.html("permanent.text", code=link, category=escape(category.title))
        return f"""<!doctype html>
<html {self.html_attributes}>
<head>
<meta charset="utf-8">
<title>{title}</title>
<meta name="robots" content="noindex">{self.icon_link(site_root)}
<link rel="canonical" href="{escape(canonical)}">
<meta http-equiv="refresh" content="0; url={escape(target)}">{self.head_links("../../")}
</head>
<body>
<main>
<h1>{heading}</h1>
<p>{text}</p>
</main>
</body>
</html>
"""

    def page_head(self, root: str, is_index: bool = False, scripts: bool = True) -> str:
        """What every page of the site gets in its <head>: the facts errcat.js reads, the feed
        and search links, and (`scripts`: once a page, from the site's first errcat) the
        scripts that must run before the page's body is parsed.

        `root` is the site's root as the page links it: relative (`../` from a category
        page), or from the host's root (`/error-codes/`) for a page served at any depth.
        `is_index`: the page is this reference's index, where ?q= filters the table.
        """
        escape = self.escape
        ready = "".join(part.capitalize() if index else part for index, part in enumerate(READY.split("-")))
        settings = {
            **({"folder": self.urls.folder} if self.urls.folder else {}),
            "lookup": self.urls.file(CODE_LOOKUP),
            "script": SCRIPT,
            "ready": ready,
            "code-type": self.catalog.code_type,
            "code-pattern": CODE_PATTERNS[self.catalog.code_type],
            "code-label": self.names.code_label,
            "message-label": self.names.message_label,
            # The words errcat.js writes, in the site's language, and what it needs to count.
            "words": json.dumps(self.words.for_script(), ensure_ascii=False, separators=(",", ":")),
        }
        attributes = "".join(f' data-{name}="{escape(value)}"' for name, value in settings.items())
        parts = [f'<meta name="errcat" content="errcat"{attributes}>', self.head_links(root + self.urls.folder).strip()]
        # With scripts on, the table of codes starts at its first rows (FIRST_PAINT_RULE),
        # so the browser never lays out thousands of rows that errcat.js would take away at
        # once; if errcat.js did not set the table up (it failed to load), every row shows.
        if scripts:
            parts.append(
                "<script>"
                f'document.documentElement.classList.add("{JS_CLASS}");'
                'window.addEventListener("load",function(){'
                f'if(!document.querySelector("table.errcat-index[data-{READY}]"))'
                f'document.documentElement.classList.remove("{JS_CLASS}");'
                "});</script>"
            )
        if is_index:
            # On the index page ?q= filters the table of codes. Material's search reads ?q=
            # as it starts and would open itself over the page: take the query away from it
            # before it runs; errcat.js puts it back into the address.
            parts.append(
                "<script>(function(){var url=new URL(window.location.href);"
                'if(!url.searchParams.has("q"))return;'
                'window.__errcatInitialQuery=url.searchParams.get("q");'
                'url.searchParams.delete("q");'
                'window.history.replaceState(window.history.state,"",url.href);})();</script>'
            )
        return "\n".join(part for part in parts if part) + "\n"


def mark_not_found(output: str) -> str:
    """The site's own 404 page (`output`, the theme's or the site's, as it is) with a mark in its
    head, NOT_FOUND_MARK: errcat.js, on this page, helps only at an address in a reference's
    folder; anywhere else the page is the site's, unchanged."""
    return output.replace("</head>", NOT_FOUND_MARK + "\n</head>", 1)


def mark_page(output: str) -> str:
    """A page of errcat's (`output`, as the theme wrote it) with its mark, PAGE_MARK, on
    Material's container: errcat.css keeps its page-wide rules (links, footer, permalinks,
    code blocks) to the pages so marked, and instant navigation takes the mark away with
    the page. Another theme's page, with no such container, is left as it is."""
    found = _CONTAINER.search(output)
    if found is None or PAGE_MARK in found.group():
        return output
    end = found.end() - 1  # before the tag's '>'
    return f"{output[:end]} {PAGE_MARK}{output[end:]}"
