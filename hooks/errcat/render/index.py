"""The table of every code, for the site's index page."""

from __future__ import annotations

from ..catalog.model import INTEGER, Catalog, Category, Code, ErrorCode
from .base import FIRST_PAINT_RULE, LONG_TABLE, ROWS_SHOWN, RenderContext


class IndexTable(RenderContext):
    """The index table, a row a code."""

    # --- the index table ------------------------------------------------------------------

    def index_table(self) -> str:
        """One HTML table of every code, for the home page.

        Written as HTML rather than a Markdown table: it is the largest thing on the site,
        and Markdown would only have to parse it back.
        """
        rows = [
            self._reused(("row", category.id, category.title, error, self.with_http), self._index_row, category, error)
            for category, error in self.catalog.codes()
        ]
        # Out of the search index: every code has its own entry on its category page.
        # A long table is marked, with its number of rows shown, so that its first paint
        # shows only the rows the filter will show (errcat.js reads the same number).
        long = len(rows) > LONG_TABLE
        attributes = (
            f' class="errcat-index errcat-long" data-rows-shown="{ROWS_SHOWN}"' if long else ' class="errcat-index"'
        ) + code_width_style(self.catalog)
        # Integer codes sort as numbers (errcat.js compares their digits, never as floats).
        sort = ' data-sort="number"' if self.catalog.code_type == INTEGER else ""
        heading = self.words.html
        http = f"<th>{heading('index.http')}</th>" if self.with_http else ""
        table = (
            f"<table{attributes} data-search-exclude>\n"
            f"<thead><tr><th{sort}>{heading('index.code')}</th><th>{heading('index.message')}</th>{http}"
            f"<th>{heading('index.category')}</th><th>{heading('index.description')}</th></tr></thead>\n"
            "<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"
        )
        if long:  # the first paint: only the rows errcat.js will show (a rule before the rows it hides)
            table = f"<style>{FIRST_PAINT_RULE.format(first_hidden=ROWS_SHOWN + 1)}</style>\n{table}"
        return table

    def _index_row(self, category: Category, error: ErrorCode) -> str:
        row_class = "" if error.status == self.default_status else f' class="errcat-row--{error.status}"'
        return (
            f"<tr{row_class}>"
            f'<td><a href="{self.urls.code(category.id, error.code)}"{self.ltr}>{breakable_code(error.code)}</a></td>'
            f'<td class="errcat-msg">{self.words.isolated(self.escape(error.message).replace("_", "_<wbr>"))}'
            f"{self.badge(error)}</td>"
            + (f"<td>{error.http_status or ''}</td>" if self.with_http else "")
            + f'<td><a href="{self.urls.category(category.id)}">{self.escape(category.title)}</a></td>'
            f"<td>{self.markup.inline(error.description) if error.description else ''}</td>"
            "</tr>"
        )


def code_width_style(catalog: Catalog) -> str:
    """The table's style attribute: the length of its longest code, in characters, which
    errcat.css sizes the code column by (up to a limit, past which a code wraps)."""
    longest = max((len(str(error.code)) for _, error in catalog.codes()), default=1)
    return f' style="--errcat-code-chars: {longest}"'


def breakable_code(code: Code) -> str:
    """A code as the index shows it: a line may break after each '_' where the code is wider
    than its column (a browser breaks after '-' by itself). A code holds no character HTML
    would read otherwise (model.TEXT_CODE)."""
    return str(code).replace("_", "_<wbr>")
