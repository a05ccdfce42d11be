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

from ..catalog.model import CODE_SYNTAX, INTEGER, TEXT
from ..catalog.problems import Location, Problem, shown
from ..catalog.published import SAMPLE_MARK
from ..catalog.source import FIELD_NAMES, category_id, field_key
from ..languages import words_for

# A table's columns are found by their headers as a source's fields by their names.
COLUMN_NAMES = FIELD_NAMES
slug = category_id  # a category id made of a title: `Billing & payments` -> `billing-payments`

_FIELDS = tuple(COLUMN_NAMES)
_SEPARATOR_CELL = re.compile(r":?-{1,}:?")

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
#           description: ...     optional Markdown: what the code means (the site says
#                                "No description yet" without it)
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
    description: str | None  # None: the table or source has none for it
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
    missing = [name for name in ("code", "message") if name not in where]
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
    if not value["message"]:
        problems.append(Problem(where, f"the code {code_text} has no message"))
        return None
    http_text = value.get("http_status", "")
    http_status = None
    if http_text:
        if not (http_text.isdigit() and 100 <= int(http_text) <= 599):
            problems.append(Problem(where, f"the HTTP status '{shown(http_text)}' of {code_text} is not 100 to 599"))
            return None
        http_status = int(http_text)
    code: int | str = int(code_text) if kind == INTEGER else code_text
    description = value.get("description") or None
    return Entry(code, value["message"], description, where.line, value.get("category", ""), http_status)


def _columns(header: list[str], named: dict[str, str]) -> dict[str, int]:
    normal = [field_key(cell) for cell in header]
    columns: dict[str, int] = {}
    for name in _FIELDS:
        wanted = [field_key(named[name])] if name in named else list(COLUMN_NAMES[name])
        index = next((normal.index(candidate) for candidate in wanted if candidate in normal), None)
        if index is not None and index not in columns.values():
            columns[name] = index
    return columns


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


RECORD_HEADER = """\
# Every code this site has published, and each category it was published under: one
# `<code> <category-id>` a line. It only grows: never delete or change a line.
"""

SAMPLES_NOTE = """\
#
# A line that ends in `# sample` records one of errcat new's sample codes, which nobody
# has been served yet: replace the samples in catalog.yaml and delete their lines. The
# workflow that publishes the site refuses the mark (errcat check --publishing): before
# the first publication, delete the mark of each sample you keep.
"""


