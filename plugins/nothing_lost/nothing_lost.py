"""Nothing lost: a build that would leave out a story fails, naming the story.

Pelican logs a source file it cannot read and carries on without it, and it ignores files
whose extension no reader takes. In every language run this plugin checks that
- each file under the run's ARTICLE_PATHS and PAGE_PATHS became a story, page or draft
  (hidden files excepted), and
- once written, each published story and page has its page in the output.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator

from briefing.stop import stop_build

logger = logging.getLogger(__name__)


_EXPECTED: dict[str, list[tuple[str, str]]] = {}  # lang -> [(source, save_as)]


def source_files(settings: dict[str, Any]) -> list[str]:
    """Every non-hidden file under the run's story and page folders, relative to PATH."""
    root = Path(settings["PATH"])
    found = []
    for folder in [*settings["ARTICLE_PATHS"], *settings["PAGE_PATHS"]]:
        for directory, subdirectories, files in os.walk(root / folder):
            subdirectories[:] = sorted(d for d in subdirectories if not d.startswith("."))
            found += [
                (Path(directory) / name).relative_to(root).as_posix()
                for name in sorted(files)
                if not name.startswith(".")
            ]
    return found


def check_read(generators: list[Any]) -> None:
    """After reading: every source file was read; note what each published item writes."""
    settings = generators[0].settings
    context = generators[0].context
    read = {**context["generated_content"], **context["static_content"]}
    problems = []
    for path in source_files(settings):
        if path not in read:
            problems.append(
                f"{path}: not read — only .md files are stories and pages; rename it or move "
                "it out of content/"
            )
        elif read[path] is None:
            problems.append(
                f"{path}: could not be read (see the error above) — fix it, or run "
                "`invoke check` for the details"
            )
    if problems:
        stop_build("nothing_lost", problems, "the build stops: these files would be lost.")
    expected = []
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            expected += [(a.relative_source_path, a.save_as) for a in generator.articles]
        elif isinstance(generator, PagesGenerator):
            items = [*generator.pages, *generator.hidden_pages]
            expected += [(p.relative_source_path, p.save_as) for p in items]
    _EXPECTED[settings["DEFAULT_LANG"]] = expected


def check_written(pelican: Any) -> None:
    """After writing: every published story and page has its page."""
    settings = pelican.settings
    output = Path(settings["OUTPUT_PATH"])
    missing = [
        f"{source}: its page {save_as or '(none)'} was not written — a story with "
        "Status: published must have a page; check its Slug and Date"
        for source, save_as in _EXPECTED.pop(settings["DEFAULT_LANG"], [])
        if not save_as or not (output / save_as).is_file()
    ]
    if missing:
        stop_build("nothing_lost", missing, "the build stops: these pages are missing.")


def register() -> None:
    signals.all_generators_finalized.connect(check_read)
    signals.finalized.connect(check_written)
