"""The errcat instances a site's mkdocs.yml names, read without building the site.

The commands that work on a site's catalog (`errcat check`, `errcat diff`) read the same
options the plugin reads, with the plugin's own defaults, so that a command run in the
site's folder checks and describes the catalog the build will publish.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..catalog.check import CATALOG_NAME, Project
from ..catalog.paths import Urls
from ..catalog.published import PUBLISHED_NAME
from ..catalog.schema import SCHEMA_PATH

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


def _load_yaml(path: Path) -> dict[str, Any]:
    # MkDocs' own loader: it knows the tags a mkdocs.yml may hold (!ENV, !relative, INHERIT).
    from mkdocs.utils.yaml import yaml_load

    try:
        with path.open("rb") as file:
            data = yaml_load(file)
    except Exception as error:
        raise ConfigError(f"{path}: cannot be read: {str(error).splitlines()[0] if str(error) else error}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of MkDocs settings")
    return data


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


def _instance(name: str, root: Path, options: dict[str, Any], directory_urls: bool) -> Instance:
    from ..engines.mkdocs.plugin import ErrcatConfig

    config = ErrcatConfig()
    config.load_dict(options)
    failed, warnings = config.validate()
    if failed:
        wrong = "; ".join(f"{key}: {error}" for key, error in failed)
        raise ConfigError(f"{CONFIG_NAME}: plugin '{name}': {wrong}")
    del warnings  # unknown options are MkDocs' warnings at build time; a command need not repeat them
    from mkdocs.exceptions import PluginError

    from ..engines.mkdocs.plugin import site_folder

    try:
        folder = site_folder(config.folder or "")
    except PluginError as error:
        raise ConfigError(f"{CONFIG_NAME}: plugin '{name}': {error}") from None
    urls = Urls(directory_urls, config.permalinks, folder)
    project = Project(
        root,
        Path(config.catalog or CATALOG_NAME).as_posix(),
        Path(config.published or PUBLISHED_NAME).as_posix(),
        urls.reserved,
    )
    schema = root / config.schema if config.schema else SCHEMA_PATH
    return Instance(name, project, urls, schema, config.code_label, config.message_label)