def catalog_text(
    entries: Sequence[Entry],
    title: str,
    category_id: str = "errors",
    category_title: str = "Errors",
    samples: bool = False,
) -> tuple[str, str]:
    """catalog.yaml and published-codes.txt for `entries`, in table order.

    Entries with a category go to a category of that title; the others to `category_id`.
    `title` names the API in the catalog's header ("the Acme API"). With `samples`, each
    line of the record is marked `# sample`: it protects nothing until it is settled.
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
    record = [RECORD_HEADER, SAMPLES_NOTE if samples else ""]
    mark = f"  {SAMPLE_MARK}" if samples else ""
    for key, (group_title, codes) in groups.items():
        lines.append(f"  - id: {key}\n    title: {_quoted(group_title)}\n    codes:\n")
        for entry in codes:
            code = _quoted(entry.code) if isinstance(entry.code, str) else str(entry.code)
            lines.append(f"      - code: {code}\n")
            lines.append(f"        message: {_quoted(entry.message)}\n")
            if entry.description:
                lines.append(f"        description: {_quoted(entry.description)}\n")
            if entry.http_status is not None:
                lines.append(f"        http_status: {entry.http_status}\n")
            record.append(f"{entry.code} {key}{mark}\n")
    return "".join(lines), "".join(record)


def _quoted(text: str) -> str:
    # A JSON string is a YAML double-quoted scalar: the text exactly, whatever it holds.
    return json.dumps(text, ensure_ascii=False)


# --- a new site -------------------------------------------------------------------------------

SAMPLE_API = "the API"  # what the sample catalog's header calls the API
SAMPLE_ENTRIES = (
    Entry(0, "SUCCESS", "The request succeeded.", 0, "Basics", 200),
    Entry(40001, "PARAMETER ERROR", "A parameter is missing or has a wrong value.", 0, "Requests", 400),
    Entry(40401, "NOT FOUND", "The resource does not exist, or you may not see it.", 0, "Requests", 404),
)


def requirement(extras: str = "") -> str:
    """How the new site installs errcat: as this errcat was installed (PEP 610), or by version;
    `extras` such as `[material]`. An install from this machine's disk (a folder, a wheel)
    is one CI cannot repeat: the site names errcat's release instead, which a lock can
    also pin by its hash (local_install_note says so)."""
    return _requirement(extras)[0]


def local_install_note() -> str:
    """One line for `errcat new` to print where requirements.in cannot say what was installed; else ''."""
    return _requirement()[1]


def _requirement(extras: str = "") -> tuple[str, str]:
    name = "errcat" + extras
    try:
        distribution = metadata.distribution("errcat")
    except metadata.PackageNotFoundError:  # pragma: no cover - run from a checkout
        return name, ""
    release = f"{name}=={distribution.version}"
    direct = distribution.read_text("direct_url.json")
    if not direct:
        return release, ""  # from a package index
    data = json.loads(direct)
    url = str(data.get("url", ""))
    vcs = data.get("vcs_info")
    if vcs:
        return f"{name} @ {vcs.get('vcs', 'git')}+{url}@{vcs.get('commit_id', '')}", ""
    if url and not url.startswith("file:"):
        return f"{name} @ {url}", ""  # an archive on the web
    return release, (
        f"requirements.in: errcat was installed from {url or 'a folder'}, which CI cannot reach, so it names"
        f" the release errcat=={distribution.version}: where your package index has no errcat, put errcat's"
        " git URL or an archive's URL there instead"
    )


# The engine and theme a new site builds with, pinned at the versions installed beside the
# errcat that wrote it (errcat itself accepts ranges of them).
SITE_PINS = ("mkdocs", "mkdocs-material")


def site_requirements() -> str:
    """A new site's requirements.in: errcat with Material (the theme its mkdocs.yml names),
    and the MkDocs and Material it was made with, so that every build of it is the same
    until its authors upgrade them here; the lock (requirements.txt) is made from it."""
    pins = []
    for name in SITE_PINS:
        with contextlib.suppress(metadata.PackageNotFoundError):  # if not, errcat[material] brings one
            pins.append(f"{name}=={metadata.version(name)}\n")
    return (
        "# What this site builds with. errcat accepts a range of MkDocs and Material; the\n"
        "# versions below are the ones this site was made with: upgrade them here, on purpose.\n"
        "# After a change, lock again (README) to write requirements.txt, every package with its hash.\n"
        + requirement("[material]")
        + "\n"
        + "".join(pins)
    )


def sample_files() -> tuple[str, str]:
    """The sample catalog.yaml and published-codes.txt errcat new writes, its record marking them."""
    return catalog_text(SAMPLE_ENTRIES, SAMPLE_API, samples=True)


def holds_only_samples(catalog: Path, record: Path) -> bool:
    """Whether the catalog and its record are errcat new's samples, untouched (which a
    catalog imported from a table may replace)."""
    try:
        return (catalog.read_text(encoding="utf-8"), record.read_text(encoding="utf-8")) == sample_files()
    except (OSError, UnicodeDecodeError):
        return False


def new_site(folder: Path, title: str | None, force: bool = False, language: str | None = None) -> list[Path]:
    """Write a new site into `folder`, in `language` (a theme's tag, such as `ja`: Material's
    words and errcat's, the home page's; English if not given); the paths written. `title` is
    the site's name (errcat's words for it if not given). Refuses a folder with files in it."""
    words = words_for(language)[0]
    title = title or words.text("new.title")
    catalog, record = sample_files()
    mkdocs_yml = MKDOCS_YML.format(title=_quoted(title))
    if language:
        mkdocs_yml = mkdocs_yml.replace("  name: material\n", f"  name: material\n  language: {_quoted(language)}\n", 1)
    files = {
        "mkdocs.yml": mkdocs_yml,
        "catalog.yaml": catalog,
        "published-codes.txt": record,
        "docs/index.md": INDEX_MD.format(title=title, intro=words.text("new.intro")),
        "requirements.in": site_requirements(),
        "requirements.txt": UNLOCKED_REQUIREMENTS_TXT,
        "README.md": README_MD.format(title=title),
        ".github/workflows/pages.yml": PAGES_WORKFLOW,
        ".github/dependabot.yml": DEPENDABOT_YML,
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

# What the site installs, and the lock made from it. pip checks a hash only of a file, so
# a lock needs errcat as a release or an archive's URL: a git URL cannot carry a hash.
UNLOCKED_REQUIREMENTS_TXT = """\
# Not locked yet. Lock it (the README's third command) to pin every package errcat needs
# with its hash; the pages workflow then installs it with pip's --require-hashes.
-r requirements.in
"""

README_MD = """\
# {title}

