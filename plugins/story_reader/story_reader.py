"""Story reader: the Markdown reader for stories and pages.

Compared with Pelican's own Markdown reader it
- keeps a date's precision ("2022-03" stays a month, never gains a day),
- reads dates strictly instead of letting dateutil guess,
- escapes raw HTML, so a story can never carry markup of its own (briefing.markdown),
- refuses links and images whose address is javascript:, data: or anything but web
  addresses (the rulebook reports them first, with the file and line),
- applies French typography to French titles, summaries and text, and English
  punctuation (curly quotes, apostrophes, dashes) to English ones,
- reads Modified as strictly as Date, keeping its precision too,
- treats the summary as plain text, stored escaped (Pelican's summaries are HTML, and
  feeds hand them to readers as HTML), falling back to the start of the body,
- reuses one Markdown object for every file, which Pelican re-creates per file.
"""

from __future__ import annotations

import logging
import xml.etree.ElementTree as etree
from pathlib import Path
from typing import Any, ClassVar

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup, escape
from pelican import signals
from pelican.readers import MarkdownReader
from pelican.utils import SafeDatetime, pelican_open

from briefing.addresses import is_safe_url
from briefing.dates import parse_story_date
from briefing.markdown import build_markdown
from briefing.rules.files import linked_step
from briefing.typography import english_punctuation, french_spacing, smarty_extension

logger = logging.getLogger(__name__)

TYPOGRAPHY_SKIP = {"code", "pre", "kbd", "samp", "script", "style"}
FALLBACK_SUMMARY_WORDS = 40


class UnsafeContentError(ValueError):
    """A story asks for something the site never publishes."""


class LinkGuard(Treeprocessor):
    """Refuses links and images that would run code or embed data.

    The rulebook (rule link-scheme-unsafe) stops a build with such a link before any
    story is read; this guard stays as the last line, should the two ever disagree."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for attribute in ("href", "src"):
                url = element.get(attribute)
                if url is not None and not is_safe_url(url):
                    raise UnsafeContentError(
                        f"body: the link address {url!r} is not allowed — "
                        "use an http:// or https:// address, or {filename}/… for a story"
                    )


def _lang(md: Markdown) -> str:
    return md.Meta.get("lang", [""])[0].strip() if hasattr(md, "Meta") else ""


class FrenchTypography(Treeprocessor):
    """No-break spaces in French text nodes, after inline parsing has produced them."""

    def run(self, root: etree.Element) -> None:
        if _lang(self.md) == "fr":
            _space_tree(root)


class EnglishTypography(Treeprocessor):
    """smarty's pass (curly quotes, apostrophes, dashes) on English stories only: one
    Markdown object reads both languages, and French quotes are already typographic."""

    def __init__(self, md: Markdown, smarty: Treeprocessor) -> None:
        super().__init__(md)
        self.smarty = smarty

    def run(self, root: etree.Element) -> None:
        if _lang(self.md) == "en":
            self.smarty.run(root)


def _space_tree(element: etree.Element) -> None:
    if element.tag in TYPOGRAPHY_SKIP:
        return
    if element.text:
        element.text = french_spacing(element.text)
    for child in element:
        _space_tree(child)
        if child.tail:
            child.tail = french_spacing(child.tail)


def story_markdown(settings: dict[str, Any]) -> Markdown:
    """The stories' Markdown (briefing.markdown) with the link guard and French typography."""
    md = build_markdown(settings)
    # smarty registers its own pass (priority 6, after inline parsing); it runs from the
    # language-aware wrapper instead.
    smarty_extension().extendMarkdown(md)
    smarty = md.treeprocessors["smarty"]
    md.treeprocessors.deregister("smarty")
    md.treeprocessors.register(EnglishTypography(md, smarty), "english_typography", 6)
    md.treeprocessors.register(LinkGuard(md), "link_guard", 1)
    md.treeprocessors.register(FrenchTypography(md), "french_typography", 2)
    return md


class StoryReader(MarkdownReader):
    """Pelican reader for the site's Markdown stories and pages."""

    # Every extension Pelican's own Markdown reader takes, so none escapes the checks here.
    file_extensions: ClassVar[list[str]] = ["md", "markdown", "mkd", "mdown"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._md = story_markdown(self.settings)

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        # The rulebook refuses symbolic links (file-symlink); never read through one.
        link = linked_step(Path(self.settings["PATH"]).resolve(), Path(source_path))
        if link is not None:
            raise UnsafeContentError(f"{link} is a symbolic link: not read")
        self._source_path = source_path
        self._md.reset()
        with pelican_open(source_path) as text:
            content = self._md.convert(text)
        metadata = self._parse_metadata(getattr(self._md, "Meta", {}))
        modified, date = metadata.get("modified"), metadata.get("date")
        if modified is not None and date is not None and modified < date:
            # A correction dated less precisely than the story (its day, its month) is
            # not earlier than it: feeds must not say "updated" before "published".
            metadata["modified"] = date
        if not metadata.get("summary"):
            metadata["summary"] = fallback_summary(content)
        return content, metadata

    def _parse_metadata(self, meta: dict[str, list[str]]) -> dict[str, Any]:
        output: dict[str, Any] = {}
        for name, values in meta.items():
            name = name.lower()
            value = " ".join(v.strip() for v in values).strip()
            if name == "date":
                output.update(self._date_metadata(value))
            elif name == "modified" and value:
                output.update(self._date_metadata(value, "modified"))
            elif name in ("title", "correction"):
                output[name] = self._text_metadata(value, meta)
            elif name == "summary":
                output[name] = escape(self._text_metadata(value, meta))
            else:
                output[name] = self.process_metadata(name, value)
        return output

    def _date_metadata(self, value: str, name: str = "date") -> dict[str, Any]:
        try:
            date, precision = parse_story_date(value)
        except ValueError as error:
            raise ValueError(f"{name.capitalize()}: {error}") from None
        return {name: SafeDatetime(*date.timetuple()[:6]), f"{name}_precision": precision}

    @staticmethod
    def _text_metadata(value: str, meta: dict[str, list[str]]) -> str:
        lang = meta.get("lang", [""])[0].strip()
        if lang == "fr":
            return french_spacing(value)
        if lang == "en":
            return english_punctuation(value)
        return value


def fallback_summary(html: str) -> Markup:
    """The first words of the body, as escaped text, for a story without a summary."""
    words = Markup(html).striptags().split()
    text = " ".join(words[:FALLBACK_SUMMARY_WORDS])
    return escape(text + (" …" if len(words) > FALLBACK_SUMMARY_WORDS else ""))


def add_reader(readers: Any) -> None:
    """Let the story reader handle every Markdown extension."""
    for extension in StoryReader.file_extensions:
        readers.reader_classes[extension] = StoryReader


def register() -> None:
    signals.readers_init.connect(add_reader)


__all__ = ["StoryReader", "register"]
