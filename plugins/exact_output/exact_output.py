"""Exact output: after a build, the output folder holds exactly what that build wrote.

Pelican writes into OUTPUT_PATH and removes nothing (unless DELETE_OUTPUT_DIRECTORY, which
only the publish build sets), so a story whose slug was renamed kept its old page in
preview builds, and so did a removed story, tag or static file, or a page number past
the new last page.

This plugin notes every file the build writes, whoever writes it (Pelican's writer, its
static and theme copies, the plugins), through a Python audit hook: `open` for writing,
`os.rename` (which os.replace raises), `os.link` and `os.symlink`. It adds the static
files Pelican left in place because they were up to date, and the pages and feeds the page
writer announces (`content_written`, `feed_written`), which it may have kept as they were
or written from a process of its own. At the end of a successful
build (the main run's `finalized`) it removes from OUTPUT_PATH every file the build did
not write, then the folders left empty. Pruning, rather than emptying the folder before
the build, keeps the door open to builds that rewrite only what changed.

It never removes anything outside OUTPUT_PATH: it does not follow symbolic links (a link
the build did not make is removed, never what it points to); it keeps the names listed
in OUTPUT_RETENTION at the top of OUTPUT_PATH (Pelican's own setting, e.g. ".git"); and
it removes nothing at all when OUTPUT_PATH holds the content, the theme, the cache or the
plugins (`pelican -o .`), saying so. A build that fails removes nothing.

`finalized` handlers run in no fixed order: a file that another handler writes after this
one (the sitemap, the search index) may be removed and then written again, so the folder
ends the same either way.

Setting: EXACT_OUTPUT (default True) turns the pruning off when False.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from typing import Any

from pelican import signals

from briefing.notices import notice

logger = logging.getLogger(__name__)

DEFAULT_SETTINGS: dict[str, Any] = {"EXACT_OUTPUT": True}
_WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT

_WRITTEN: set[str] = set()  # absolute paths written since the main run started
_STATE = {"hook": False, "recording": False}


class ExactOutputError(ValueError):
    """A setting of this plugin cannot be used."""


def is_main_run(settings: dict[str, Any]) -> bool:
    return settings["DEFAULT_LANG"] not in settings.get("I18N_SUBSITES", {})


def _audit(event: str, args: tuple) -> None:
    """Python audit hook: note the paths the process writes (cheap for everything else)."""
    if not _STATE["recording"]:
        return
    if event == "open":
        path, _, flags = args
        if not flags & _WRITING:
            return
    elif event in ("os.rename", "os.link", "os.symlink"):
        path = args[1]
        # A path relative to a directory descriptor cannot be placed; Pelican uses none.
        if len(args) > 3 and args[3] not in (None, -1):
            return
    else:
        return
    if isinstance(path, str | bytes | os.PathLike):
        _WRITTEN.add(os.path.abspath(os.fsdecode(path)))


def start_recording(pelican: Any) -> None:
    """When a build starts: check the setting, and listen for writes (once per process)."""
    value = pelican.settings.get("EXACT_OUTPUT", DEFAULT_SETTINGS["EXACT_OUTPUT"])
    if not isinstance(value, bool):
        raise ExactOutputError(f"exact_output: EXACT_OUTPUT must be True or False, not {value!r}")
    if not _STATE["hook"]:
        # An audit hook cannot be removed: it stays, idle between builds.
        sys.addaudithook(_audit)
        _STATE["hook"] = True


def start_run(pelican: Any) -> None:
    """At the start of each main run (every rebuild with --autoreload): a new record."""
    if is_main_run(pelican.settings):
        _WRITTEN.clear()
        _STATE["recording"] = True


def note_static_files(generator: Any) -> None:
    """Static files Pelican found up to date are kept, though not written again."""
    for static in generator.staticfiles:
        _WRITTEN.add(os.path.abspath(os.path.join(generator.output_path, static.save_as)))


def note_page(path: str, **_: Any) -> None:
    """A page or feed the writer kept, unchanged since it last wrote it, or wrote in a
    process of its own (plugins/page_writer): part of this build all the same."""
    if _STATE["recording"]:
        _WRITTEN.add(os.path.abspath(path))


def prune(pelican: Any) -> None:
    """At the end of a successful build: remove what it did not write."""
    settings = pelican.settings
    if not is_main_run(settings):
        return
    _STATE["recording"] = False
    if not settings.get("EXACT_OUTPUT", DEFAULT_SETTINGS["EXACT_OUTPUT"]):
        return
    output = os.path.realpath(settings["OUTPUT_PATH"])
    held = _held_sources(settings, output)
    if held:
        notice(
            logger,
            "exact_output: %s holds %s; nothing is removed from it",
            output,
            ", ".join(held),
        )
        return
    removed = prune_folder(output, _written_under(output), settings["OUTPUT_RETENTION"])
    if removed:
        logger.info(
            "exact_output: removed %d files that this build did not write: %s",
            len(removed),
            ", ".join(os.path.relpath(path, output) for path in removed[:10])
            + (" …" if len(removed) > 10 else ""),
        )


def _held_sources(settings: dict[str, Any], output: str) -> list[str]:
    """The build's own sources that lie inside `output` (then nothing may be pruned)."""
    sources = {
        "the content": settings["PATH"],
        "the theme": settings["THEME"],
        "the cache": settings["CACHE_PATH"],
        **{f"the plugins ({path})": path for path in settings.get("PLUGIN_PATHS", [])},
    }
    return [name for name, path in sources.items() if _inside(os.path.realpath(path), output)]


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _written_under(output: str) -> set[str]:
    """The written paths inside `output`, as prune_folder sees them: the real path of the
    folder, then the name (a symbolic link is itself, not its target)."""
    folders: dict[str, str] = {}
    written = set()
    for path in _WRITTEN:
        folder, name = os.path.split(path)
        if folder not in folders:
            folders[folder] = os.path.realpath(folder)
        real = os.path.join(folders[folder], name)
        if _inside(real, output):
            written.add(real)
    return written


def prune_folder(output: str, written: set[str], retention: list[str]) -> list[str]:
    """Remove from `output` (a real path) every file not in `written`, then empty folders.

    Returns the removed files, sorted.
    """
    removed = []
    kept_at_top = set(retention)
    for folder, subfolders, files in os.walk(output):
        if folder == output:
            subfolders[:] = [name for name in subfolders if name not in kept_at_top]
            files = [name for name in files if name not in kept_at_top]
        # os.walk lists a link to a folder among the folders, and does not enter it.
        links = [name for name in subfolders if os.path.islink(os.path.join(folder, name))]
        for name in [*files, *links]:
            path = os.path.join(folder, name)
            if path not in written:
                os.unlink(path)
                removed.append(path)
    for folder, _, _ in os.walk(output, topdown=False):
        if folder == output or os.path.relpath(folder, output).split(os.sep)[0] in kept_at_top:
            continue
        with contextlib.suppress(OSError):
            os.rmdir(folder)  # only succeeds when empty
    return sorted(removed)


def register() -> None:
    signals.initialized.connect(start_recording)
    signals.get_generators.connect(start_run)
    signals.static_generator_finalized.connect(note_static_files)
    signals.content_written.connect(note_page)
    signals.feed_written.connect(note_page)
    signals.finalized.connect(prune)
