"""The errcat instances a site's mkdocs.yml names, read without building the site.

The commands that work on a site's catalog (`errcat check`, `errcat diff`) read the same
options the plugin reads, with the plugin's own defaults, so that a command run in the
site's folder checks and describes the catalog the build will publish.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..catalog.check import Project
from ..catalog.paths import Urls
from ..catalog.schema import Schema, SchemaFileError
from ..options import OptionError, Options, read_options
from ..reference import Reference

CONFIG_NAME = "mkdocs.yml"
CONFIG_NAMES = (CONFIG_NAME, "mkdocs.yaml")  # what MkDocs looks for, in this order, without -f
PLUGIN_NAME = "errcat"


class ConfigError(Exception):
    """mkdocs.yml cannot be read, or an errcat entry of it has a wrong option."""


@dataclass(frozen=True)
class Instance:
    """One errcat entry of a site: its name in MkDocs (`errcat`, `errcat #2`) and what it builds."""

    name: str
    project: Project
    urls: Urls
    schema_path: Path
    schema: Schema  # compiled from schema_path
    code_label: str = "Code"
    message_label: str = "Message"
    options: Options = field(default_factory=Options)
    language: str | None = None  # the site's (theme.language)
    direction: str | None = None  # the site's (theme.direction)

    @property
    def reference(self) -> Reference:
        """The reference this entry makes of its site, as every engine builds it."""
        return Reference(self.options, self.urls, self.project, self.schema_path, self.language, self.direction)


@dataclass(frozen=True)
class SiteConfig:
    """What the commands need of a site's mkdocs.yml."""

    path: Path | None  # None: no mkdocs.yml (or mkdocs.yaml), errcat's defaults
    site_url: str | None
    instances: tuple[Instance, ...]
    docs_dir: Path
    # Every setting of mkdocs.yml, as MkDocs reads them (INHERIT merged, !ENV resolved), for an
    # engine's adapter that writes a configuration of its own from them.
    settings: Mapping[str, Any] = field(default_factory=dict)

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()


def read_site_config(folder: Path, config_file: Path | None = None) -> SiteConfig:
    """The site in `folder`, as MkDocs finds it: the errcat entries of `config_file` (a
    command's -f), or else of mkdocs.yml or mkdocs.yaml in `folder`; errcat's defaults
    where there is none of them.

    Raises ConfigError when `config_file` does not exist, when the config file cannot be
    read, or names errcat with an option it does not know or a schema it cannot use.
    """
    if config_file is not None:
        if not config_file.is_file():
            raise ConfigError(f"config file '{config_file}' does not exist")
        path, shown = config_file, str(config_file)
    else:
        found = [folder / name for name in CONFIG_NAMES if (folder / name).is_file()]
        if not found:
            root = folder.resolve()
            return SiteConfig(None, None, (_instance(PLUGIN_NAME, root, {}, True, CONFIG_NAME),), root / "docs")
        path, shown = found[0], found[0].name
    data = _load_yaml(path)
    root = path.resolve().parent
    directory_urls = data.get("use_directory_urls", True) is not False
    theme = data.get("theme")
    instances = tuple(
        _instance(name, root, options, directory_urls, shown, theme if isinstance(theme, dict) else {})
        for name, options in _errcat_entries(data.get("plugins"))
    )
    if not instances:
        raise ConfigError(f"{path}: the site does not use errcat (add `- errcat` to its plugins)")
    site_url = data.get("site_url")
    docs_dir = data.get("docs_dir")
    return SiteConfig(
        path,
        site_url if isinstance(site_url, str) and site_url else None,
        instances,
        root / (docs_dir if isinstance(docs_dir, str) and docs_dir else "docs"),
        data,
    )


