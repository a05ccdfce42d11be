"""Page text for the site, made for one build: no MkDocs imports, no state beyond the build."""

from __future__ import annotations

import html
import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from .markup import Markup, escape_markdown_text
from .model import Catalog, Category, ErrorCode, former_categories
from .paths import CATALOG_JSON, CODE_LOOKUP, Urls

INDEX_MARKER = "<!-- errcat:index -->"
# A table longer than LONG_TABLE rows shows ROWS_SHOWN matching rows at once (the rest
# behind a button): laying out rows is what a keystroke costs. The table carries both
# facts for errcat.js and errcat.css (data-rows-shown, the errcat-long class, a style).
LONG_TABLE = 200
ROWS_SHOWN = 50
# Until errcat.js has set a long table up, show only the rows it will show: laying out
# and styling every row, only for the script to take most of them away, costs seconds at
# 10,000 codes. Without JavaScript the errcat-js class is absent and every row shows.
# (The renderer marks long tables: a :has() test in CSS slowed the load of 10,000 rows
# by half.)
FIRST_PAINT_RULE = (
    ".errcat-js table.errcat-long:not([data-errcat-ready]) tbody tr:nth-child(n+{first_hidden}){{display:none}}"
)
CATALOG_JSON_VERSION = 1
_COMPACT_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class GeneratedFile:
    """A file of the site made from the catalog: a page (Markdown) or a file served as is."""

    path: str  # relative to the site's source folder, e.g. "contacts.md"
    content: str
    category: Category | None = None  # for a category page


