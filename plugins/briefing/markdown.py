"""The stories' Markdown: one configuration, used by the story reader and by the rules.

It is Pelican's MARKDOWN setting with raw HTML switched off, so the rules see exactly
the HTML the build will publish. The story reader adds its guards and French typography
on top (plugins/story_reader).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Mapping
from typing import Any

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor


class AlignmentClasses(Treeprocessor):
    """Table cells get class="align-…" instead of a style attribute, which the site's
    Content-Security-Policy (no 'unsafe-inline') would block."""

    def run(self, root: etree.Element) -> None:
        for element in (e for e in root.iter() if e.tag in ("th", "td")):
            style = element.attrib.pop("style", "")
            alignment = style.replace(" ", "").removeprefix("text-align:").rstrip(";")
            if alignment in ("left", "right", "center"):
                element.set("class", f"align-{alignment}")


def build_markdown(settings: Mapping[str, Any]) -> Markdown:
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
    md.treeprocessors.register(AlignmentClasses(md), "alignment_classes", 3)
    return md
