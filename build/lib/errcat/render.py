"""Page text for the site: pure functions of the catalog, no MkDocs imports."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from functools import lru_cache

from .markup import escape_markdown_text, markdown_to_text, prepare_markdown, render_inline, render_markdown
from .model import Catalog, Category, ErrorCode, former_categories

INDEX_MARKER = "<!-- errcat:index -->"
LONG_TABLE = 200  # rows; the same number as LONG_TABLE in docs/assets/errcat.js

# Titles and messages are escaped on several pages each; at 10,000 codes the calls add up.
_escape = lru_cache(maxsize=65536)(html.escape)

STATUS_MEANINGS = {
    "deprecated": "the API still returns this code, but it is being phased out.",
    "removed": "the API no longer returns this code; it stays documented for older clients and logs.",
}


def prepare(catalog: Catalog) -> None:
    """Render all of the catalog's Markdown in one run; the page renderers then reuse it."""
    texts = [category.description for category in catalog.categories if category.description]
    for _, error in catalog.codes():
        texts.append(error.description)
        texts.extend(error.examples)
        if error.note:
            texts.append(error.note)
    prepare_markdown(texts)


@dataclass(frozen=True)
class Urls:
    """Where pages live, as paths relative to the site root.

    With directory URLs (MkDocs' default) a category is at `contacts/`, otherwise at
    `contacts.html`; both are one file per category.
    """

    directory_urls: bool = True

    def category_src(self, category_id: str) -> str:
        return f"{category_id}.md"

    def category(self, category_id: str) -> str:
        return f"{category_id}/" if self.directory_urls else f"{category_id}.html"

    def category_html(self, category_id: str) -> str:
        """The file a category's page is written to, for pages the hook writes as HTML itself."""
        return f"{category_id}/index.html" if self.directory_urls else f"{category_id}.html"

    def code(self, category_id: str, code: int) -> str:
        return f"{self.category(category_id)}#{code}"

    @property
    def root_from_category(self) -> str:
        """The site root, relative to a category page."""
        return "../" if self.directory_urls else ""


def nav_title(category: Category) -> str:
    """The category's title for MkDocs' nav, where themes print titles as raw HTML."""
    return _escape(category.title)


def render_category_page(
    catalog: Catalog, category: Category, urls: Urls, moved_away: list[tuple[Category, ErrorCode]] | None = None
) -> str:
    """The Markdown of one category page: its description, one section per code, then
    an anchor for each code that moved away from it, leading to where it is now."""
    # Material prints the front-matter title into <title> as it is, and would strip
    # tags from (and so unescape) any other title: give it escaped text.
    # The h1 gets a fixed id: the slug of the title would be made of catalog text, and
    # no code anchor (always a number) can collide with it.
    parts = [
        f"---\ntitle: {json.dumps(nav_title(category))}\n---\n",
        f"# {escape_markdown_text(category.title)} {{#top}}\n",
    ]
    if category.description:
        parts.append(f'<div class="errcat-intro">\n{render_markdown(category.description)}\n</div>\n')
    for error in category.codes:
        parts.append(_render_code_section(catalog, category, error, urls))
    if moved_away:
        items = "\n".join(_moved_item(new_category, error, urls.root_from_category, urls) for new_category, error in moved_away)
        # Out of the search index and the table of contents: the codes are found where they are now.
        parts.append(
            '<div class="errcat-moved" data-search-exclude>\n<p class="errcat-label">Moved to other categories</p>\n'
            f'<ul>\n{items}\n</ul>\n</div>\n'
        )
    return "\n".join(parts)


def _moved_item(category: Category, error: ErrorCode, root: str, urls: Urls) -> str:
    """The anchor a code keeps at a category it left: a visible line that links to its entry.

    errcat.js (or, on a stub page, its own script) follows the link at once.
    """
    target = _escape(root + urls.code(category.id, error.code))
    return (
        f'<li id="{error.code}" class="errcat-moved-code"><a href="{target}"><code>{error.code} {_escape(error.message)}</code></a>'
        f' moved to <a href="{_escape(root + urls.category(category.id))}"><em>{_escape(category.title)}</em></a></li>'
    )