class Renderer:
    """Every page and file the catalog adds to one build.

    `statuses` maps each status to what it means (from the schema); codes with
    `default_status` get no badge.
    """

    def __init__(
        self, catalog: Catalog, urls: Urls, site_url: str | None, statuses: Mapping[str, str], default_status: str
    ) -> None:
        self.catalog = catalog
        self.urls = urls
        self.root = site_url.rstrip("/") + "/" if site_url else "/"
        self.statuses = statuses
        self.default_status = default_status
        self.markup = Markup()
        # Titles and messages are escaped on several pages each; at 10,000 codes it adds up.
        self.escape = lru_cache(maxsize=None)(html.escape)
        texts = [category.description for category in catalog.categories if category.description]
        for _, error in catalog.codes():
            texts += [error.description, *error.examples, *([error.note] if error.note else [])]
        self.markup.prepare(texts)

    def files(self) -> list[GeneratedFile]:
        """Every file the catalog adds to the site (the index table goes into index.md)."""
        files = []
        moves = self.catalog.moved_away()
        for category in self.catalog.categories:
            page = self.category_page(category, moves.get(category.id, []))
            files.append(GeneratedFile(self.urls.category_src(category.id), page, category))
            for error in category.codes:
                files.append(GeneratedFile(self.urls.permalink_html(error.code), self.code_redirect(category, error)))
        current = {category.id for category in self.catalog.categories}
        for former, pairs in moves.items():
            if former not in current:
                files.append(GeneratedFile(self.urls.category_html(former), self.moved_page(former, pairs)))
        files.append(GeneratedFile(CODE_LOOKUP, self.code_lookup()))
        files.append(GeneratedFile(CATALOG_JSON, self.catalog_json()))
        return files

    def nav_title(self, category: Category) -> str:
        """The category's title for MkDocs' nav, where themes print titles as raw HTML."""
        return self.escape(category.title)

    # --- category pages ----------------------------------------------------------------

    def category_page(self, category: Category, moved_away: list[tuple[Category, ErrorCode]]) -> str:
        """The Markdown of one category page: its description, one section per code, then
        an anchor for each code that moved away from it, leading to where it is now."""
        # Material prints the front-matter title into <title> as it is, and would strip
        # tags from (and so unescape) any other title: give it escaped text.
        # The h1 gets a fixed id: the slug of the title would be made of catalog text, and
        # no code anchor (always a number) can collide with it.
        parts = [
            f"---\ntitle: {json.dumps(self.nav_title(category))}\n---\n",
            f"# {escape_markdown_text(category.title)} {{#top}}\n",
        ]
        if category.description:
            parts.append(f'<div class="errcat-intro">\n{self.markup.block(category.description)}\n</div>\n')
        parts += [self.code_section(category, error) for error in category.codes]
        if moved_away:
            items = "\n".join(self.moved_item(new_category, error) for new_category, error in moved_away)
            # Out of the search index and the table of contents: codes are found where they are.
            parts.append(
                '<div class="errcat-moved" data-search-exclude>\n'
                '<p class="errcat-label">Moved to other categories</p>\n'
                f"<ul>\n{items}\n</ul>\n</div>\n"
            )
        return "\n".join(parts)

    def code_section(self, category: Category, error: ErrorCode) -> str:
        # The heading is Markdown so that it gets into the table of contents and becomes
        # its own search entry; its id is exactly the code.
        heading = (
            f"## {error.code} {escape_markdown_text(error.message)}{self.badge(error)}"
            f" {{#{error.code} .errcat-heading}}\n"
        )
        body = [
            f'<div class="errcat-entry" data-code="{error.code}">',
            f'<p class="errcat-errmsg"><span>errmsg</span> <code>{self.escape(error.message)}</code></p>',
            *self.status_and_note(error),
            f'<div class="errcat-description">{self.markup.block(error.description)}</div>',
            *self.examples(error),
            *self.see_also(category, error),
            "</div>\n",
        ]
        return heading + "\n" + "\n".join(body)

    def status_and_note(self, error: ErrorCode) -> list[str]:
        note = self.markup.inline(error.note) if error.note else ""
        if error.status != self.default_status:
            return [
                f'<div class="errcat-status errcat-status--{error.status}">'
                f"<p><strong>{error.status.capitalize()}:</strong> {self.statuses[error.status]}"
                f"{' ' + note if note else ''}</p></div>"
            ]
        if note:
            return [f'<div class="errcat-note"><p><strong>Note:</strong> {note}</p></div>']
        return []

    def examples(self, error: ErrorCode) -> list[str]:
        if not error.examples:
            return []
        items = "".join(f"<li>{self.markup.inline(example)}</li>" for example in error.examples)
        title = "Example scenario" if len(error.examples) == 1 else "Example scenarios"
        return [f'<div class="errcat-examples"><p class="errcat-label">{title}</p><ul>{items}</ul></div>']

    def see_also(self, category: Category, error: ErrorCode) -> list[str]:
        if not error.see_also:
            return []
        links = []
        for code in error.see_also:
            target_category, target = self.catalog.lookup(code)
            href = (
                f"#{code}"
                if target_category is category
                else self.urls.root_from_category + self.urls.code(target_category.id, code)
            )
            links.append(
                f'<li><a href="{self.escape(href)}"><code>{code}</code> {self.escape(target.message)}</a></li>'
            )
        # Out of the search index: a search for 70093 should list 70093, not every
        # code that mentions it.
        return [
            '<div class="errcat-see-also" data-search-exclude><p class="errcat-label">See also</p>'
            f"<ul>{''.join(links)}</ul></div>"
        ]

    def badge(self, error: ErrorCode) -> str:
        if error.status == self.default_status:
            return ""
        return f' <span class="errcat-badge errcat-badge--{error.status}">{error.status}</span>'

    def moved_item(self, category: Category, error: ErrorCode) -> str:
        """The anchor a code keeps at a category it left: a visible line that links to its entry.

        errcat.js (or, on a stub page, its own script) follows the link at once.
        """
        root = self.urls.root_from_category
        target = self.escape(root + self.urls.code(category.id, error.code))
        return (
            f'<li id="{error.code}" class="errcat-moved-code"><a href="{target}"><code>{error.code}'
            f" {self.escape(error.message)}</code></a> moved to"
            f' <a href="{self.escape(root + self.urls.category(category.id))}">'
            f"<em>{self.escape(category.title)}</em></a></li>"
        )

    # --- the index table ------------------------------------------------------------------

    def index_table(self) -> str:
        """One HTML table of every code, for the home page.

        Written as HTML rather than a Markdown table: it is the largest thing on the site,
        and Markdown would only have to parse it back.
        """
        rows = []
        for category, error in self.catalog.codes():
            row_class = "" if error.status == self.default_status else f' class="errcat-row--{error.status}"'
            rows.append(
                f"<tr{row_class}>"
                f'<td><a href="{self.urls.code(category.id, error.code)}">{error.code}</a></td>'
                f'<td class="errcat-msg">{self.escape(error.message).replace("_", "_<wbr>")}{self.badge(error)}</td>'
                f'<td><a href="{self.urls.category(category.id)}">{self.escape(category.title)}</a></td>'
                f"<td>{self.markup.inline(error.description)}</td>"
                "</tr>"
            )
        # Out of the search index: every code has its own entry on its category page.
        # A long table is marked, with its number of rows shown, so that its first paint
        # shows only the rows the filter will show (errcat.js reads the same number).
        long = len(rows) > LONG_TABLE
        attributes = (
            f' class="errcat-index errcat-long" data-rows-shown="{ROWS_SHOWN}"' if long else ' class="errcat-index"'
        )
        table = (
            f"<table{attributes} data-search-exclude>\n"
            '<thead><tr><th data-sort="number">Code</th><th>Message</th><th>Category</th>'
            "<th>Description</th></tr></thead>\n"
            "<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"
        )
        if long:  # the first paint: only the rows errcat.js will show
            table += f"\n<style>{FIRST_PAINT_RULE.format(first_hidden=ROWS_SHOWN + 1)}</style>"
        return table

    # --- for tools --------------------------------------------------------------------------

    def catalog_json(self) -> str:
        """/catalog.json: every code for tools, in catalog order, with a fixed key order.

        The format is documented in docs/catalog-json.md; change both together, and bump
        CATALOG_JSON_VERSION when a key changes meaning or goes away.
        """
        root, urls, text = self.root, self.urls, self.markup.text
        codes = [
            {
                "code": error.code,
                "message": error.message,
                "description": text(error.description),
                "examples": [text(example) for example in error.examples],
                "category": {"id": category.id, "title": category.title},
                "status": error.status,
                "note": text(error.note) if error.note else None,
                "see_also": list(error.see_also),
                "url": root + urls.code(category.id, error.code),
                "permalink": root + urls.permalink(error.code),
                "former_urls": [root + urls.code(former, error.code) for former in former_categories(category, error)],
            }
            for category, error in self.catalog.codes()
        ]
        # One code a line: small, and a diff of two versions shows which codes changed.
        # Encoded in one call; `},{"code":` only occurs between two codes, since a quote
        # inside a JSON string is always escaped.
        lines = _COMPACT_JSON.encode(codes)[1:-1].replace('},{"code":', '},\n{"code":')
        return f'{{"version":{CATALOG_JSON_VERSION},"source":"catalog.yaml","codes":[\n{lines}\n]}}\n'

    def code_lookup(self) -> str:
        """JSON for the search box's direct hit and the 404 page: code -> where, message, category."""
        lookup = {
            str(error.code): {
                "url": self.urls.code(category.id, error.code),
                "message": error.message,
                "category": category.title,
            }
            for category, error in self.catalog.codes()
        }
        return json.dumps(lookup, ensure_ascii=False, separators=(",", ":"))

    # --- pages written as HTML --------------------------------------------------------------

    def code_redirect(self, category: Category, error: ErrorCode) -> str:
        """The permanent page /codes/<code>/: a redirect to the code's anchor that needs no JavaScript.

        It stays valid when a code moves to another category, so tools can print it.
        """
        escape = self.escape
        target = "../../" + self.urls.code(category.id, error.code)
        canonical = (self.root if self.root != "/" else "../../") + self.urls.code(category.id, error.code)
        name = escape(f"{error.code} {error.message}")
        return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Error {name}</title>
