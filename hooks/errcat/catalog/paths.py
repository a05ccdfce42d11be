"""Where the site's files live: the names that pages, checks and the front end share."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Code

ASSETS = "assets"
# The line of a site's index page where the table of codes goes.
INDEX_MARKER = "<!-- errcat:index -->"
CODES = "codes"  # /codes/<code>/, the permanent address of each code
SEARCH = "search"  # Material's search index
CODE_LOOKUP = f"{ASSETS}/errcat-codes.json"  # read by docs/assets/errcat.js
CATALOG_JSON = "catalog.json"
CATALOG_JSON_SCHEMA = "catalog.schema.json"  # the JSON Schema of catalog.json
CHANGES = "changes"  # the page /changes/ and the feed /changes.xml
OPENSEARCH = "opensearch.xml"
# The favicon Material (and Zensical) serve, from the site's root, unless theme.favicon says another.
FAVICON = f"{ASSETS}/images/favicon.png"
TITLE_ID = "top"  # the id of a generated page's title: no code may take it
# Names the site itself takes at its root: no category may take one of them.
SITE_NAMES = frozenset({ASSETS, CODES, SEARCH, CHANGES})


@dataclass(frozen=True)
class Urls:
    """Where pages live.

    With directory URLs (MkDocs' default) a category is at `billing/`, otherwise at
    `billing.html`; both are one file per category. Everything errcat makes is in `folder`
    of the site (`reference/errors/`, or `""` for the site's root): the source paths
    (`category_src`, `file`, the `*_html` files) include it, the links between the pages
    of the reference (`category`, `code`, `permalink`) are relative to it.
    """

    directory_urls: bool = True
    permalinks: str = CODES  # the folder of the permanent pages, /codes/<code>/
    folder: str = ""  # "" or a path ending in "/"

    def __post_init__(self) -> None:
        assert self.folder == "" or (self.folder.endswith("/") and not self.folder.startswith("/")), self.folder

    def file(self, path: str) -> str:
        """A file of the reference (such as catalog.json), relative to the site's source folder."""
        return self.folder + path

    @property
    def index_src(self) -> str:
        """The reference's index page: the site's home page, or `<folder>/index.md`."""
        return self.file("index.md")

    @property
    def site_root_from_folder(self) -> str:
        """The site's root, relative to the reference's folder."""
        return "../" * self.folder.count("/")

    @property
    def reserved(self) -> frozenset[str]:
        """The names the site itself takes at its root: no category may take one of them."""
        return frozenset({ASSETS, self.permalinks, SEARCH, CHANGES})

    def category_src(self, category_id: str) -> str:
        return f"{self.folder}{category_id}.md"

    def category(self, category_id: str) -> str:
        return f"{category_id}/" if self.directory_urls else f"{category_id}.html"

    def category_html(self, category_id: str) -> str:
        """The file a category's page is written to, for pages written as HTML directly."""
        return self.folder + (f"{category_id}/index.html" if self.directory_urls else f"{category_id}.html")

    def code(self, category_id: str, code: Code) -> str:
        return f"{self.category(category_id)}#{code}"

    def permalink(self, code: Code) -> str:
        return f"{self.permalinks}/{code}/"

    def permalink_html(self, code: Code) -> str:
        return f"{self.folder}{self.permalinks}/{code}/index.html"

    @property
    def root_from_category(self) -> str:
        """The reference's folder (the site root by default), relative to a category page."""
        return "../" if self.directory_urls else ""
