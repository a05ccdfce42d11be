"""A team's own file of codes (JSON or YAML), imported, checked, built, and followed from then on.

tests/fixtures/sources holds one source of each shape (a JSON map, JSON records under a
key, a JSON array, a YAML list, a YAML mapping, a YAML document stream), each with the
flags it is imported with (import.txt), the catalog it gives (expected.yaml, from its
first line that is not a comment) and what the import says (expected.txt). All six are
built in one site, one errcat entry each. tests/cases/sources holds broken and hostile
sources and the exact messages they must produce.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import shlex
import shutil
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from errcat.catalog.jsonload import load_json
from errcat.catalog.source import parse_spec
from errcat.commands.cli import main
from errcat.commands.scaffold import new_site
from errcat.commands.siteconfig import read_site_config
from errcat.commands.sources import with_source
from sitecheck import ROOT, build

FIXTURES = ROOT / "tests" / "fixtures" / "sources"
SHAPES = sorted(path.name for path in FIXTURES.iterdir() if path.is_dir())
CASES = sorted(path for path in (ROOT / "tests" / "cases" / "sources").iterdir() if path.is_dir())

pytestmark = pytest.mark.xdist_group("sources")  # the imported sites are shared by the module


def run(folder: Path, *arguments: str) -> tuple[int, str, str]:
    """`errcat ARGUMENTS` in `folder`, in this process: the exit status, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(folder), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(list(arguments))
    return status, out.getvalue(), err.getvalue()


def source_of(folder: Path) -> Path:
    (source,) = [
        path
        for path in folder.iterdir()
        if path.suffix in (".json", ".yaml", ".yml", ".gz") and not path.name.startswith("expected")
    ]
    return source


def flags_of(folder: Path) -> list[str]:
    flags = folder / "import.txt"
    return shlex.split(flags.read_text(encoding="utf-8")) if flags.exists() else []


def new_site_for(where: Path, fixture: Path) -> Path:
    """A new site (errcat new) without its sample catalog, and the fixture's source in it."""
    new_site(where, "Test codes")
    (where / "catalog.yaml").unlink()
    (where / "published-codes.txt").unlink()
    shutil.copy(source_of(fixture), where)
    return where


def body(catalog: str) -> str:
    """A catalog without its header comment."""
    lines = catalog.splitlines(keepends=True)
    return "".join(lines[next(i for i, line in enumerate(lines) if not line.startswith("#")) :])


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, int, str, str]]:
    """Each shape imported into a new site of its own: the site, exit status, stdout, stderr."""
    sites = {}
    for shape in SHAPES:
        site = new_site_for(tmp_path_factory.mktemp(shape), FIXTURES / shape)
        sites[shape] = (site, *run(site, "import", source_of(FIXTURES / shape).name, *flags_of(FIXTURES / shape)))
    return sites


# --- each shape ------------------------------------------------------------------------------------


