"""Stopping a build with a message, not a traceback.

Pelican prints any exception a plugin raises with its whole traceback; a build stopped
on purpose (bad content, a story that would be lost) says why in plain lines instead and
exits with status 1.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import NoReturn


def stop_build(plugin: str, lines: Iterable[str], reason: str) -> NoReturn:
    """Print `lines`, then "<plugin>: <reason>", and end the build with status 1."""
    for line in lines:
        print(line, file=sys.stderr)
    print(f"{plugin}: {reason}", file=sys.stderr, flush=True)
    raise SystemExit(1)
