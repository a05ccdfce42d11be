"""A new errcat site in one command, and a catalog from a table an API team already has.

`new_site` writes a site that builds with `mkdocs build --strict` as it is; `read_table`
reads a Markdown table (rows wrapped over lines included) or a CSV file into catalog
entries, and `catalog_text` writes them as catalog.yaml. No MkDocs imports.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from types import MappingProxyType

from ..catalog.model import CODE_SYNTAX, INTEGER, TEXT
from ..catalog.problems import Location, Problem, shown
from ..languages import words_for

# Header names, compared without case, spaces, '_' and '-': the first column whose
# header is one of these is that field's.
COLUMN_NAMES = MappingProxyType(
    {
        "code": ("code", "errorcode", "errorid", "id", "sqlstate"),
        "message": ("message", "errormessage", "msg", "name", "conditionname"),
        "description": ("description", "meaning", "details", "explanation", "desc"),
        "category": ("category", "group", "class", "section"),
        "http_status": ("httpstatus", "http", "httpcode", "statuscode", "httpstatuscode"),
    }
)
_FIELDS = tuple(COLUMN_NAMES)
_SEPARATOR_CELL = re.compile(r":?-{1,}:?")
_SLUG_RUN = re.compile(r"[^a-z0-9]+")

CATALOG_HEADER = """\
# The error codes of {title}: the single source of truth for the site.
#
# Every page of the site is generated from this file by the errcat MkDocs plugin.
# `errcat check` (and `mkdocs build --strict`) checks it and reports every problem at
# once as `catalog.yaml:LINE: what is wrong`.
#
#   code_type: integer           optional: integer (the default) or text; text codes
#                                are read exactly as written (0A000, NOT_FOUND)
#   code_pattern: ...            optional regular expression every code must match
#   categories:                  required, a non-empty list; page order = list order
#     - id: billing              required; lower-case slug; the page URL is /<id>/
#       title: Billing           required: the page and menu title
#       description: ...         optional Markdown shown at the top of the page
#       former_ids: [payments]   optional: ids this category had before a rename
#       codes:                   required, a non-empty list; page order = list order
#         - code: 40001          required, unique; its anchor is /<id>/#<code>
#           message: ...         required: the message exactly as the API returns it
#           description: ...     required Markdown: what the code means
#           http_status: 402     optional HTTP status the API answers with
#           causes: [...]        optional list of Markdown: "Possible causes"
#           solutions: [...]     optional list of Markdown: "Possible solutions"
#           examples: [...]      optional list of Markdown: example scenarios
#           see_also: [40002]    optional list of related codes of this catalog
#           status: deprecated   optional: active (default), deprecated or removed
#           note: ...            optional Markdown shown with the code
#           moved_from: [other]  optional: categories it was published under before
#
# Never delete or renumber a published code: mark it `status: removed`. Record every
# code and category it is published under in published-codes.txt (`<code> <id>`).
"""


@dataclass(frozen=True)
class Entry:
    """One code read from a table, with the line it was read from."""

    code: int | str
    message: str
    description: str
    line: int
    category: str = ""  # the category's title as the table names it, if it has a column for it
    http_status: int | None = None


@dataclass
class Table:
    """What a table gave: its entries, and every row it could not read."""

    entries: list[Entry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


# --- reading a table --------------------------------------------------------------------------


def read_table(
    path: Path, columns: dict[str, str] | None = None, code_type: str | None = None, display: str | None = None
) -> Table:
    """The codes of a Markdown table or a CSV file (by its name: .csv), found by header name.

    `columns` maps a field (code, message, description, category, http_status) to the
    header of its column, where the table names it otherwise. `code_type` is found from
    the codes when not given: integer if every code is written as one.
    """
    shown_path = display or path.name
    text = path.read_text(encoding="utf-8-sig")
    rows = list(_csv_rows(text) if path.suffix.lower() == ".csv" else _markdown_rows(text))
    table = Table()
    if not rows:
        table.problems.append(Problem(Location(shown_path, 1), "no table found: expected a header row, then rows"))
        return table
    (header_line, header), body = rows[0], rows[1:]
    where = _columns(header, columns or {})
    missing = [name for name in ("code", "message", "description") if name not in where]
    if missing:
        found = ", ".join(f"'{shown(cell)}'" for cell in header)
        options = " ".join(f"--{name.replace('_', '-')}-column HEADER" for name in missing)
        table.problems.append(
            Problem(
                Location(shown_path, header_line),
                f"no column for {', '.join(missing)} among the headers {found}: name it with {options}",
            )
        )
        return table
    codes = [cells[where["code"]].strip() if where["code"] < len(cells) else "" for _, cells in body]
    kind = code_type or (INTEGER if codes and all(CODE_SYNTAX[INTEGER].fullmatch(code) for code in codes) else TEXT)
    first: dict[str, int] = {}
    for line, cells in body:
        entry = _entry(Location(shown_path, line), cells, where, len(header), kind, first, table.problems)
        if entry is not None:
            table.entries.append(entry)
    return table


def _entry(
    where: Location,
    cells: list[str],
    columns: dict[str, int],
    width: int,
    kind: str,
    first: dict[str, int],
    problems: list[Problem],
) -> Entry | None:
    if len(cells) != width:
        problems.append(Problem(where, f"the row has {len(cells)} cells, the header {width}"))
        return None
    value = {name: cells[index].strip() for name, index in columns.items()}
    code_text = value["code"]
    if not CODE_SYNTAX[kind].fullmatch(code_text):
        rule = "an integer written in decimal" if kind == INTEGER else "letters, digits, '_', '-' and '.', at most 64"
        problems.append(Problem(where, f"the code '{shown(code_text)}' is not a {kind} code ({rule})"))
        return None
    folded = code_text.casefold()
    if folded in first:
        problems.append(Problem(where, f"the code {code_text} is in the table already, at line {first[folded]}"))
        return None
    first[folded] = where.line
    for name in ("message", "description"):
        if not value[name]:
            problems.append(Problem(where, f"the code {code_text} has no {name}"))
            return None
    http_text = value.get("http_status", "")
    http_status = None
    if http_text:
        if not (http_text.isdigit() and 100 <= int(http_text) <= 599):
            problems.append(Problem(where, f"the HTTP status '{shown(http_text)}' of {code_text} is not 100 to 599"))
            return None
        http_status = int(http_text)
    code: int | str = int(code_text) if kind == INTEGER else code_text
    return Entry(code, value["message"], value["description"], where.line, value.get("category", ""), http_status)


def _columns(header: list[str], named: dict[str, str]) -> dict[str, int]:
    normal = [_normal(cell) for cell in header]
    columns: dict[str, int] = {}
    for name in _FIELDS:
        wanted = [_normal(named[name])] if name in named else list(COLUMN_NAMES[name])
        index = next((normal.index(candidate) for candidate in wanted if candidate in normal), None)
        if index is not None and index not in columns.values():
            columns[name] = index
    return columns


def _normal(header: str) -> str:
    return re.sub(r"[\s_\-]+", "", header.strip().strip("*").strip()).casefold()


def _csv_rows(text: str) -> Iterable[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text))
    start = 1
    for row in reader:
        line, start = start, reader.line_num + 1
        if any(cell.strip() for cell in row):
            yield line, row


def _markdown_rows(text: str) -> Iterable[tuple[int, list[str]]]:
    """The rows of the first Markdown table, with the line each starts on.

    A row that does not end with '|' goes on over the next lines (a table copied from a
    page with long cells): they are joined with a space until a line ends with '|'.
    """
    pending: tuple[int, str] | None = None
    seen_table = False
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if pending is not None:
            pending = (pending[0], pending[1] + " " + stripped)
            if not stripped.endswith("|") or stripped.endswith("\\|"):
                continue
            start, row = pending
            pending = None
        elif stripped.startswith("|"):
            start, row = number, stripped
            if not stripped.endswith("|") or stripped.endswith("\\|") or stripped == "|":
                pending = (start, row)
                continue
        else:
            if seen_table:
                return  # the first table has ended
            continue
        seen_table = True
        cells = _split_row(row)
        if all(_SEPARATOR_CELL.fullmatch(cell.strip()) for cell in cells):
            continue  # |---|---|
        yield start, cells
    if pending is not None:
        yield pending[0], _split_row(pending[1])


def _split_row(row: str) -> list[str]:
    inner = row.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    cells = re.split(r"(?<!\\)\|", inner)
    return [cell.replace("\\|", "|") for cell in cells]


# --- writing a catalog ------------------------------------------------------------------------


def slug(title: str) -> str:
    """A category id made of a title: `Billing & payments` -> `billing-payments`."""
    return _SLUG_RUN.sub("-", title.casefold()).strip("-")[:64].strip("-") or "errors"


def catalog_text(
    entries: Sequence[Entry], title: str, category_id: str = "errors", category_title: str = "Errors"
) -> tuple[str, str]:
    """catalog.yaml and published-codes.txt for `entries`, in table order.

    Entries with a category go to a category of that title; the others to `category_id`.
    """
    kind = TEXT if any(isinstance(entry.code, str) for entry in entries) else INTEGER
    groups: dict[str, tuple[str, list[Entry]]] = {}
    for entry in entries:
        title_of = entry.category or category_title
        key = slug(entry.category) if entry.category else category_id
        groups.setdefault(key, (title_of, []))[1].append(entry)
    lines = [CATALOG_HEADER.format(title=title)]
    if kind == TEXT:
        lines.append("code_type: text\n")
    lines.append("categories:\n")
    record = [f"# Every code {title} has published, and each category it was published under.\n"]
    for key, (group_title, codes) in groups.items():
        lines.append(f"  - id: {key}\n    title: {_quoted(group_title)}\n    codes:\n")
        for entry in codes:
            code = _quoted(entry.code) if isinstance(entry.code, str) else str(entry.code)
            lines.append(f"      - code: {code}\n")
            lines.append(f"        message: {_quoted(entry.message)}\n")
            lines.append(f"        description: {_quoted(entry.description)}\n")
            if entry.http_status is not None:
                lines.append(f"        http_status: {entry.http_status}\n")
            record.append(f"{entry.code} {key}\n")
    return "".join(lines), "".join(record)


def _quoted(text: str) -> str:
    # A JSON string is a YAML double-quoted scalar: the text exactly, whatever it holds.
    return json.dumps(text, ensure_ascii=False)


# --- a new site -------------------------------------------------------------------------------

SAMPLE_ENTRIES = (
    Entry(0, "SUCCESS", "The request succeeded.", 0, "Basics", 200),
    Entry(40001, "PARAMETER ERROR", "A parameter is missing or has a wrong value.", 0, "Requests", 400),
    Entry(40401, "NOT FOUND", "The resource does not exist, or you may not see it.", 0, "Requests", 404),
)


def requirement(extras: str = "") -> str:
    """How the new site installs errcat: as this errcat was installed (PEP 610), or by version;
    `extras` such as `[material]`."""
    name = "errcat" + extras
    try:
        distribution = metadata.distribution("errcat")
    except metadata.PackageNotFoundError:  # pragma: no cover - run from a checkout
        return name
    direct = distribution.read_text("direct_url.json")
    if direct:
        data = json.loads(direct)
        url = str(data.get("url", ""))
        vcs = data.get("vcs_info")
        if vcs:
            return f"{name} @ {vcs.get('vcs', 'git')}+{url}@{vcs.get('commit_id', '')}"
        if url and not data.get("dir_info", {}).get("editable"):
            return f"{name} @ {url}"
    return f"{name}=={distribution.version}"


# The engine and theme a new site builds with, pinned at the versions installed beside the
# errcat that wrote it (errcat itself accepts ranges of them).
SITE_PINS = ("mkdocs", "mkdocs-material")


def site_requirements() -> str:
    """A new site's requirements.txt: errcat with Material (the theme its mkdocs.yml names),
    and the MkDocs and Material it was made with, so that every build of it is the same
    until its authors upgrade them here."""
    pins = []
    for name in SITE_PINS:
        with contextlib.suppress(metadata.PackageNotFoundError):  # if not, errcat[material] brings one
            pins.append(f"{name}=={metadata.version(name)}\n")
    return (
        "# What this site builds with. errcat accepts a range of MkDocs and Material; the\n"
        "# versions below are the ones this site was made with: upgrade them here, on purpose.\n"
        + requirement("[material]")
        + "\n"
        + "".join(pins)
    )


def new_site(folder: Path, title: str | None, force: bool = False, language: str | None = None) -> list[Path]:
    """Write a new site into `folder`, in `language` (a theme's tag, such as `ja`: Material's
    words and errcat's, the home page's; English if not given); the paths written. `title` is
    the site's name (errcat's words for it if not given). Refuses a folder with files in it."""
    words = words_for(language)[0]
    title = title or words.text("new.title")
    catalog, record = catalog_text(SAMPLE_ENTRIES, title)
    mkdocs_yml = MKDOCS_YML.format(title=_quoted(title))
    if language:
        mkdocs_yml = mkdocs_yml.replace("  name: material\n", f"  name: material\n  language: {_quoted(language)}\n", 1)
    files = {
        "mkdocs.yml": mkdocs_yml,
        "catalog.yaml": catalog,
        "published-codes.txt": record,
        "docs/index.md": INDEX_MD.format(title=title, intro=words.text("new.intro")),
        "requirements.txt": site_requirements(),
        "README.md": README_MD.format(title=title),
        ".github/workflows/pages.yml": PAGES_WORKFLOW,
        ".gitignore": "site/\n.cache/\n.venv/\n",
    }
    return write_tree(folder, files, force)


def write_tree(folder: Path, files: dict[str, str], force: bool = False) -> list[Path]:
    """Write `files` (relative path -> text) into `folder`; the paths written.

    Refuses (FileExistsError) a folder that has files in it, unless `force`.
    """
    if folder.exists() and not folder.is_dir():
        raise FileExistsError(f"{folder} is a file; choose a folder")
    if folder.exists() and any(folder.iterdir()) and not force:
        raise FileExistsError(f"{folder} is not empty; choose a new folder, or pass --force")
    written = []
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        written.append(path)
    return written


MKDOCS_YML = """\
site_name: {title}
# Absolute links (the feed, catalog.json, the permanent pages' canonical links) are
# built from site_url: set SITE_URL where the site is published.
site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]

