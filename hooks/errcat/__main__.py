"""`python -m errcat`: the errcat command (errcat.commands.cli)."""

from __future__ import annotations

import sys

from .commands.cli import main

if __name__ == "__main__":
    sys.exit(main())