def _render_code_section(catalog: Catalog, category: Category, error: ErrorCode, urls: Urls) -> str:
    # The heading is Markdown so that it gets into the table of contents and becomes
    # its own search entry; its id is exactly the code.
    heading = (
        f"## {error.code} {escape_markdown_text(error.message)}{_badge(error)}"
        f" {{#{error.code} .errcat-heading}}\n"
    )
    body = [
        f'<div class="errcat-entry" data-code="{error.code}">',
        f'<p class="errcat-errmsg"><span>errmsg</span> <code>{_escape(error.message)}</code></p>',
    ]
    if error.status != "active":
        note = f" {render_inline(error.note)}" if error.note else ""
        body.append(
            f'<div class="errcat-status errcat-status--{error.status}">'
            f"<p><strong>{error.status.capitalize()}:</strong> {STATUS_MEANINGS[error.status]}{note}</p></div>"
        )
    elif error.note:
        body.append(f'<div class="errcat-note"><p><strong>Note:</strong> {render_inline(error.note)}</p></div>')
    body += [
        f'<div class="errcat-description">{render_markdown(error.description)}</div>',
    ]
    if error.examples:
        items = "".join(f"<li>{render_inline(example)}</li>" for example in error.examples)
        title = "Example scenario" if len(error.examples) == 1 else "Example scenarios"
        body.append(f'<div class="errcat-examples"><p class="errcat-label">{title}</p><ul>{items}</ul></div>')
    if error.see_also:
        links = []
        for code in error.see_also:
            target_category, target = catalog.lookup(code)
            href = f"#{code}" if target_category is category else urls.root_from_category + urls.code(target_category.id, code)
            links.append(f'<li><a href="{_escape(href)}"><code>{code}</code> {_escape(target.message)}</a></li>')
        # Out of the search index: a search for 70093 should list 70093, not every
        # code that mentions it.
        body.append(f'<div class="errcat-see-also" data-search-exclude><p class="errcat-label">See also</p><ul>{"".join(links)}</ul></div>')
    body.append("</div>\n")
    return heading + "\n" + "\n".join(body)


def render_index_table(catalog: Catalog, urls: Urls) -> str:
    """One HTML table of every code, for the home page.

    Written as HTML rather than a Markdown table: it is the largest thing on the site,
    and Markdown would only have to parse it back.
    """
    rows = []
    for category, error in catalog.codes():
        row_class = "" if error.status == "active" else f' class="errcat-row--{error.status}"'
        rows.append(
            f"<tr{row_class}>"
            f'<td><a href="{urls.code(category.id, error.code)}">{error.code}</a></td>'
            f'<td class="errcat-msg">{_breakable(error.message)}{_badge(error)}</td>'
            f'<td><a href="{urls.category(category.id)}">{_escape(category.title)}</a></td>'
            f"<td>{render_inline(error.description)}</td>"
            "</tr>"
        )
    # Out of the search index: every code has its own entry on its category page.
    # A long table is marked so that its first paint can show only the rows the filter
    # will show (errcat.css, errcat.js).
    long = " errcat-long" if len(rows) > LONG_TABLE else ""
    return (
        f'<table class="errcat-index{long}" data-search-exclude>\n'
        "<thead><tr><th>Code</th><th>Message</th><th>Category</th><th>Description</th></tr></thead>\n"
        "<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"
    )


CATALOG_JSON_VERSION = 1
_COMPACT_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def render_catalog_json(catalog: Catalog, urls: Urls, site_url: str | None) -> str:
    """/catalog.json: every code for tools, in catalog order, with a fixed key order.

    The format is documented in docs/catalog-json.md; change both together, and bump
    CATALOG_JSON_VERSION when a key changes meaning or goes away.
    """
    root = site_url.rstrip("/") + "/" if site_url else "/"
    codes = [
        {
            "code": error.code,
            "message": error.message,
            "description": markdown_to_text(error.description),
            "examples": [markdown_to_text(example) for example in error.examples],
            "category": {"id": category.id, "title": category.title},
            "status": error.status,
            "note": markdown_to_text(error.note) if error.note else None,
            "see_also": list(error.see_also),
            "url": root + urls.code(category.id, error.code),
            "permalink": f"{root}codes/{error.code}/",
            "former_urls": [root + urls.code(former, error.code) for former in former_categories(category, error)],
        }
        for category, error in catalog.codes()
    ]
    # One code a line: small, and a diff of two versions shows which codes changed.
    # Encoded in one call; `},{"code":` only occurs between two codes, since a quote
    # inside a JSON string is always escaped.
    lines = _COMPACT_JSON.encode(codes)[1:-1].replace('},{"code":', '},\n{"code":')
    return f'{{"version":{CATALOG_JSON_VERSION},"source":"catalog.yaml","codes":[\n{lines}\n]}}\n'


