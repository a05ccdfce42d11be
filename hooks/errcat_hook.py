"""This site runs the errcat plugin of this checkout, the one any site installs.

mkdocs.yml names the plugin as every site does (`plugins: [search, errcat]`), so that this
site is built exactly as errcat's users build theirs, with its state kept across
`mkdocs serve` rebuilds the way MkDocs keeps a plugin's. scripts/serve and scripts/test
install this checkout (editable, so an edit to hooks/errcat is used by the next build).
This hook stops a build that would run other code than this checkout's: an older
install of errcat, or none.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

CHECKOUT = Path(__file__).resolve().parent / "errcat"
INSTALL = "run scripts/serve, or: pip install --editable ."


def on_config(config: MkDocsConfig) -> None:
    plugin = config.plugins.get("errcat")
    if plugin is None:
        raise PluginError(f"mkdocs.yml must list the errcat plugin under plugins: {INSTALL}")
    package = type(plugin).__module__.partition(".")[0]  # errcat, whichever of its modules holds the plugin
    running = Path(getattr(sys.modules.get(package), "__file__", None) or ".").resolve().parent
    if running != CHECKOUT and _sources(running) != _sources(CHECKOUT):
        raise PluginError(f"the errcat plugin that runs, from {running}, is not this checkout's: {INSTALL}")


def _sources(package: Path) -> dict[str, bytes]:
    return {str(path.relative_to(package)): path.read_bytes() for path in package.rglob("*.py")}