theme:
  name: material
  font: false
  features:
    - navigation.instant
    - search.highlight

validation:
  omitted_files: warn
  absolute_links: warn
  unrecognized_links: warn
  anchors: warn

markdown_extensions:
  - attr_list
  - toc:
      permalink: true

watch:
  - catalog.yaml
  - published-codes.txt

plugins:
  - search
  # Every option and its default: https://pypi.org/project/errcat/ (docs/plugin.md).
  - errcat
"""

INDEX_MD = """\
# {title}

{intro}

<!-- errcat:index -->
"""

README_MD = """\
# {title}

```sh
python3 -m venv .venv && .venv/bin/pip install -r requirements.txt && .venv/bin/mkdocs serve
.venv/bin/errcat check && .venv/bin/mkdocs build --strict
```

The first installs errcat and serves the site at http://127.0.0.1:8000/; the second
checks the catalog and builds the site as CI does.

Every page is generated from [`catalog.yaml`](catalog.yaml) by the errcat MkDocs
plugin: one page per category, the table of all codes on the home page, a permanent
address for each code (`/codes/<code>/`), `/catalog.json` for tools and, from the git
history of the catalog, `/changes/` and its feed. Edit the catalog by pull request;
never delete a published code (mark it `status: removed`), and record each new code in
[`published-codes.txt`](published-codes.txt).
"""

PAGES_WORKFLOW = """\
# Check every pull request; publish main to GitHub Pages; on a release, attach the client
# packages (off by default: set the repository variable ERRCAT_CLIENT_PACKAGES to true).
name: pages

