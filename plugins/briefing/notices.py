"""Notices: lines a build must show, that must not fail it.

In CI and for publishing, Pelican runs with `--fatal warnings`, which turns every warning
into a failed build. A few messages must be seen but report no fault: a damaged cache was
discarded and is being rebuilt, a build waits for another one to finish. They are shown
like warnings, but handed to the log handlers directly, past the check that would stop
the build.
"""

from __future__ import annotations

import contextlib
import logging
from typing import Any

from pelican.log import FilteredMessage


def notice(logger: logging.Logger, message: str, *args: Any) -> None:
    """Show `message % args` as a warning that never fails the build."""
    if not logger.isEnabledFor(logging.WARNING):
        return  # pelican --quiet
    path, line, function, _ = logger.findCaller(stacklevel=2)
    record = logger.makeRecord(
        logger.name, logging.WARNING, path, line, message, args, None, function
    )
    # Pelican's filter of repeated messages may say no (by raising); so be it.
    with contextlib.suppress(FilteredMessage):
        logger.handle(record)
