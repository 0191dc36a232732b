"""Pause build (tests only): stop a real build at a chosen point, so a test can act there.

A test that kills a build, or starts a second one, must do it at a known moment, not
after a guessed delay. With this plugin added to PLUGINS, the run of language PAUSE_LANG
stops at signal PAUSE_SIGNAL: it writes PAUSE_MARKER (a JSON file with its process id)
and waits until the file PAUSE_RELEASE exists, or PAUSE_TIMEOUT seconds have passed.
Without PAUSE_MARKER it does nothing.

PAUSE_SIGNAL "write" stops instead in the middle of writing a file: once a file whose path
matches the regular expression PAUSE_PATH has been opened for writing (seen through a
Python audit hook, which runs just before the open), at the first call of a `write`
function in that thread (seen through a profile function): the file exists and, if it was
opened in place, has been emptied, but holds nothing new yet. That is where a kill, or a
full disk, would leave a half-written file.
Everything else is the real Pelican build.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
import time
from pathlib import Path
from typing import Any

from pelican import signals

logger = logging.getLogger(__name__)

SIGNALS = ("initialized", "all_generators_finalized", "finalized")
DEFAULT_SETTINGS: dict[str, Any] = {
    "PAUSE_SIGNAL": "initialized",
    "PAUSE_LANG": "en",
    "PAUSE_MARKER": None,
    "PAUSE_RELEASE": None,
    "PAUSE_TIMEOUT": 600,
    "PAUSE_PATH": None,
}
_OPEN_HOOK: list[dict[str, Any]] = []  # the settings the audit hook acts on, once installed


def _settings(sender: Any) -> dict[str, Any]:
    return sender.settings if hasattr(sender, "settings") else sender[0].settings


def _setting(settings: dict[str, Any], name: str) -> Any:
    return settings.get(name, DEFAULT_SETTINGS[name])


def _pause(signal_name: str, sender: Any) -> None:
    settings = _settings(sender)
    if signal_name == "initialized" and _setting(settings, "PAUSE_SIGNAL") == "write":
        _install_write_hook(settings)
    if _setting(settings, "PAUSE_SIGNAL") != signal_name:
        return
    if settings["DEFAULT_LANG"] != _setting(settings, "PAUSE_LANG"):
        return
    _wait(settings, signal_name)


def _install_write_hook(settings: dict[str, Any]) -> None:
    if _OPEN_HOOK or not _setting(settings, "PAUSE_MARKER"):
        return
    _OPEN_HOOK.append(settings)
    pattern = re.compile(_setting(settings, "PAUSE_PATH"))
    writing = os.O_WRONLY | os.O_RDWR

    def at_first_write(frame: Any, event: str, arg: Any) -> None:
        called = frame.f_code.co_name if event == "call" else getattr(arg, "__name__", "")
        if event in ("call", "c_call") and called == "write":
            sys.setprofile(None)
            _wait(settings, f"write {frame.f_code.co_filename}:{frame.f_lineno}")

    def hook(event: str, args: tuple) -> None:
        if event != "open" or not _OPEN_HOOK:
            return
        path, mode, flags = args
        if mode is not None:
            is_write = any(letter in str(mode) for letter in "wax+")
        else:
            is_write = bool(flags & writing)
        if is_write and isinstance(path, str | os.PathLike) and pattern.search(str(path)):
            _OPEN_HOOK.clear()  # once
            sys.setprofile(at_first_write)  # this thread only: the one opening the file

    sys.addaudithook(hook)


def _wait(settings: dict[str, Any], where: str) -> None:
    marker = _setting(settings, "PAUSE_MARKER")
    if not marker:
        return  # not asked to pause this build
    release = _setting(settings, "PAUSE_RELEASE")
    # Written whole, then renamed: the test never reads half a marker.
    temporary = Path(f"{marker}.part")
    temporary.write_text(json.dumps({"pid": os.getpid()}))
    temporary.replace(marker)
    logger.info("pause_build: paused at %s of %s", where, settings["DEFAULT_LANG"])
    deadline = time.monotonic() + _setting(settings, "PAUSE_TIMEOUT")
    while not (release and Path(release).exists()):
        if time.monotonic() > deadline:
            raise TimeoutError("pause_build: never released")
        time.sleep(0.05)


def _receiver(signal_name: str) -> Any:
    def receiver(sender: Any, **kwargs: Any) -> None:
        _pause(signal_name, sender)

    receiver.__name__ = f"pause_at_{signal_name}"
    return receiver


_RECEIVERS = {name: _receiver(name) for name in SIGNALS}


def register() -> None:
    for name, receiver in _RECEIVERS.items():
        getattr(signals, name).connect(receiver)
