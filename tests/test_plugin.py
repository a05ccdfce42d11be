"""errcat as a plugin: its shape (state on the instance, a small hook, no word of this API
in the package), its options, and a site that is not this one."""

from __future__ import annotations
import __future__

import ast
import dataclasses
import importlib
import json
import logging
import re
import shutil
import subprocess
import sys
import types
from pathlib import Path, PurePath
from typing import Any, TypeVar

import pytest
import yaml

from errcat.catalog import model
from errcat.engines.mkdocs.plugin import ErrcatConfig, ErrcatPlugin
from sitecheck import MKDOCS, ROOT, SEED_PROJECT, Site, built_site

HOOKS = ROOT / "hooks"
PACKAGE = HOOKS / "errcat"
EXAMPLE = ROOT / "examples" / "text-codes"


# --- the shape of the code ------------------------------------------------------------------


def python_files() -> list[Path]:
    return sorted(HOOKS.rglob("*.py"))


def test_nothing_under_hooks_declares_global_or_nonlocal_state():
    for path in python_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            assert not isinstance(node, ast.Global | ast.Nonlocal), f"{path.relative_to(ROOT)}:{node.lineno}"


def immutable(value: Any, depth: int = 0) -> bool:
    """A value no code can change: constants, and read-only containers of them."""
    if depth > 20:
        return False
    if value is None or isinstance(value, bool | int | float | complex | str | bytes | re.Pattern | PurePath):
        return True
    if isinstance(value, type | types.FunctionType | types.BuiltinFunctionType | types.ModuleType | TypeVar):
        return True  # classes, functions, modules: definitions, not state
    if isinstance(value, logging.Logger):
        return True  # logging's own registry, configured by MkDocs
    if type(value) is object or isinstance(value, __future__._Feature):
        return True  # a sentinel (it has no attributes at all), or `from __future__ import annotations`
    if isinstance(value, tuple | frozenset):
        return all(immutable(item, depth + 1) for item in value)
    if isinstance(value, types.MappingProxyType):
        return all(immutable(k, depth + 1) and immutable(v, depth + 1) for k, v in value.items())
    if isinstance(value, types.UnionType | types.GenericAlias) or type(value).__module__ == "typing":
        return True  # a type alias such as `int | str` or `tuple[Any, ...]`, or typing's own forms
    if dataclasses.is_dataclass(value) and type(value).__dataclass_params__.frozen:  # type: ignore[attr-defined]
        return all(immutable(getattr(value, f.name), depth + 1) for f in dataclasses.fields(value))
    if type(value).__name__ == "partial":
        return immutable(value.func) and immutable(value.args) and all(immutable(v) for v in value.keywords.values())
    return False


def imported(value: Any, module: types.ModuleType) -> bool:
    """A function another module defines (urllib's cached urlsplit): its state is that module's."""
    origin = getattr(value, "__module__", None)
    return callable(value) and not isinstance(value, type) and origin is not None and origin != module.__name__


MODULES = [
    "errcat_hook",
    *sorted(
        ".".join(path.relative_to(HOOKS).with_suffix("").parts).removesuffix(".__init__")
        for path in PACKAGE.rglob("*.py")
        if path != PACKAGE / "__init__.py"
    ),
]


@pytest.mark.parametrize("name", ["errcat", *MODULES])
def test_no_module_under_hooks_holds_mutable_state(name: str):
    module = importlib.import_module(name)
    mutable = {
        key: type(value).__name__
        for key, value in vars(module).items()
        if not key.startswith("__") and not immutable(value) and not imported(value, module)
    }
    assert mutable == {}, f"{name} holds mutable state at module level: {mutable}"


def test_the_check_finds_mutable_state():
    # The rule above is only worth something if it tells a dict or an instance apart.
    assert not immutable({"a": 1}) and not immutable([1]) and not immutable(ErrcatPlugin())
    assert not imported(ErrcatPlugin(), importlib.import_module("errcat.engines.mkdocs.plugin"))  # an instance is state
    assert not immutable(types.MappingProxyType({"a": [1]}))
    assert immutable(types.MappingProxyType({"a": (1, "b")})) and immutable(re.compile("x"))


