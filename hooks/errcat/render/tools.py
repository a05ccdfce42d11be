"""What tools read: /catalog.json, its JSON Schema, and the code lookup of the search box and the 404 page."""

from __future__ import annotations

import html
import json
from functools import cached_property
from typing import Any

from ..catalog.model import INTEGER, Category, ErrorCode, former_categories
from ..catalog.paths import CATALOG_JSON_SCHEMA, CHANGES
from .base import CATALOG_JSON_SCHEMA_SOURCE, CATALOG_JSON_VERSION, RenderContext


class ToolFiles(RenderContext):
    """catalog.json, its schema and the lookup."""

    # --- for tools --------------------------------------------------------------------------

    def catalog_json(self) -> str:
        """/catalog.json: every code for tools, in catalog order, with a fixed key order.

        The format is documented in docs/catalog-json.md; change both together, and bump
        CATALOG_JSON_VERSION when a key changes meaning or goes away.
        """
        # One code a line: small, and a diff of two versions shows which codes changed.
        # Each record is kept encoded: a rebuild encodes only the codes that changed.
        lines = ",\n".join(
            self._reused(
                ("record", category.id, category.title, category.former_ids, error, self.dates(error.code)),
                self._encoded_record,
                category,
                error,
            )
            for category, error in self.catalog.codes()
        )
        source = json.dumps(self.names.source, ensure_ascii=False)
        return f'{{"version":{CATALOG_JSON_VERSION},"source":{source},"codes":[\n{lines}\n]}}\n'

    @cached_property
    def _compact(self) -> json.JSONEncoder:  # one encoder for every record of the build
        return json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))

    def _encoded_record(self, category: Category, error: ErrorCode) -> str:
        return self._compact.encode(self._record(category, error))

    def _record(self, category: Category, error: ErrorCode) -> dict[str, Any]:
        """A code's record in catalog.json."""
        root, urls, text = self.root, self.urls, self.markup.text
        added, changed = self.dates(error.code)
        return {
            "code": error.code,
            "message": error.message,
            "description": text(error.description) if error.description else None,
            "examples": [text(example) for example in error.examples],
            "category": {"id": category.id, "title": category.title},
            "status": error.status,
            "note": text(error.note) if error.note else None,
            "see_also": list(error.see_also),
            "url": root + urls.code(category.id, error.code),
            "permalink": root + urls.permalink(error.code),
            "former_urls": [root + urls.code(former, error.code) for former in former_categories(category, error)],
            "added": added,
            "changed": changed,
            "http_status": error.http_status,
            "causes": [text(cause) for cause in error.causes],
            "solutions": [text(solution) for solution in error.solutions],
        }

    def catalog_json_schema(self) -> str:
        """/catalog.schema.json: the JSON Schema of /catalog.json, with this build's statuses and address."""
        schema = json.loads(CATALOG_JSON_SCHEMA_SOURCE.read_text(encoding="utf-8"))
        schema["$id"] = self.root + CATALOG_JSON_SCHEMA
        code = schema["$defs"]["code"]["properties"]
        code["status"]["enum"] = list(self.statuses)
        # Which kind of code this catalog has: a JSON number or a JSON string.
        kind = {"type": "integer"} if self.catalog.code_type == INTEGER else {"type": "string", "minLength": 1}
        code["code"] = {**code["code"], **kind}
        code["see_also"]["items"] = kind
        return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"

    def sitemap(self) -> str:
        """The sitemap of a reference in a folder: its index, category pages and changes."""
        assert self.site_url
        pages = ["", *(self.urls.category(category.id) for category in self.catalog.categories)]
        pages += [self.urls.category(CHANGES)] if self.changes else []
        urls = "".join(f"<url><loc>{html.escape(self.site_url + page)}</loc></url>" for page in pages)
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>\n'
        )

    def code_lookup(self) -> str:
        """JSON for the search box's direct hit and the 404 page: code -> where, message, category."""
        lookup = {
            str(error.code): {
                "url": self.urls.folder + self.urls.code(category.id, error.code),  # from the site's root
                "message": error.message,
                "category": category.title,
            }
            for category, error in self.catalog.codes()
        }
        return json.dumps(lookup, ensure_ascii=False, separators=(",", ":"))
