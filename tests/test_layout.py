"""The package's layout: the core imports no engine, and each engine's adapter lives in its own folder."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "hooks" / "errcat"
# Each engine, and the top-level modules that are that engine (or code only it runs).
ENGINES = {
    "mkdocs": ("mkdocs", "material", "properdocs", "pymdownx", "jinja2", "livereload"),
    "zensical": ("zensical",),
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every module `path` imports, absolute, at any depth of its code (under TYPE_CHECKING too)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def engine_imports(path: Path) -> list[str]:
    """The engines `path` imports that its folder is not the adapter of."""
    own = path.relative_to(PACKAGE).parts
    wrong = []
    for engine, modules in ENGINES.items():
        if own[:2] == ("engines", engine):
            continue
        adapter = f"errcat.engines.{engine}"
        for module in imports_of(path):
            if module.split(".")[0] in modules or module == adapter or module.startswith(adapter + "."):
                wrong.append(f"{path.relative_to(ROOT)} imports {module} ({engine})")
    return sorted(wrong)


def test_no_module_outside_an_engines_folder_imports_that_engine():
    wrong = [line for path in sorted(PACKAGE.rglob("*.py")) for line in engine_imports(path)]
    assert wrong == []


def test_each_engine_has_its_folder():
    for engine in ENGINES:
        assert (PACKAGE / "engines" / engine / "__init__.py").is_file(), engine


@pytest.mark.parametrize(
    ("where", "source"),
    [
        ("render/x.py", "from mkdocs.structure.files import File\n"),
        ("catalog/x.py", "import material.plugins.search\n"),
        ("commands/x.py", "def f():\n    from ..engines.mkdocs.plugin import ErrcatConfig\n"),
        ("x.py", "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import zensical\n"),
        ("engines/zensical/x.py", "from ..mkdocs import plugin\n"),
    ],
)
def test_the_check_finds_an_engine_imported_elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where, source):
    # The rule is only worth something if it sees each way a module can import an engine.
    package = tmp_path / "errcat"
    path = package / where
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source, encoding="utf-8")
    monkeypatch.setattr(f"{__name__}.PACKAGE", package)
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    assert engine_imports(path) != []
    ok = package / "engines" / "mkdocs" / "ok.py"
    ok.parent.mkdir(parents=True, exist_ok=True)
    ok.write_text("from mkdocs.plugins import BasePlugin\nfrom ...render import base\n", encoding="utf-8")
    assert engine_imports(ok) == []