def code_lines(path: Path) -> int:
    """Lines of code: not blank, not comments, not the docstrings of the module and its functions."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.update(range(body[0].lineno, body[0].end_lineno + 1))  # type: ignore[operator]
    lines = path.read_text(encoding="utf-8").splitlines()
    return sum(
        1
        for number, line in enumerate(lines, start=1)
        if line.strip() and not line.strip().startswith("#") and number not in docstrings
    )


def test_the_hook_is_a_handful_of_lines():
    assert code_lines(HOOKS / "errcat_hook.py") < 40


def test_the_package_names_no_word_of_this_api():
    """Nothing in hooks/errcat is the PBX site's: its wording is in its mkdocs.yml."""
    # The frozen seed's ids: a pull request that adds a category must not fail this test.
    catalog = yaml.safe_load((SEED_PROJECT / "catalog.yaml").read_text(encoding="utf-8"))
    ids = [category["id"] for category in catalog["categories"]]
    # Ordinary words (general, files, calls) are named as a path or a quoted id would name them.
    words = [r"\bpbx", r"errcode", r"errmsg", *(rf"(?<![\w-]){re.escape(i)}(?![\w-])" for i in ids if "-" in i)]
    # (A quoted word followed by a colon is a key of some format, such as package.json's "files".)
    words += [rf"[\"'/]{re.escape(i)}[\"'/.](?!\s*:)" for i in ids]
    words += [r"\bcontacts\b", r"\bhotel\b", r"\bivr\b", r"\bphonebook"]
    found = []
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".json", ".js", ".css", ".html"}:
            text = path.read_text(encoding="utf-8")
            for word in words:
                for match in re.finditer(word, text, re.IGNORECASE):
                    line = text.count("\n", 0, match.start()) + 1
                    found.append(f"{path.relative_to(ROOT)}:{line}: {match.group()}")
    assert found == []


def test_the_schema_file_writes_text_codes_as_the_package_does():
    schema = json.loads((PACKAGE / "catalog.schema.json").read_text(encoding="utf-8"))
    pattern = schema["definitions"]["text_code"]["pattern"]
    assert pattern == "^[A-Za-z0-9][A-Za-z0-9_.-]*$(?!\\n)"
    assert model.TEXT_CODE.startswith(pattern[1:].split("*")[0])
    assert schema["definitions"]["text_code"]["maxLength"] == 64 == 1 + int(model.TEXT_CODE.split(",")[1].rstrip("}"))


def test_the_front_end_never_reads_a_code_as_a_number():
    script = (PACKAGE / "assets" / "errcat.js").read_text(encoding="utf-8")
    assert "Number(" not in script and "parseFloat(" not in script


# --- options ----------------------------------------------------------------------------------


def documented_default(value: Any) -> str:
    if value is None:
        return "none"
    return f"`{json.dumps(value) if isinstance(value, bool) else value}`"


def test_every_option_has_a_default_and_is_documented():
    config = ErrcatConfig()
    config.load_dict({})
    assert config.validate() == ([], [])  # `plugins: [errcat]` alone is enough
    reference = (ROOT / "docs" / "plugin.md").read_text(encoding="utf-8")
    for name, option in ErrcatConfig._schema:
        row = f"| `{name}` | {documented_default(option.default)} |"
        assert row in reference, f"docs/plugin.md has no row {row}"


def configure(site: Path, options: dict[str, Any]) -> None:
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    lines = "".join(f"      {key}: {json.dumps(value)}\n" for key, value in options.items())
    text = re.sub(r"  - errcat:\n(      .*\n)*", "  - errcat:\n" + lines, text)
    config.write_text(text, encoding="utf-8")


def copy_example(where: Path) -> Path:
    shutil.copytree(EXAMPLE, where)
    return where


def test_options_move_the_catalog_the_record_and_the_permanent_pages(tmp_path: Path):
    site = copy_example(tmp_path / "site")
    (site / "data").mkdir()
    (site / "catalog.yaml").rename(site / "data" / "errors.yaml")
    (site / "published-codes.txt").rename(site / "data" / "published.txt")
    configure(
        site,
        {
            "catalog": "data/errors.yaml",
            "published": "data/published.txt",
            "permalinks": "e",
            "changes": False,
            "code_label": "code",
            "message_label": "msg",
            "short_name": "Example",
        },
    )
    built = built_site(site, tmp_path / "out")
    assert (built.root / "e" / "NOT_FOUND" / "index.html").exists()
    assert not (built.root / "codes").exists()
    assert not (built.root / "changes").exists() and not (built.root / "changes.xml").exists()
    assert 'title="Example"' in (built.root / "index.html").read_text()
    entry = built.page("requests/").select_one('[data-code="NOT_FOUND"] .errcat-message span')
    assert entry is not None and entry.get_text() == "msg"
    assert json.loads((built.root / "catalog.json").read_text())["source"] == "data/errors.yaml"
    meta = built.page("").select_one('meta[name="errcat"]')
    assert meta["data-code-label"] == "code" and meta["data-message-label"] == "msg"
    # A problem in the moved catalog is named by its own path.
    broken = (site / "data" / "errors.yaml").read_text().replace("http_status: 404", "http_status: 4040")
    (site / "data" / "errors.yaml").write_text(broken)
    result = subprocess.run([*MKDOCS, "build", "--strict", "-d", str(tmp_path / "x")], cwd=site, capture_output=True)
    assert b"data/errors.yaml:" in result.stderr and result.returncode != 0


