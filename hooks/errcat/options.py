"""The options a site gives an errcat entry of its mkdocs.yml: each one's type, default and checks.

Written once, here, for every engine: the MkDocs plugin declares its config from
`Options`' fields, and the commands and the Zensical adapter read a site's entries with
`read_options`. docs/plugin.md documents each (a test keeps the two in step).
"""

from __future__ import annotations

import re
import types
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any, get_origin, get_type_hints

from .catalog.check import CATALOG_NAME
from .catalog.published import PUBLISHED_NAME
from .catalog.source import SourceSpec, SourceSpecError, parse_spec
from .languages import StringsError, check_strings

_PERMALINKS = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_SITE_FOLDER = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)*")


class OptionError(ValueError):
    """An option of an errcat entry has a wrong value; the message names it and says what it takes."""


@dataclass(frozen=True)
class Options:
    """One errcat entry's options, with errcat's defaults; every option has one."""

    # The folder of the site's docs where the reference lives (`reference/errors`); its root if not given.
    folder: str | None = None
    # The reference's title (its index page's, when errcat writes it); errcat's word for it if not given.
    title: str | None = None
    catalog: str = CATALOG_NAME  # relative to mkdocs.yml
    published: str = PUBLISHED_NAME  # relative to mkdocs.yml
    code_label: str = "Code"  # what the API calls the code field
    message_label: str | None = None  # and the message field; errcat's word in the site's language if not given
    short_name: str | None = None  # the OpenSearch short name; the site name if not given
    permalinks: str = "codes"  # the folder of the permanent pages /codes/<code>/
    changes: bool = True  # the page /changes/ and the feed /changes.xml
    history: bool = True  # read the catalog's git history (days on entries, changes)
    # The catalog's JSON Schema, for a site with statuses of its own; errcat's if not given.
    schema: str | None = None
    # The file the team's own code reads, that the catalog follows (`errcat import` writes it):
    # path (relative to mkdocs.yml), format, records, columns and the category rule.
    source: dict[str, Any] | None = None
    # errcat's words that the site words its own way, by key (languages/en.yml), in any language.
    strings: dict[str, Any] | None = None

    def site_folder(self) -> str:
        """The `folder` option as Urls takes it: `""` for the site's root, else a path ending in `/`."""
        return site_folder(self.folder or "")

    def source_spec(self) -> SourceSpec | None:
        """The `source` option, read (read_options has checked it)."""
        return parse_spec(self.source) if self.source is not None else None


def option_types() -> dict[str, tuple[type, bool]]:
    """Each option's name, its type (str, bool or dict) and whether it may be left out (None)."""
    hints = get_type_hints(Options)
    kinds: dict[str, tuple[type, bool]] = {}
    for option in fields(Options):
        hint = hints[option.name]
        if isinstance(hint, types.UnionType):
            (kind,) = (arg for arg in hint.__args__ if arg is not type(None))
            kinds[option.name] = (get_origin(kind) or kind, True)
        else:
            kinds[option.name] = (hint, False)
    return kinds


def read_options(values: Mapping[str, Any]) -> tuple[Options, list[str]]:
    """An entry's options from the values of its mkdocs.yml entry, checked; and the names it
    gives that errcat does not know (MkDocs warns of those, and builds).

    Raises OptionError, naming the option, for a value of the wrong type or form.
    """
    kinds = option_types()
    given: dict[str, Any] = {}
    for name, value in values.items():
        if name not in kinds:
            continue
        kind, optional = kinds[name]
        if value is None and optional:
            continue
        if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
            found = "nothing" if value is None else f"{type(value).__name__} {value!r}"
            wanted = {bool: "true or false", dict: "a mapping"}.get(kind, "a text")
            raise OptionError(f"'{name}' must be {wanted}, found {found}")
        given[name] = value
    if "strings" in given:
        try:
            given["strings"] = check_strings(given["strings"])
        except StringsError as error:
            raise OptionError(str(error)) from None
    options = Options(**given)
    try:
        options.source_spec()
    except SourceSpecError as error:
        raise OptionError(f"'source': {error}") from None
    check_permalinks(options.permalinks)
    options.site_folder()
    return options, sorted(str(name) for name in values if name not in kinds)


def check_permalinks(permalinks: str) -> None:
    if not _PERMALINKS.fullmatch(permalinks):
        raise OptionError(
            f"'permalinks' must be a folder name of lower-case letters, digits and hyphens, found {permalinks!r}"
        )


def site_folder(option: str) -> str:
    """A `folder` option as Urls takes it: `""` for the site's root, else a path ending in `/`."""
    folder = option.strip("/")
    if folder and not _SITE_FOLDER.fullmatch(folder):  # no part starts with '.': no `..`
        raise OptionError(
            "'folder' must be a folder of the docs, such as reference/errors (letters, digits,"
            f" '_', '-' and '.', parts separated by '/'), found {option!r}"
        )
    return folder + "/" if folder else ""