@pytest.mark.parametrize("shape", SHAPES)
def test_each_shape_imports_as_its_expected_catalog_and_says_what_it_left_out(imported, shape: str):
    site, status, out, err = imported[shape]
    assert (status, err) == (0, "")
    assert out == (FIXTURES / shape / "expected.txt").read_text(encoding="utf-8")
    catalog = (site / "catalog.yaml").read_text(encoding="utf-8")
    assert body(catalog) == (FIXTURES / shape / "expected.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("shape", SHAPES)
def test_each_imported_site_records_its_source_and_passes_the_check(imported, shape: str):
    site, *_ = imported[shape]
    (instance,) = read_site_config(site).instances
    assert instance.project.source is not None
    assert instance.project.source.path == source_of(FIXTURES / shape).name
    status, out, err = run(site, "check")
    assert (status, err) == (0, ""), err
    assert "no problems" in out


def test_all_six_shapes_build_in_one_site_with_strict(imported, tmp_path: Path):
    """One site, an errcat entry for each shape, its source recorded as the import recorded it."""
    site = tmp_path / "site"
    (site / "docs").mkdir(parents=True)
    (site / "docs" / "index.md").write_text("# Sources\n", encoding="utf-8")
    plugins: list[object] = ["search"]
    for shape in SHAPES:
        shape_site = imported[shape][0]
        shutil.copytree(shape_site, site / shape, ignore=shutil.ignore_patterns("docs", ".github", "mkdocs.yml"))
        (instance,) = read_site_config(shape_site).instances
        assert instance.project.source is not None
        source = instance.project.source.option()
        source["path"] = f"{shape}/{source['path']}"
        options = {"folder": shape, "title": shape, "catalog": f"{shape}/catalog.yaml", "history": False}
        plugins.append({"errcat": {**options, "published": f"{shape}/published-codes.txt", "source": source}})
    config = {
        "site_name": "Sources",
        "site_url": "http://127.0.0.1:8000/",
        "theme": {"name": "material", "font": False},
        "markdown_extensions": ["attr_list", {"toc": {"permalink": True}}],
        "plugins": plugins,
    }
    (site / "mkdocs.yml").write_text(json.dumps(config, indent=2), encoding="utf-8")  # JSON is YAML
    done = build(site, tmp_path / "out")
    assert done.returncode == 0, done.stderr
    out = tmp_path / "out"
    for shape in SHAPES:
        assert (out / shape / "index.html").exists(), shape
    # The map has messages only: each entry says it has no description yet, and invents none.
    page = (out / "json-map" / "errors" / "index.html").read_text(encoding="utf-8")
    assert page.count("No description yet.") == 5
    data = json.loads((out / "json-map" / "catalog.json").read_text(encoding="utf-8"))
    assert [code["description"] for code in data["codes"]] == [None] * 5
    schema = json.loads((out / "json-map" / "catalog.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)


# --- drift, both ways ----------------------------------------------------------------------------

DRIFTED = """\
{
  "version": 2,
  "codes": {
    "40001": {"identifier": "invalid_request_body", "title": "invalid request body (not JSON)", "summary": "x"},
    "40003": {"identifier": "invalid_parameter_value", "title": "invalid parameter value", "summary": null},
    "40004": {"identifier": "missing_header", "title": "missing header", "summary": "A header is missing."},
    "50000": {"identifier": "internal_error", "title": "internal error", "summary": "y"},
    "60000": {"identifier": "timeout", "title": "timed out", "summary": null}
  }
}
"""


@pytest.fixture
def followed(imported, tmp_path: Path) -> Path:
    """A copy of the site that imported JSON records under a key, its catalog edited by the docs
    team (a description where the source has none, a comment), and its source changed since:
    a message reworded, two codes added (one in a category the catalog has, one not), one dropped."""
    site = tmp_path / "site"
    shutil.copytree(imported["json-records-under-key"][0], site)
    catalog = (site / "catalog.yaml").read_text(encoding="utf-8")
    catalog = catalog.replace(
        '      - code: 40003\n        message: "invalid parameter value"\n',
        "      # Asked by support, 2026-11.\n"
        '      - code: 40003\n        message: "invalid parameter value"\n'
        "        description: A parameter has a value it may not take.  # the docs team's\n",
    )
    (site / "catalog.yaml").write_text(catalog, encoding="utf-8")
    (site / "errors.json").write_text(DRIFTED, encoding="utf-8")
    return site


def test_a_source_that_moved_on_is_reported_both_ways_on_the_lines_of_both(followed: Path):
    status, _, err = run(followed, "check")
    assert status == 1
    assert err.splitlines()[1:] == [
        "catalog.yaml:35: the message of code 40001 is 'invalid request body' here and 'invalid request body"
        " (not JSON)' in errors.json:4: the catalog gives the message the API returns, so copy the source's"
        " (`errcat import --update` does)",
        "catalog.yaml:39: code 40004 'missing header' of errors.json:6 is not in the catalog: add it"
        " (`errcat import --update` adds it to category 'codes-400xx')",
        "catalog.yaml:45: code 40300 is not among the codes of errors.json:3 any more: if the API no longer"
        " returns it, mark it `status: deprecated` (later `removed`), with a `note` saying what replaced it;"
        " a published code is never deleted",
        "catalog.yaml:51: code 60000 'timed out' of errors.json:8 is not in the catalog: add it"
        " (`errcat import --update` adds it in a new category 'Codes 600xx')",
    ]


def test_the_build_stops_on_the_same_differences(followed: Path, tmp_path: Path):
    done = build(followed, tmp_path / "out")
    assert done.returncode != 0
    assert "catalog.yaml:35: the message of code 40001 is 'invalid request body' here" in done.stderr
    assert "catalog.yaml:45: code 40300 is not among the codes of errors.json:3 any more" in done.stderr
    assert "Traceback" not in done.stderr


def test_update_brings_new_codes_and_messages_and_keeps_what_the_docs_team_wrote(followed: Path):
    before = (followed / "catalog.yaml").read_text(encoding="utf-8")
    status, out, err = run(followed, "import", "--update")
    assert (status, err) == (0, "")
    assert out.splitlines() == [
        "updated catalog.yaml from errors.json: 1 message changed (40001); 2 codes added (40004 in codes-400xx,"
        " 60000 in codes-600xx); descriptions, categories and comments kept",
        "  code 40300 is not in errors.json any more: if the API no longer returns it, mark it `status: deprecated`"
        " (later `removed`) with a `note`",
    ]
    after = (followed / "catalog.yaml").read_text(encoding="utf-8")
    # The message changed in place, the new codes were added: every other line is as it was.
    added_to_400 = (
        '      - code: 40004\n        message: "missing header"\n        description: "A header is missing."\n'
    )
    new_category = (
        '  - id: codes-600xx\n    title: "Codes 600xx"\n    codes:\n      - code: 60000\n        message: "timed out"\n'
    )
    assert after.index(added_to_400) == after.index("  - id: codes-403xx") - len(added_to_400)
    assert after.endswith(new_category)
    unchanged = after.replace(added_to_400, "").removesuffix(new_category)
    assert unchanged == before.replace('"invalid request body"', '"invalid request body (not JSON)"', 1)
    assert "description: A parameter has a value it may not take.  # the docs team's" in after
    assert "# Asked by support, 2026-11." in after
    published = (followed / "published-codes.txt").read_text(encoding="utf-8")
    assert published.endswith("50000 codes-500xx\n40004 codes-400xx\n60000 codes-600xx\n")
    # What is left is the docs team's decision: the code the source dropped.
    status, _, err = run(followed, "check")
    assert status == 1
    (left,) = err.splitlines()[1:]
    assert left.startswith("catalog.yaml:48: code 40300 is not among the codes of errors.json:3 any more")
    catalog = after.replace(
        '      - code: 40300\n        message: "forbidden"\n',
        '      - code: 40300\n        message: "forbidden"\n        status: deprecated\n',
    )
    (followed / "catalog.yaml").write_text(catalog, encoding="utf-8")
    assert run(followed, "check")[0] == 0
    assert run(followed, "import", "--update")[1].startswith("catalog.yaml has every code and message of errors.json")


# --- recording the source in mkdocs.yml ----------------------------------------------------------

SPEC = parse_spec({"path": "errors.json", "records": "codes", "category_digits": 3})
BLOCK = """\
      source:
        path: "errors.json"
        format: json
        records: "codes"
        category_digits: 3
"""


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "plugins:\n  - search\n  - errcat\nextra: {}\n",
            "plugins:\n  - search\n  - errcat:\n" + BLOCK + "extra: {}\n",
        ),
        (
            "plugins:\n  - search\n  - errcat:  # ours\n      folder: ref\n\n# theme\ntheme: material\n",
            "plugins:\n  - search\n  - errcat:  # ours\n      folder: ref\n" + BLOCK + "\n# theme\ntheme: material\n",
        ),
        (
            "plugins:\n- errcat:\n    source:\n      path: old.json\n    title: T\n",
            "plugins:\n- errcat:\n"
            '    source:\n      path: "errors.json"\n      format: json\n'
            '      records: "codes"\n      category_digits: 3\n'
            "    title: T\n",
        ),
    ],
    ids=["bare", "with-options", "source-replaced"],
)
def test_the_source_is_written_into_the_entry_and_nothing_else_changes(before: str, after: str):
    assert with_source(before, 0, SPEC) == after