def test_a_permalinks_folder_that_is_not_a_name_is_refused(tmp_path: Path):
    site = copy_example(tmp_path / "site")
    configure(site, {"permalinks": "../x"})
    result = subprocess.run([*MKDOCS, "build", "-d", str(tmp_path / "out")], cwd=site, capture_output=True, text=True)
    assert result.returncode != 0 and "'permalinks' must be a folder name" in result.stderr


def test_a_site_without_a_nav_keeps_all_its_pages(tmp_path: Path):
    site: Site = built_site(copy_example(tmp_path / "site"), tmp_path / "out")
    links = [a["href"] for a in site.page("").select("nav.md-nav--primary a.md-nav__link[href]")]
    pages = [href for href in links if not href.startswith("#")]
    assert "guide/" in pages, pages
    assert pages.index("requests/") < pages.index("payments/")
    assert (site.root / "guide" / "index.html").exists()


def test_a_category_title_with_an_emoji_builds_strictly_and_its_anchors_resolve(tmp_path: Path):
    # The front matter holds the title as it is: written as a surrogate pair's escapes
    # (ASCII JSON), MkDocs' YAML reader refused it and rendered the lines as a heading.
    site = copy_example(tmp_path / "site")
    catalog = site / "catalog.yaml"
    catalog.write_text(catalog.read_text().replace("title: Payments\n", "title: Payments 💳\n", 1))
    guide = site / "docs" / "guide.md"
    guide.write_text(
        guide.read_text() + "\nSee [the payments](payments.md#top) and [a decline](payments.md#card_declined).\n"
    )
    built = built_site(site, tmp_path / "out")  # --strict, with `validation: {anchors: warn}`
    page = built.page("payments/")
    assert page.title is not None and page.title.get_text().startswith("Payments 💳 ")
    assert page.find("h1", id="top").get_text().startswith("Payments 💳")
    assert "Payments 💳" in [a.get_text(strip=True) for a in built.page("").select("nav a")]
    assert "ud83d" not in (built.root / "payments" / "index.html").read_text(encoding="utf-8")
    links = built.page("guide/").select("article a[href*='payments']")
    assert len(links) == 2
    for link in links:
        target, fragment = built.resolve(built.root / "guide" / "index.html", link["href"])
        assert target == built.root / "payments" / "index.html" and page.find(id=fragment) is not None


@pytest.mark.parametrize("theme", ["mkdocs", "readthedocs"])  # the themes docs/plugin.md names
def test_another_theme_builds_without_materials_features(tmp_path: Path, theme: str):
    site = copy_example(tmp_path / "site")
    config = site / "mkdocs.yml"
    text = config.read_text()
    text = re.sub(r"theme:\n(  .*\n)+", f"theme:\n  name: {theme}\n", text)
    config.write_text(text)
    built = built_site(site, tmp_path / "out")
    page = built.page("requests/")
    assert page.find(id="NOT_FOUND").name == "h2"
    assert page.select_one('meta[name="errcat"]')["data-code-type"] == "text"
    assert "../assets/errcat.js" in {script.get("src") for script in page.find_all("script")}
    assert built.page("").select_one("table.errcat-index") is not None
    assert "md-search" not in (built.root / "404.html").read_text()
    assert built.page("404.html").find(id="errcat-404") is not None


@pytest.mark.parametrize("command", ["build"])
def test_the_hook_refuses_a_plugin_that_is_not_this_checkout(tmp_path: Path, command: str):
    from sitecheck import SEED_CATALOG, SEED_PUBLISHED, make_project

    project = make_project(tmp_path / "p", SEED_CATALOG, SEED_PUBLISHED)
    plugin = project / "hooks" / "errcat" / "engines" / "mkdocs" / "plugin.py"
    # The copy's own errcat differs from the errcat that runs: a stale install, as the hook sees it.
    plugin.write_text(plugin.read_text() + "\n# changed\n")
    result = subprocess.run(
        [*MKDOCS, command, "-d", str(tmp_path / "out")], cwd=project, capture_output=True, text=True
    )
    assert result.returncode != 0 and "is not this checkout's" in result.stderr
    assert sys.modules  # the build above ran in its own process


def test_no_class_in_the_package_is_longer_than_300_lines():
    """A room a newcomer reads: a class that does several jobs is split by what it does."""
    long = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and node.end_lineno - node.lineno + 1 > 300:  # type: ignore[operator]
                long.append(
                    f"{path.relative_to(ROOT)}:{node.lineno}: {node.name}, {node.end_lineno - node.lineno + 1} lines"
                )  # type: ignore[operator]
    assert long == []