on:
  pull_request:
  push:
    branches: [main]
  release:
    types: [published]

permissions:
  contents: read

jobs:
  build:
    if: github.event_name != 'release'
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0  # the catalog's history gives /changes/ and each code's dates
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - run: pip install -r requirements.txt
      - run: errcat check
      # What a pull request does to the codes, a line each with a link, in the run's summary.
      - name: errcat diff
        if: github.event_name == 'pull_request'
        run: errcat diff "origin/$GITHUB_BASE_REF" >> "$GITHUB_STEP_SUMMARY"
        env:
          SITE_URL: https://${{ github.repository_owner }}.github.io/${{ github.event.repository.name }}/
      - run: mkdocs build --strict
        env:
          SITE_URL: https://${{ github.repository_owner }}.github.io/${{ github.event.repository.name }}/
      - uses: actions/upload-pages-artifact@v3
        with:
          path: site

  deploy:
    needs: build
    if: github.ref == 'refs/heads/main' && github.event_name == 'push'
    runs-on: ubuntu-latest
    permissions:
      pages: write
      id-token: write
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4

  # A Python wheel and an npm tarball of the codes, made from the release's catalog and
  # attached to the release (errcat client; docs: Client packages).
  clients:
    if: github.event_name == 'release' && vars.ERRCAT_CLIENT_PACKAGES == 'true'
    runs-on: ubuntu-latest
    permissions:
      contents: write
    env:
      SITE_URL: https://${{ github.repository_owner }}.github.io/${{ github.event.repository.name }}/
      PYTHON_NAME: ${{ vars.ERRCAT_PYTHON_NAME }}
      NPM_NAME: ${{ vars.ERRCAT_NPM_NAME }}
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0  # the version comes from the catalog's last commit
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - run: pip install -r requirements.txt
      - name: Python package
        run: |
          errcat client python dist/python --name "$PYTHON_NAME"
          pip wheel --no-deps --wheel-dir dist/release dist/python
      - name: npm package
        run: |
          errcat client typescript dist/npm --name "$NPM_NAME"
          npm pack ./dist/npm --pack-destination dist/release
      - run: gh release upload "$TAG" dist/release/*
        env:
          GH_TOKEN: ${{ github.token }}
          TAG: ${{ github.event.release.tag_name }}
"""


CHECK_WORKFLOW = """\
# Check the error reference of every pull request, and say in the run's summary what it
# does to the codes (added by `errcat new --into`).
name: error codes

on:
  pull_request:

permissions:
  contents: read

jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0  # errcat diff compares with the base branch
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - run: pip install "{requirement}"
      - run: errcat check
      - name: errcat diff
        run: errcat diff "origin/$GITHUB_BASE_REF" >> "$GITHUB_STEP_SUMMARY"
"""


class IntoError(Exception):
    """The site cannot take the reference as asked; the message says why and what to do."""


def add_to_site(site: Path, folder: str, title: str) -> tuple[list[Path], str]:
    """Add a reference in `folder` (such as `reference/errors`) to the MkDocs site in `site`
    without rewriting anything of it: a sample catalog and its record, the plugin entry
    (appended to `plugins:`), a workflow of its own. Returns the files written and the lines added to mkdocs.yml."""
    config = site / "mkdocs.yml"
    if not config.is_file():
        raise IntoError(f"{config} does not exist: --into takes the folder of a MkDocs site")
    name = folder.rsplit("/", 1)[-1]
    catalog, published = f"errcat/{name}.yaml", f"errcat/{name}-published.txt"
    workflow = f".github/workflows/errcat-{name}.yml"
    taken = [path for path in (catalog, published, workflow) if (site / path).exists()]
    if taken:
        raise IntoError(f"{', '.join(taken)} exist already: nothing was written")
    text = config.read_text(encoding="utf-8")
    options = {"folder": folder, "title": _quoted(title), "catalog": catalog, "published": published}
    added, new_text = _with_plugin_entry(text, options)
    catalog_yaml, record = catalog_text(SAMPLE_ENTRIES, title)
    files = {
        catalog: catalog_yaml,
        published: record,
        workflow: CHECK_WORKFLOW.format(requirement=requirement()),
    }
    written = []
    for path, content in files.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(content, encoding="utf-8")
        written.append(site / path)
    config.write_text(new_text, encoding="utf-8")
    return written, added


def _with_plugin_entry(text: str, options: dict[str, str]) -> tuple[str, str]:
    """mkdocs.yml's text with an errcat entry appended to its `plugins:` list: (the lines added, the text)."""

    def entry(indent: int) -> str:
        return " " * indent + "- errcat:\n" + "".join(f"{' ' * (indent + 4)}{k}: {v}\n" for k, v in options.items())

    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    start = next((i for i, line in enumerate(lines) if re.match(r"plugins\s*:", line)), None)
    if start is None:
        # Without plugins:, MkDocs runs its search plugin; a list of them must name it.
        added = "plugins:\n  - search\n" + entry(2)
        return added, "".join(lines) + added
    rest = lines[start].split(":", 1)[1].split("#", 1)[0].strip()
    if rest:
        raise IntoError(f"mkdocs.yml:{start + 1}: plugins: is written on one line; add this to it by hand:\n{entry(2)}")
    end, indent = start + 1, None
    while end < len(lines) and (not lines[end].strip() or lines[end][0] in " \t#"):
        stripped = lines[end].lstrip()
        if stripped.startswith("- ") and indent is None:
            indent = len(lines[end]) - len(stripped)
        end += 1
    if indent is None:
        raise IntoError(f"mkdocs.yml:{start + 1}: plugins: is not a list; add this to it by hand:\n{entry(2)}")
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    added = entry(indent)
    return added, "".join(lines[:end]) + added + "".join(lines[end:])
