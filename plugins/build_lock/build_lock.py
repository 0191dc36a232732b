"""Build lock: one build at a time in an output folder and in a cache folder.

Two builds at once in one checkout write the same output/ and the same cache, and one can
read the cache while the other writes it. When a build starts (the main run's
`initialized`, the first signal a plugin receives, which `invoke build`, `invoke publish`
and a plain `pelican` all pass), this plugin takes an exclusive flock(2) on OUTPUT_PATH
and on CACHE_PATH themselves: folders, so there is no lock file to leave behind, to
publish or to ignore in git. A second build prints one line saying it waits for the first,
then waits until the first ends, at most BUILD_LOCK_TIMEOUT seconds (None: no limit),
after which it fails, naming the process that holds the lock.

The locks are held until the process exits: the kernel releases them however it ends,
kill -9 included, so a dead build never blocks the next one. `pelican --autoreload`
(invoke serve) holds them for as long as it runs, since it may rebuild at any moment.
Runs of other languages (i18n_subsites) happen inside the main run's process and
folders, and so does the autoreload process Pelican starts next to its web server: the
lock the build's first process took covers them (told through BUILD_LOCK_ENV).
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import time
from pathlib import Path
from typing import Any

from pelican import signals

from briefing.notices import notice

logger = logging.getLogger(__name__)

DEFAULT_SETTINGS: dict[str, Any] = {
    # Seconds a build waits for another one before it gives up; None waits for ever.
    "BUILD_LOCK_TIMEOUT": 600,
}
# Processes a locked build starts (Pelican's autoreload process) learn from this variable
# which folders their build already holds.
BUILD_LOCK_ENV = "BRIEFING_BUILD_LOCK"
POLL_SECONDS = 0.2

_HELD: dict[str, int] = {}  # real path of a locked folder -> its open descriptor


class BuildLockError(RuntimeError):
    """Another build holds the output or cache folder."""


def setting(settings: dict[str, Any], name: str) -> Any:
    return settings.get(name, DEFAULT_SETTINGS[name])


def check_settings(settings: dict[str, Any]) -> None:
    timeout = setting(settings, "BUILD_LOCK_TIMEOUT")
    if timeout is not None and (
        isinstance(timeout, bool) or not isinstance(timeout, int | float) or timeout <= 0
    ):
        raise BuildLockError(
            f"build_lock: BUILD_LOCK_TIMEOUT must be a number of seconds or None, not {timeout!r}"
        )


def lock_build(pelican: Any) -> None:
    """At the start of a build: hold its output and cache folders, or wait for them."""
    settings = pelican.settings
    check_settings(settings)
    if settings["DEFAULT_LANG"] in settings.get("I18N_SUBSITES", {}):
        return  # a language run of a build that holds the locks already
    folders = {os.path.realpath(settings[name]) for name in ("OUTPUT_PATH", "CACHE_PATH")}
    # Always in the same order, so two builds never each hold what the other waits for.
    for folder in sorted(folders):
        if folder not in _HELD and not _held_by_parent_build(folder):
            _HELD[folder] = _lock(folder, setting(settings, "BUILD_LOCK_TIMEOUT"))
    os.environ[BUILD_LOCK_ENV] = json.dumps({"pid": os.getpid(), "folders": sorted(_HELD)})


def _lock(folder: str, timeout: float | None) -> int:
    os.makedirs(folder, exist_ok=True)
    descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | os.O_CLOEXEC)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return descriptor
    except BlockingIOError:
        pass
    except BaseException:
        os.close(descriptor)
        raise
    limit = f"up to {timeout:g} s" if timeout is not None else "with no time limit"
    notice(
        logger,
        "build_lock: %s is in use by another build (%s); waiting for it to end, %s",
        folder,
        holder(folder),
        limit,
    )
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return descriptor
        except BlockingIOError:
            if deadline is not None and time.monotonic() > deadline:
                os.close(descriptor)
                raise BuildLockError(
                    f"build_lock: {folder} is still in use by another build "
                    f"({holder(folder)}) after {timeout:g} s — wait for it to end, or stop "
                    "it, then build again"
                ) from None
            time.sleep(POLL_SECONDS)


def _held_by_parent_build(folder: str) -> bool:
    """True in a process a locked build started, for a folder that build holds."""
    try:
        held = json.loads(os.environ.get(BUILD_LOCK_ENV, "{}"))
        pid, folders = held.get("pid"), held.get("folders", [])
    except (ValueError, AttributeError):
        return False
    return isinstance(pid, int) and pid != os.getpid() and folder in folders and _alive(pid)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def holder(folder: str) -> str:
    """Which process holds the lock on `folder`, as far as Linux's /proc/locks tells."""
    try:
        status = os.stat(folder)
        lines = Path("/proc/locks").read_text().splitlines()
    except OSError:
        return "process unknown"
    for line in lines:
        fields = line.split()
        # "1: FLOCK  ADVISORY  WRITE 1234 08:02:1311 0 EOF"; "->" marks a waiting request.
        if len(fields) < 6 or fields[1] != "FLOCK":
            continue
        major, minor, inode = fields[5].split(":")
        if (int(major, 16), int(minor, 16), int(inode)) == (
            os.major(status.st_dev),
            os.minor(status.st_dev),
            status.st_ino,
        ):
            return f"process {fields[4]}: {_command(fields[4])}"
    return "process unknown"


def _command(pid: str) -> str:
    try:
        words = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return "?"
    command = " ".join(word.decode(errors="replace") for word in words if word)
    return command if len(command) <= 120 else command[:119] + "…"


def register() -> None:
    signals.initialized.connect(lock_build)
