"""Pause build (tests only): stop a real build at a chosen point, so a test can act there.

A test that kills a build, or starts a second one, must do it at a known moment, not
after a guessed delay. With this plugin added to PLUGINS, the run of language PAUSE_LANG
stops at signal PAUSE_SIGNAL: it writes PAUSE_MARKER (a JSON file with its process id)
and waits until the file PAUSE_RELEASE exists, or PAUSE_TIMEOUT seconds have passed.
Without PAUSE_MARKER it does nothing.
Everything else is the real Pelican build.
"""

from __future__ import annotations

import json
import logging
import os
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
}


def _settings(sender: Any) -> dict[str, Any]:
    return sender.settings if hasattr(sender, "settings") else sender[0].settings


def _setting(settings: dict[str, Any], name: str) -> Any:
    return settings.get(name, DEFAULT_SETTINGS[name])


def _pause(signal_name: str, sender: Any) -> None:
    settings = _settings(sender)
    if _setting(settings, "PAUSE_SIGNAL") != signal_name:
        return
    if settings["DEFAULT_LANG"] != _setting(settings, "PAUSE_LANG"):
        return
    marker = _setting(settings, "PAUSE_MARKER")
    if not marker:
        return  # not asked to pause this build
    release = _setting(settings, "PAUSE_RELEASE")
    # Written whole, then renamed: the test never reads half a marker.
    temporary = Path(f"{marker}.part")
    temporary.write_text(json.dumps({"pid": os.getpid()}))
    temporary.replace(marker)
    logger.info("pause_build: paused at %s of %s", signal_name, settings["DEFAULT_LANG"])
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
