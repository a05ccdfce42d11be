"""A site's mkdocs.yml as the commands read it, without any engine: MkDocs' tags, INHERIT, the options."""

from __future__ import annotations

from pathlib import Path

import pytest

from errcat.commands.siteconfig import ConfigError, read_site_config


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_mkdocs_tags_and_materials_python_names_are_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SITE_URL", "https://errors.example.org/")
    monkeypatch.delenv("UNSET_ONE", raising=False)
    write(
        tmp_path / "mkdocs.yml",
        "site_name: x\n"
        "site_url: !ENV [UNSET_ONE, SITE_URL, 'https://fallback.example.org/']\n"
        "docs_dir: !relative pages\n"
        "markdown_extensions:\n"
        "  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "plugins:\n  - search\n  - errcat:\n      folder: reference/errors\n      permalinks: errors\n",
    )
    site = read_site_config(tmp_path)
    assert site.site_url == "https://errors.example.org/"
    assert site.docs_dir == tmp_path / "pages"
    (instance,) = site.instances
    assert instance.urls.folder == "reference/errors/" and instance.urls.permalinks == "errors"


def test_env_falls_back_to_its_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("UNSET_ONE", raising=False)
    write(tmp_path / "mkdocs.yml", "site_url: !ENV [UNSET_ONE, 'https://fallback.example.org/']\nplugins: [errcat]\n")
    assert read_site_config(tmp_path).site_url == "https://fallback.example.org/"


def test_inherit_merges_the_parent_key_by_key(tmp_path: Path):
    write(tmp_path / "base.yml", "site_url: https://base.example.org/\nplugins:\n  - errcat:\n      permalinks: e\n")
    write(tmp_path / "mkdocs.yml", "INHERIT: base.yml\ndocs_dir: src\n")
    site = read_site_config(tmp_path)
    assert site.site_url == "https://base.example.org/" and site.docs_dir == tmp_path / "src"
    assert site.instances[0].urls.permalinks == "e"


def test_inherit_in_a_circle_is_refused(tmp_path: Path):
    write(tmp_path / "a.yml", "INHERIT: mkdocs.yml\n")
    write(tmp_path / "mkdocs.yml", "INHERIT: a.yml\n")
    with pytest.raises(ConfigError, match="INHERIT goes round in a circle"):
        read_site_config(tmp_path)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ("permalinks: ../x", "plugin 'errcat': 'permalinks' must be a folder name of lower-case letters"),
        ("folder: ../up", "plugin 'errcat': 'folder' must be a folder of the docs"),
        ("changes: maybe", "plugin 'errcat': 'changes' must be true or false, found str 'maybe'"),
        ("title: 3", "plugin 'errcat': 'title' must be a text, found int 3"),
        ("source: errors.json", "plugin 'errcat': 'source' must be a mapping, found str 'errors.json'"),
        (
            "source: {path: errors.txt}",
            "plugin 'errcat': 'source': 'format' must be json or yaml, found nothing, and 'errors.txt' is not named",
        ),
        ("source: {path: e.json, sheet: 1}", "plugin 'errcat': 'source': has no setting 'sheet' (it takes: path,"),
    ],
)
def test_a_wrong_option_is_named(tmp_path: Path, options: str, message: str):
    write(tmp_path / "mkdocs.yml", f"plugins:\n  - errcat:\n      {options}\n")
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(".", r"\.")):
        read_site_config(tmp_path)