<meta name="robots" content="noindex">
<link rel="icon" href="../../assets/images/favicon.png">
<link rel="canonical" href="{escape(canonical)}">
<meta http-equiv="refresh" content="0; url={escape(target)}">
</head>
<body>
<main>
<h1>Error {name}</h1>
<p>Error code <a href="{escape(target)}">{name}</a> is described under {escape(category.title)}.</p>
</main>
</body>
</html>
"""

    def moved_page(self, former: str, pairs: list[tuple[Category, ErrorCode]]) -> str:
        """The page a category id keeps after its category was renamed or its codes moved.

        Plain HTML, out of the nav, the search index and the sitemap: a line for each former
        code at its old anchor, linking to where it is now. Its script follows the link the
        address points to at once (and, with no code in the address, goes to the category
        the codes went to, when they all went to one).
        """
        root, escape = self.urls.root_from_category, self.escape
        items = "\n".join(self.moved_item(category, error) for category, error in pairs)
        destinations = list(dict.fromkeys(category.id for category, _ in pairs))
        whole = json.dumps(root + self.urls.category(destinations[0]) if len(destinations) == 1 else "")
        return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Moved: the codes of /{escape(former)}/</title>
<meta name="robots" content="noindex">
<link rel="icon" href="{root}assets/images/favicon.png">
</head>
<body>
<main>
<h1>These codes moved</h1>
<p>The codes that were published at <code>/{escape(former)}/</code> are now described elsewhere:</p>
<ul>
{items}
</ul>
<p><a href="{root}">All error codes</a></p>
</main>
<script>
(function () {{
  var id = location.hash.slice(1);
  try {{ id = decodeURIComponent(id); }} catch (error) {{}}
  var item = id && document.getElementById(id);
  var link = item && item.querySelector("a");
  if (link) location.replace(link.href);
  else if (!id && {whole}) location.replace({whole});
}})();
</script>
</body>
</html>
"""