def test_without_mkdocs_yml_the_import_says_so_in_one_line_and_writes_the_catalog(tmp_path: Path):
    shutil.copy(FIXTURES / "json-map" / "errors.json", tmp_path)
    status, out, err = run(tmp_path, "import", "errors.json")
    assert (status, err) == (0, "")
    assert out.splitlines()[-1] == (
        "no mkdocs.yml here, so the source is not recorded: run errcat import in the site's folder"
        " for the check to follow it"
    )
    assert (tmp_path / "catalog.yaml").exists()


def test_no_source_records_nothing(imported, tmp_path: Path):
    site = new_site_for(tmp_path / "site", FIXTURES / "json-map")
    before = (site / "mkdocs.yml").read_text(encoding="utf-8")
    assert run(site, "import", "errors.json", "--no-source")[0] == 0
    assert (site / "mkdocs.yml").read_text(encoding="utf-8") == before


# --- broken and hostile sources ------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_a_broken_source_is_refused_on_its_lines_and_nothing_is_written(case: Path, tmp_path: Path):
    source = source_of(case)
    if source.suffix == ".gz":  # a large input, kept small in the repository
        (tmp_path / source.stem).write_bytes(gzip.decompress(source.read_bytes()))
        source = tmp_path / source.stem
    else:
        shutil.copy(source, tmp_path)
    status, _, err = run(tmp_path, "import", source.name, *flags_of(case))
    assert status == 1
    lines = err.splitlines()
    assert lines[1:-1] == (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert lines[-1] == "errcat import: nothing written"
    assert sorted(path.name for path in tmp_path.iterdir()) == [source.name]


# --- the JSON reader, against the json module -----------------------------------------------------

FUZZ = settings(
    max_examples=300, derandomize=True, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
# Text a source may hold: no control, private-use, unassigned or invisible line-breaking characters.
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp")), max_size=12)
NUMBERS = st.integers(-(2**63), 2**63 - 1) | st.floats(allow_nan=False, allow_infinity=False)
SCALARS = st.none() | st.booleans() | NUMBERS | TEXT
VALUES = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4), max_leaves=12
)


@FUZZ
@given(VALUES.filter(lambda value: isinstance(value, (list, dict))), st.sampled_from([None, 1, 2]))
def test_the_json_reader_reads_what_json_writes(value: object, indent: int | None):
    document, problems = load_json(json.dumps(value, indent=indent, ensure_ascii=indent == 2), "x.json")
    assert problems == []
    assert document is not None and document.data == value


@FUZZ
@given(st.text(max_size=200) | VALUES.map(json.dumps).map(lambda text: text[: len(text) // 2]))
def test_any_text_gives_data_or_problems_on_lines_of_the_file_never_an_exception(text: str):
    document, problems = load_json(text, "x.json")
    assert document is not None or problems
    assert all(1 <= problem.location.line <= text.count("\n") + 1 for problem in problems)
