"""Trust boundary: the last check before Pelican copies files into the site.

The rulebook refuses, before anything is read, every story and file that could publish
more than the story (rules link-outside-content, file-symlink, static-type-not-allowed …).
Pelican itself follows symbolic links and joins {static} paths without confining them, so
this plugin checks again, on what Pelican is actually about to copy, in every language
run (the files {static} links name, once the stories are read; then every file the static
generator lists): each static file must be a regular file inside the content folder, reached through
no symbolic link, be an image of the allowed kinds (the rulebook's own test), and be
written inside the output folder. Anything else stops the build before a file is copied.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from pelican import signals

from briefing.rules.files import linked_step
from briefing.rules.static import RASTER_FORMATS, image_format
from briefing.site import model_for
from briefing.stop import stop_build

logger = logging.getLogger(__name__)


def refusal(source: Path, save_as: str, content: Path, output: Path) -> str | None:
    """Why a static file must not be published, or None."""
    if not source.absolute().is_relative_to(content):
        return "it is outside the content folder"
    link = linked_step(content, source)
    if link is not None:
        return f"{link.relative_to(content)} is a symbolic link"
    if not source.is_file():
        return "it is not a file"
    target = Path(os.path.normpath(output / save_as))
    if not target.is_relative_to(output):
        return f"it would be written outside the output folder ({save_as})"
    wanted = RASTER_FORMATS.get(source.suffix.lower())
    if wanted is None or image_format(source) != wanted:
        return "it is not an image of an allowed kind (PNG, JPEG, GIF, WebP, AVIF)"
    return None


def check_static_links(generator: Any) -> None:
    """After the stories or pages are read: the files their {static} links name, which
    Pelican adds to the files it copies, before it opens any of them."""
    settings = generator.settings
    content = model_for(settings).content
    output = Path(os.path.abspath(settings["OUTPUT_PATH"]))
    problems = []
    for link in sorted(generator.context.get("static_links", ())):
        source = Path(os.path.normpath(content / link))
        why = refusal(source, link, content, output)
        if why:
            problems.append(f"{{static}}{link}: not published: {why}")
    if problems:
        stop_build("trust_boundary", problems, "the build stops; run `invoke check`.")


def check_static_files(generator: Any) -> None:
    """After the static generator has listed its files, before any is copied."""
    settings = generator.settings
    content = model_for(settings).content
    output = Path(os.path.abspath(settings["OUTPUT_PATH"]))
    problems = []
    for static in generator.staticfiles:
        source = Path(os.path.normpath(os.path.join(content, static.source_path)))
        why = refusal(source, static.save_as, content, output)
        if why:
            problems.append(f"{static.relative_source_path}: not published: {why}")
    if problems:
        stop_build("trust_boundary", problems, "the build stops; run `invoke check`.")


def register() -> None:
    signals.article_generator_finalized.connect(check_static_links)
    signals.page_generator_finalized.connect(check_static_links)
    signals.static_generator_finalized.connect(check_static_files)
