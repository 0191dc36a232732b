"""Clear errors: a build that cannot go on says why in one line, not with a traceback.

Pelican reports any exception that stops a build with its full traceback. For a problem
of the machine (a read-only or full disk, a name too long for the file system) or a
message a plugin wrote for editors on purpose, the traceback only hides the one line
that matters. This plugin

- rewrites that last report to one line when the error is
  * an OSError of the environment (full disk, read-only file system, permission denied,
    name too long, input/output error), anywhere in the chain of exceptions: the line
    says what happened to which file, and what to do;
  * an error a plugin of this project raised on purpose: raised in plugins/, with a
    message that starts with a name and a colon ("search_index: …", "Slug: …");
  and leaves every other traceback alone, since that is most likely a bug, where the
  traceback helps. `pelican -D` (debug) always shows the traceback.
- drops the extra report that `--fatal` adds ("RuntimeError: Warning or error
  encountered"): the warning or error that stopped the build was printed just before.
- adds to Pelican's "Could not process FILE" the reason (Pelican keeps it for -D).
- checks, when a build starts, that the output and cache folders can be written, so a
  read-only folder is one line before any work rather than a failure half-way;
- checks, before anything is written, that every file name the build will write fits
  the output file system (NAME_MAX bytes per name, usually 255), naming the story,
  page, category or tag whose slug is too long;
- refuses a story or page whose `Lang` is not a language of the site (the main
  language and I18N_SUBSITES), naming the file, instead of a KeyError further on.

Exception to "register() only connects signals": register() also attaches the log
filter. Pelican reports an exception raised by any `initialized` handler (the search
plugin's check of DEFAULT_LANG, the build lock's folders) before a signal could attach
it, and blinker calls handlers in no fixed order, so it must be in place before any.
"""

from __future__ import annotations

import errno
import logging
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

from pelican import signals

logger = logging.getLogger(__name__)

PLUGINS_ROOT = Path(__file__).resolve().parents[1]
# The message Pelican's --fatal option raises after the warning or error it stops at.
FATAL_MESSAGE = "Warning or error encountered"
# "name: message", as this project's plugins and readers write them.
DELIBERATE = re.compile(r"^[A-Za-z_]+: \S")
# errno -> what happened to {file} (or, when the error does not say, to "a file"), and
# what to do.
ENVIRONMENT = {
    errno.ENOSPC: "the disk is full (writing {file}) — free some space, then build again",
    errno.EDQUOT: "your disk quota is used up (writing {file}) — free some space, then build again",
    errno.EROFS: "{file} is on a read-only file system — build into a writable folder "
    "(pelican -o FOLDER)",
    errno.EACCES: "permission denied for {file} — check its permissions, or build into "
    "another folder (pelican -o FOLDER)",
    errno.EPERM: "operation not permitted on {file} — check its permissions, or build into "
    "another folder (pelican -o FOLDER)",
    errno.ENAMETOOLONG: "a name is too long for the file system: {file} — shorten the slug "
    "it comes from",
    errno.EFBIG: "{file} would be larger than the file system or your limits allow",
    errno.EIO: "the disk failed (input/output error) on {file} — check it, then build again",
}

_LANGUAGES: list[str] = []  # the site's languages, main first, set by the main run


class ClearError(ValueError):
    """A problem this plugin found before Pelican would fail on it."""


# --- One line instead of a traceback -----------------------------------------------------


def environment_message(error: OSError) -> str | None:
    template = ENVIRONMENT.get(error.errno or 0)
    if template is None:
        return None
    target = error.filename2 or error.filename or _file_being_written(error)
    file = os.fsdecode(target) if target is not None else "a file"
    return "clear_errors: " + template.format(file=file)


# Where the writers this build uses keep the path they write to (Pelican's page and feed
# writers, briefing.atomic). complete_path first: Pelican's feed writer also has `path`,
# the feed's path relative to the output folder.
PATH_VARIABLES = ("complete_path", "path", "target")


def _file_being_written(error: OSError) -> str | os.PathLike | None:
    """A failed write() names no file: find the path in the frame that was writing."""
    frames = []
    trace = error.__traceback__
    while trace is not None:
        frames.append(trace.tb_frame)
        trace = trace.tb_next
    for frame in reversed(frames):
        for name in PATH_VARIABLES:
            value = frame.f_locals.get(name)
            if isinstance(value, str | os.PathLike):
                return value
    return None


def is_deliberate(error: BaseException) -> bool:
    """An error a plugin of this project raised with a message written for people."""
    frames = []
    trace = error.__traceback__
    while trace is not None:
        frames.append(trace.tb_frame.f_code.co_filename)
        trace = trace.tb_next
    raised_here = bool(frames) and Path(frames[-1]).resolve().is_relative_to(PLUGINS_ROOT)
    return raised_here and bool(DELIBERATE.match(str(error)))


def chain(error: BaseException) -> list[BaseException]:
    """The error, then what it was raised from or while handling, and so on."""
    seen = []
    while error is not None and error not in seen:
        seen.append(error)
        error = error.__cause__ or error.__context__
    return seen


def one_line(error: BaseException) -> str | None:
    """The line that says it all, or None when a traceback says more (a bug)."""
    for link in chain(error):
        if isinstance(link, OSError) and (message := environment_message(link)):
            return message
        if is_deliberate(link):
            return str(link)
    return None


