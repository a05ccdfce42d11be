"""The errcat instances a site's mkdocs.yml names, read without building the site.

The commands that work on a site's catalog (`errcat check`, `errcat diff`) read the same
options the plugin reads, with the plugin's own defaults, so that a command run in the
site's folder checks and describes the catalog the build will publish.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..catalog.check import Project
from ..catalog.paths import Urls
from ..catalog.schema import SCHEMA_PATH
from ..options import OptionError, read_options

CONFIG_NAME = "mkdocs.yml"
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
    code_label: str = "Code"
    message_label: str = "Message"


@dataclass(frozen=True)
class SiteConfig:
    """What the commands need of a site's mkdocs.yml."""

    path: Path | None  # None: no mkdocs.yml, errcat's defaults
    site_url: str | None
    instances: tuple[Instance, ...]
    docs_dir: Path

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()


def read_site_config(folder: Path) -> SiteConfig:
    """The site in `folder`: its mkdocs.yml's errcat entries, or errcat's defaults if it has none.

    Raises ConfigError when mkdocs.yml exists and cannot be read, or names errcat with
    an option it does not know.
    """
    path = folder / CONFIG_NAME
    if not path.is_file():
        root = folder.resolve()
        return SiteConfig(None, None, (_instance(PLUGIN_NAME, root, {}, True),), root / "docs")
    data = _load_yaml(path)
    root = path.resolve().parent
    directory_urls = data.get("use_directory_urls", True) is not False
    instances = tuple(
        _instance(name, root, options, directory_urls) for name, options in _errcat_entries(data.get("plugins"))
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


def _python_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> object:
    return f"!!python/{suffix}"


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


def _instance(name: str, root: Path, values: dict[str, Any], directory_urls: bool) -> Instance:
    # Unknown options are MkDocs' warnings at build time; a command need not repeat them.
    try:
        options = read_options(values)[0]
    except OptionError as error:
        raise ConfigError(f"{CONFIG_NAME}: plugin '{name}': {error}") from None
    urls = Urls(directory_urls, options.permalinks, options.site_folder())
    project = Project(
        root, Path(options.catalog).as_posix(), Path(options.published).as_posix(), urls.reserved, options.source_spec()
    )
    schema = root / options.schema if options.schema else SCHEMA_PATH
    return Instance(name, project, urls, schema, options.code_label, options.message_label)
