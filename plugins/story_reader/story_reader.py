"""Story reader: the Markdown reader for stories and pages.

Compared with Pelican's own Markdown reader it
- keeps a date's precision ("2022-03" stays a month, never gains a day),
- refuses invalid dates instead of letting dateutil guess,
- escapes raw HTML, so a story can never carry markup of its own,
- refuses links and images whose address is javascript:, data: or anything but web addresses,
- applies French typography to French titles, summaries and text,
- treats the summary as plain text, stored escaped (Pelican's summaries are HTML, and
  feeds hand them to readers as HTML), falling back to the start of the body,
- reuses one Markdown object for every file, which Pelican re-creates per file.
"""

from __future__ import annotations

import logging
import xml.etree.ElementTree as etree
from typing import Any, ClassVar

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup, escape
from pelican import signals
from pelican.readers import MarkdownReader
from pelican.utils import SafeDatetime, pelican_open

from briefing.addresses import SLUG_RE, is_safe_url
from briefing.dates import parse_story_date
from briefing.typography import french_spacing

logger = logging.getLogger(__name__)

TYPOGRAPHY_SKIP = {"code", "pre", "kbd", "samp", "script", "style"}
FALLBACK_SUMMARY_WORDS = 40


class UnsafeContentError(ValueError):
    """A story asks for something the site never publishes."""


class LinkGuard(Treeprocessor):
    """Refuses links and images that would run code or embed data."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for attribute in ("href", "src"):
                url = element.get(attribute)
                if url is not None and not is_safe_url(url):
                    raise UnsafeContentError(
                        f"body: the link address {url!r} is not allowed — "
                        "use an http:// or https:// address, or {filename}/… for a story"
                    )


class AlignmentClasses(Treeprocessor):
    """Table cells get class="align-…" instead of a style attribute, which the site's
    Content-Security-Policy (no 'unsafe-inline') would block."""

    def run(self, root: etree.Element) -> None:
        for element in (e for e in root.iter() if e.tag in ("th", "td")):
            style = element.attrib.pop("style", "")
            alignment = style.replace(" ", "").removeprefix("text-align:").rstrip(";")
            if alignment in ("left", "right", "center"):
                element.set("class", f"align-{alignment}")


class FrenchTypography(Treeprocessor):
    """No-break spaces in French text nodes, after inline parsing has produced them."""

    def run(self, root: etree.Element) -> None:
        lang = self.md.Meta.get("lang", [""])[0].strip() if hasattr(self.md, "Meta") else ""
        if lang == "fr":
            _space_tree(root)


def _space_tree(element: etree.Element) -> None:
    if element.tag in TYPOGRAPHY_SKIP:
        return
    if element.text:
        element.text = french_spacing(element.text)
    for child in element:
        _space_tree(child)
        if child.tail:
            child.tail = french_spacing(child.tail)


def build_markdown(settings: dict[str, Any]) -> Markdown:
    """One Markdown object, configured like Pelican's, with raw HTML switched off."""
    config = dict(settings["MARKDOWN"])
    extensions = list(config.pop("extensions", []))
    extension_configs = dict(config.pop("extension_configs", {}))
    for name in extension_configs:
        if name not in extensions:
            extensions.append(name)
    if "markdown.extensions.meta" not in extensions:
        extensions.append("markdown.extensions.meta")
    md = Markdown(extensions=extensions, extension_configs=extension_configs, **config)
    # Without these two, "<script>" in a story would reach readers as markup.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.treeprocessors.register(LinkGuard(md), "link_guard", 1)
    md.treeprocessors.register(FrenchTypography(md), "french_typography", 2)
    md.treeprocessors.register(AlignmentClasses(md), "alignment_classes", 3)
    return md


class StoryReader(MarkdownReader):
    """Pelican reader for the site's Markdown stories and pages."""

    # Every extension Pelican's own Markdown reader takes, so none escapes the checks here.
    file_extensions: ClassVar[list[str]] = ["md", "markdown", "mkd", "mdown"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._md = build_markdown(self.settings)

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        self._source_path = source_path
        self._md.reset()
        with pelican_open(source_path) as text:
            content = self._md.convert(text)
        metadata = self._parse_metadata(getattr(self._md, "Meta", {}))
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
            elif name == "slug" and not SLUG_RE.match(value):
                # The slug becomes a folder and a URL: nothing but a-z, 0-9 and hyphens.
                raise ValueError(
                    f"Slug: {value!r} is not URL-safe — use lowercase a-z, 0-9 and '-', "
                    "e.g. 'visite-a-paris'"
                )
            elif name == "title":
                output[name] = self._text_metadata(value, meta)
            elif name == "summary":
                output[name] = escape(self._text_metadata(value, meta))
            else:
                output[name] = self.process_metadata(name, value)
        return output

    def _date_metadata(self, value: str) -> dict[str, Any]:
        try:
            date, precision = parse_story_date(value)
        except ValueError as error:
            raise ValueError(f"Date: {error}") from None
        return {"date": SafeDatetime(*date.timetuple()[:6]), "date_precision": precision}

    @staticmethod
    def _text_metadata(value: str, meta: dict[str, list[str]]) -> str:
        if meta.get("lang", [""])[0].strip() == "fr":
            return french_spacing(value)
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
