"""The engines errcat serves, one folder each: the only code that imports an engine.

Each adapter hands an engine what the core (catalog, history, render) made, and nothing
else. `errcat build` and `errcat serve` reach an engine's command module (its `build` and
`serve`) through ENGINES, by name, imported only when the user picks that engine: the
commands import no engine. A third engine is one more folder and one more line here.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import MappingProxyType
from typing import Protocol, cast

ENGINES = MappingProxyType(
    {
        "mkdocs": "errcat.engines.mkdocs.command",
        "zensical": "errcat.engines.zensical.command",
    }
)
DEFAULT_ENGINE = "mkdocs"


class EngineCommands(Protocol):
    """What an engine's command module offers; each returns the exit status."""

    def build(self, config_file: Path, strict: bool = False) -> int: ...

    def serve(self, config_file: Path, dev_addr: str | None = None) -> int: ...


def engine_commands(name: str) -> EngineCommands:
    """The command module of the engine `name` (a key of ENGINES)."""
    return cast(EngineCommands, importlib.import_module(ENGINES[name]))