def _load_yaml(path: Path, seen: tuple[Path, ...] = ()) -> dict[str, Any]:
    """mkdocs.yml as MkDocs reads it (its tags `!ENV` and `!relative`, `INHERIT`), with no engine
    imported: a `!!python/name:` value (Material's emoji settings) is kept as its tag's text."""
    try:
        with path.open("rb") as file:
            data = yaml.load(file, Loader=_SiteLoader)
    except (OSError, yaml.YAMLError) as error:
        raise ConfigError(f"{path}: cannot be read: {str(error).splitlines()[0] if str(error) else error}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of MkDocs settings")
    settings: dict[str, Any] = data
    parent = settings.pop("INHERIT", None)
    if isinstance(parent, str):
        parent_path = (path.parent / parent).resolve()
        if parent_path in seen:
            raise ConfigError(f"{path}: INHERIT goes round in a circle through {parent}")
        settings = _merged(_load_yaml(parent_path, (*seen, path.resolve())), settings)
    return settings


class _SiteLoader(yaml.SafeLoader):
    """PyYAML's safe loader with the tags MkDocs adds to a config file."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    # `!ENV NAME`, or `!ENV [NAME, OTHER, default]`: the first variable that is set, else the default.
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(str(loader.construct_scalar(node)))
    if isinstance(node, yaml.SequenceNode):
        items = loader.construct_sequence(node)
        names, default = (items[:-1], items[-1]) if len(items) > 1 else (items, None)
        for name in names:
            if isinstance(name, str) and name in os.environ:
                return os.environ[name]
        return default
    return None


class PythonTag(str):
    """A `!!python/...` value of mkdocs.yml, as its tag's text; `node` is the value as YAML
    wrote it, for an adapter that writes the setting again (yaml.Dumper writes a node as it is)."""

    node: yaml.Node


def _python_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> object:
    tag = PythonTag(f"!!python/{suffix}")
    tag.node = node
    return tag


_SiteLoader.add_constructor("!ENV", _env)
_SiteLoader.add_constructor("!relative", lambda loader, node: loader.construct_scalar(node))  # type: ignore[arg-type]
_SiteLoader.add_multi_constructor("tag:yaml.org,2002:python/", _python_tag)


def _merged(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """INHERIT's merge, as MkDocs does it: mappings merge key by key, anything else is replaced."""
    merged = dict(base)
    for key, value in override.items():
        old = merged.get(key)
        merged[key] = _merged(old, value) if isinstance(old, dict) and isinstance(value, dict) else value
    return merged


def _errcat_entries(plugins: object) -> list[tuple[str, dict[str, Any]]]:
    """Each errcat entry of `plugins:` (a list, or a mapping as MkDocs also allows), named as MkDocs names them."""
    items: list[tuple[object, object]]
    if isinstance(plugins, dict):
        items = list(plugins.items())
    elif isinstance(plugins, list):
        items = [
            next(iter(item.items())) if isinstance(item, dict) and len(item) == 1 else (item, {}) for item in plugins
        ]
    else:
        items = []
    entries: list[tuple[str, dict[str, Any]]] = []
    for key, options in items:
        if key != PLUGIN_NAME:
            continue
        count = len(entries) + 1
        entries.append(
            (PLUGIN_NAME if count == 1 else f"{PLUGIN_NAME} #{count}", options if isinstance(options, dict) else {})
        )
    return entries


def _instance(
    name: str,
    root: Path,
    values: dict[str, Any],
    directory_urls: bool,
    shown: str,
    theme: Mapping[str, Any] | None = None,
) -> Instance:
    """One errcat entry of the config file `shown` (as the user names it), its schema compiled;
    `theme` is the site's theme settings (its language)."""
    # Unknown options are MkDocs' warnings at build time; a command need not repeat them.
    try:
        options = read_options(values)[0]
    except OptionError as error:
        raise ConfigError(f"{shown}: plugin '{name}': {error}") from None
    reference = Reference.of(options, root, directory_urls, theme)
    try:
        schema = Schema(reference.schema_path)
    except SchemaFileError as error:
        if not options.schema:
            raise  # errcat's own schema: a broken install, not the site's mistake
        # The words of the build's message, after the file's name: `errcat check` and
        # `mkdocs build` say the same.
        raise ConfigError(f"{shown}: plugin '{name}': option 'schema': {options.schema} {error}") from None
    return Instance(
        name,
        reference.project,
        reference.urls,
        reference.schema_path,
        schema,
        options.code_label,
        options.message_label or "Message",
        options,
        reference.language,
        reference.direction,
    )