def render_code_lookup(catalog: Catalog, urls: Urls) -> str:
    """JSON for the search box's direct hit: code -> [path from the site root, message, category]."""
    lookup = {
        str(error.code): [urls.code(category.id, error.code), error.message, category.title]
        for category, error in catalog.codes()
    }
    return json.dumps(lookup, ensure_ascii=False, separators=(",", ":"))


def _badge(error: ErrorCode) -> str:
    if error.status == "active":
        return ""
    return f' <span class="errcat-badge errcat-badge--{error.status}">{error.status}</span>'


def _breakable(message: str) -> str:
    """Escaped text that may wrap after an underscore: long messages fit a table cell."""
    return _escape(message).replace("_", "_<wbr>")


def render_code_redirect(category: Category, error: ErrorCode, urls: Urls, site_url: str | None) -> str:
    """The permanent page /codes/<code>/: a redirect to the code's anchor that needs no JavaScript.

    It stays valid when a code moves to another category, so tools can print it.
    """
    target = "../../" + urls.code(category.id, error.code)
    canonical = (site_url.rstrip("/") + "/" if site_url else "../../") + urls.code(category.id, error.code)
    name = _escape(f"{error.code} {error.message}")
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Error {name}</title>
<meta name="robots" content="noindex">
<link rel="icon" href="../../assets/images/favicon.png">
<link rel="canonical" href="{_escape(canonical)}">
<meta http-equiv="refresh" content="0; url={_escape(target)}">
</head>
<body>
<p>Error code <a href="{_escape(target)}">{name}</a> is described under {_escape(category.title)}.</p>
</body>
</html>
"""


def render_moved_page(former: str, pairs: list[tuple[Category, ErrorCode]], urls: Urls) -> str:
    """The page a category id keeps after its category was renamed or its codes moved.

    Plain HTML, out of the nav, the search index and the sitemap: a line for each former
    code at its old anchor, linking to where it is now. Its script follows the link the
    address points to at once (and, with no code in the address, goes to the category
    the codes went to, when they all went to one).
    """
    root = urls.root_from_category
    items = "\n".join(_moved_item(category, error, root, urls) for category, error in pairs)
    destinations = list(dict.fromkeys(category.id for category, _ in pairs))
    whole = json.dumps(root + urls.category(destinations[0]) if len(destinations) == 1 else "")
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Moved: the codes of /{_escape(former)}/</title>
<meta name="robots" content="noindex">
<link rel="icon" href="{root}assets/images/favicon.png">
</head>
<body>
<h1>These codes moved</h1>
<p>The codes that were published at <code>/{_escape(former)}/</code> are now described elsewhere:</p>
<ul>
{items}
</ul>
<p><a href="{root}">All error codes</a></p>
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


@dataclass(frozen=True)
class GeneratedFile:
    """A file of the site made from the catalog: a page (Markdown) or a file served as is."""

    path: str  # relative to the site's source folder, e.g. "contacts.md"
    content: str
    category: Category | None = None  # for a category page


CODE_LOOKUP = "assets/errcat-codes.json"  # read by docs/assets/errcat.js


def render_site(catalog: Catalog, urls: Urls, site_url: str | None) -> list[GeneratedFile]:
    """Every file the catalog adds to the site (the index table goes into index.md)."""
    prepare(catalog)
    files = []
    moves = catalog.moved_away()
    for category in catalog.categories:
        page = render_category_page(catalog, category, urls, moves.get(category.id))
        files.append(GeneratedFile(urls.category_src(category.id), page, category))
        for error in category.codes:
            redirect = render_code_redirect(category, error, urls, site_url)
            files.append(GeneratedFile(f"codes/{error.code}/index.html", redirect))
    current = {category.id for category in catalog.categories}
    for former, pairs in moves.items():
        if former not in current:
            files.append(GeneratedFile(urls.category_html(former), render_moved_page(former, pairs, urls)))
    files.append(GeneratedFile(CODE_LOOKUP, render_code_lookup(catalog, urls)))
    files.append(GeneratedFile("catalog.json", render_catalog_json(catalog, urls, site_url)))
    return files
