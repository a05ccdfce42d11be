"""`errcat build` and `errcat serve` with MkDocs (the default engine): MkDocs' own commands,
run with this Python, where the plugin does errcat's work."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def build(config_file: Path, strict: bool = False) -> int:
    """`mkdocs build` of the site into its site_dir."""
    return _mkdocs("build", "--config-file", str(config_file), *(["--strict"] if strict else []))


def serve(config_file: Path, dev_addr: str | None = None) -> int:
    """`mkdocs serve` of the site, which rebuilds as it is written."""
    return _mkdocs("serve", "--config-file", str(config_file), *(["--dev-addr", dev_addr] if dev_addr else []))


def _mkdocs(*arguments: str) -> int:
    try:
        return subprocess.run([sys.executable, "-m", "mkdocs", *arguments], check=False).returncode
    except KeyboardInterrupt:
        return 0