```sh
python3 -m venv .venv && .venv/bin/pip install -r requirements.txt && .venv/bin/mkdocs serve
.venv/bin/errcat check && .venv/bin/mkdocs build --strict
.venv/bin/pip install pip-tools && .venv/bin/pip-compile --generate-hashes --strip-extras \\
    --no-emit-index-url --no-emit-find-links requirements.in
```

The first installs errcat and serves the site at http://127.0.0.1:8000/; the second
checks the catalog and builds the site as CI does. The third locks: from
`requirements.in` it writes `requirements.txt`, every package pinned with the hash of its
file, which CI installs with `--require-hashes`. Run it once and commit
`requirements.txt`, and again after a change to `requirements.in`; Dependabot proposes
newer packages and actions every week (`.github/dependabot.yml`).

Every page is generated from [`catalog.yaml`](catalog.yaml) by the errcat MkDocs
plugin: one page per category, the table of all codes on the home page, a permanent
address for each code (`/codes/<code>/`), `/catalog.json` for tools and, from the git
history of the catalog, `/changes/` and its feed. Edit the catalog by pull request;
never delete a published code (mark it `status: removed`), and record each new code in
[`published-codes.txt`](published-codes.txt).
"""

# The workflows it writes are files beside this module, so that Dependabot keeps their
# pinned actions current as it does this repository's own (.github/dependabot.yml).
WORKFLOWS = Path(__file__).resolve().parent / "workflows"
PAGES_WORKFLOW = (WORKFLOWS / "pages.yml").read_text(encoding="utf-8")
CHECK_WORKFLOW = (WORKFLOWS / "check.yml").read_text(encoding="utf-8")

# Weekly, one pull request for the actions and one for the Python packages, each a week
# after a release (a compromised release is usually found and pulled within days).
DEPENDABOT_YML = """\
# Dependabot keeps the pinned actions of .github/workflows/ and the lock, requirements.txt,
# current: one pull request a week for each, which the pages workflow checks.
version: 2
updates:
  - package-ecosystem: github-actions
    directory: /
    schedule:
      interval: weekly
    cooldown:
      default-days: 7
    groups:
      actions:
        patterns: ["*"]
  - package-ecosystem: pip
    directory: /
    schedule:
      interval: weekly
    cooldown:
      default-days: 7
    groups:
      python:
        patterns: ["*"]
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
    catalog_yaml, record = sample_files()
    files = {
        catalog: catalog_yaml,
        published: record,
        workflow: CHECK_WORKFLOW.replace("{requirement}", requirement()),
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