def _is_fatal_stop(error: BaseException) -> bool:
    return type(error) is RuntimeError and str(error) == FATAL_MESSAGE


class OneLineFilter(logging.Filter):
    """On Pelican's loggers: reports of errors, rewritten as one line where one suffices."""

    def filter(self, record: logging.LogRecord) -> bool:
        if logging.getLogger("pelican").isEnabledFor(logging.DEBUG):
            return True  # pelican -D: everything, tracebacks included
        if record.name == "pelican.generators" and record.msg == "Could not process %s":
            return self._add_reason(record)
        if not record.exc_info or record.exc_info[1] is None:
            return True
        error = record.exc_info[1]
        if _is_fatal_stop(error):
            return False  # the message that stopped the build is the line above
        message = one_line(error)
        if message is not None:
            record.msg, record.args = message, ()
            record.exc_info, record.exc_text = None, None
        return True

    @staticmethod
    def _add_reason(record: logging.LogRecord) -> bool:
        # Pelican logs this inside its `except`, without the exception unless -D.
        error = sys.exc_info()[1]
        if error is not None and not record.exc_info:
            reason = one_line(error) or f"{type(error).__name__}: {error}"
            record.msg = "Could not process %s: %s"
            record.args = (*record.args, " ".join(reason.split()))
        return True


_FILTER = OneLineFilter()


def attach_filter() -> None:
    for name in ("pelican", "pelican.generators"):
        target = logging.getLogger(name)
        if _FILTER not in target.filters:
            target.addFilter(_FILTER)


# --- Checks before the build writes --------------------------------------------------------


def is_main_run(settings: dict[str, Any]) -> bool:
    return settings["DEFAULT_LANG"] not in settings.get("I18N_SUBSITES", {})


def check_folders(pelican: Any) -> None:
    """At the start of a build: the output and cache folders can be written."""
    settings = pelican.settings
    if not is_main_run(settings):
        return
    _LANGUAGES[:] = [settings["DEFAULT_LANG"], *settings.get("I18N_SUBSITES", {})]
    for name in ("OUTPUT_PATH", "CACHE_PATH"):
        folder = settings[name]
        os.makedirs(folder, exist_ok=True)
        try:
            # An unnamed file where the system has them: nothing is left if the build dies.
            with tempfile.TemporaryFile(dir=folder) as probe:
                probe.write(b"probe")
                probe.flush()
        except OSError as error:
            # About the folder, not about the probe's random name.
            raise OSError(error.errno, error.strerror, folder) from None


def check_language(content: Any) -> None:
    """Each story and page is in a language of the site."""
    lang = content.metadata.get("lang") if hasattr(content, "metadata") else None
    if lang is None or not _LANGUAGES or lang in _LANGUAGES:
        return
    # Pelican reports it as "Could not process <file>: <this message>".
    raise ClearError(
        f"clear_errors: Lang: {lang!r} is not a language of this site "
        f"({', '.join(_LANGUAGES)}) — write one of them, and keep the file in that "
        "language's folder"
    )


def check_names(generators: list[Any]) -> None:
    """Before writing: every file name the build makes fits the output file system."""
    from pelican.generators import ArticlesGenerator, PagesGenerator, StaticGenerator

    settings = generators[0].settings
    output = settings["OUTPUT_PATH"]
    name_max = _limit(output, "PC_NAME_MAX", 255)
    path_max = _limit(output, "PC_PATH_MAX", 4096)
    items: list[tuple[str, str, str]] = []  # (what, field to change, save_as)
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            for article in generator.articles:
                items.append((article.get_relative_source_path(), "its Slug", article.save_as))
            for category, _ in generator.categories:
                category_slug = "its slug in taxonomy.toml"
                items.append((f"category {category.name!r}", category_slug, category.save_as))
            for tag in generator.tags:
                items.append((f"tag {tag.name!r}", "its slug in taxonomy.toml", tag.save_as))
        elif isinstance(generator, PagesGenerator):
            for page in [*generator.pages, *generator.hidden_pages]:
                items.append((page.get_relative_source_path(), "its Slug", page.save_as))
        elif isinstance(generator, StaticGenerator):
            for static in generator.staticfiles:
                name = static.get_relative_source_path()
                items.append((name, "its file name", static.save_as))
    problems = []
    for what, field, save_as in items:
        if not save_as:
            continue
        longest = max((os.fsencode(part) for part in Path(save_as).parts), key=len)
        full = os.fsencode(os.path.join(os.path.abspath(output), save_as))
        if len(longest) > name_max:
            problems.append(
                f"{what}: its file {save_as} has a name of {len(longest)} bytes, more than "
                f"the {name_max} this file system allows — shorten {field}"
            )
        elif len(full) >= path_max:
            problems.append(
                f"{what}: its file's path is {len(full)} bytes long, more than this file "
                f"system allows ({path_max}) — shorten {field}, or build nearer the root"
            )
    if problems:
        raise ClearError("clear_errors: " + "\n".join(problems))


def _limit(folder: str, name: str, default: int) -> int:
    try:
        return os.pathconf(folder, name)
    except (OSError, ValueError):
        return default


def register() -> None:
    attach_filter()  # see the module's docstring: needed before any signal
    signals.initialized.connect(check_folders)
    signals.content_object_init.connect(check_language)
    signals.all_generators_finalized.connect(check_names)
