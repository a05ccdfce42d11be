"""Where the site's files live: the names that pages, checks and the front end share."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Code

ASSETS = "assets"
CODES = "codes"  # /codes/<code>/, the permanent address of each code
SEARCH = "search"  # Material's search index
CODE_LOOKUP = f"{ASSETS}/errcat-codes.json"  # read by docs/assets/errcat.js
CATALOG_JSON = "catalog.json"
CATALOG_JSON_SCHEMA = "catalog.schema.json"  # the JSON Schema of catalog.json
CHANGES = "changes"  # the page /changes/ and the feed /changes.xml
OPENSEARCH = "opensearch.xml"
TITLE_ID = "top"  # the id of a generated page's title: no code may take it
# Names the site itself takes at its root: no category may take one of them.
SITE_NAMES = frozenset({ASSETS, CODES, SEARCH, CHANGES})


@dataclass(frozen=True)
class Urls:
    """Where pages live, as paths relative to the site root.

    With directory URLs (MkDocs' default) a category is at `billing/`, otherwise at
    `billing.html`; both are one file per category.
    """

    directory_urls: bool = True
    permalinks: str = CODES  # the folder of the permanent pages, /codes/<code>/

    @property
    def reserved(self) -> frozenset[str]:
        """The names the site itself takes at its root: no category may take one of them."""
        return frozenset({ASSETS, self.permalinks, SEARCH, CHANGES})

    def category_src(self, category_id: str) -> str:
        return f"{category_id}.md"

    def category(self, category_id: str) -> str:
        return f"{category_id}/" if self.directory_urls else f"{category_id}.html"

    def category_html(self, category_id: str) -> str:
        """The file a category's page is written to, for pages written as HTML directly."""
        return f"{category_id}/index.html" if self.directory_urls else f"{category_id}.html"

    def code(self, category_id: str, code: Code) -> str:
        return f"{self.category(category_id)}#{code}"

    def permalink(self, code: Code) -> str:
        return f"{self.permalinks}/{code}/"

    def permalink_html(self, code: Code) -> str:
        return f"{self.permalinks}/{code}/index.html"

    @property
    def root_from_category(self) -> str:
        """The site root, relative to a category page."""
        return "../" if self.directory_urls else ""
