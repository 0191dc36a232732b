"""Sitemap (i18n): one sitemap.xml for both languages, with hreflang alternates.

Every HTML page written by either language run is listed once, with an `xhtml:link`
for each translation that exists plus x-default: the same links the page itself
carries in its <head>, computed by the counterparts plugin. 404 pages are left out.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import quoteattr

from pelican import signals

from briefing.atomic import write_atomic
from briefing.dates import machine_date
from briefing.site import is_main_run
from counterparts.counterparts import page_links

logger = logging.getLogger(__name__)

DEFAULT_SETTINGS = {"SITEMAP_SAVE_AS": "sitemap.xml"}


@dataclass(frozen=True)
class Entry:
    url: str
    alternates: tuple[tuple[str, str], ...]
    lastmod: str | None


_ENTRIES: dict[str, Entry] = {}


def start_build(generators: list[Any]) -> None:
    """The main run reads first and writes last: forget the previous build (autoreload)."""
    if is_main_run(generators[0].settings):
        _ENTRIES.clear()


def check_settings(pelican: Any) -> None:
    save_as = pelican.settings.get("SITEMAP_SAVE_AS", DEFAULT_SETTINGS["SITEMAP_SAVE_AS"])
    if not isinstance(save_as, str) or not save_as.endswith(".xml"):
        raise ValueError(
            f"sitemap_i18n: SITEMAP_SAVE_AS must be a file name ending in .xml, not {save_as!r}"
        )


def record_page(path: str, context: dict[str, Any]) -> None:
    """Note each written HTML page and its alternates."""
    if not path.endswith(".html"):
        return
    links = page_links(context)
    if links.kind == "404":
        return
    subject = context.get("article") or context.get("page")
    lastmod = None
    if subject is not None and hasattr(subject, "date"):
        # The last correction (Modified) if any, else the publication; a date known to the
        # month gets a month (a valid W3C date), never an invented day.
        if getattr(subject, "modified", None) is not None:
            lastmod = machine_date(subject.modified, getattr(subject, "modified_precision", "day"))
        else:
            lastmod = machine_date(subject.date, getattr(subject, "date_precision", "day"))
    _ENTRIES[links.url] = Entry(links.url, tuple(links.hreflang), lastmod)


def write_sitemap(pelican: Any) -> None:
    """After the last run (the main one, which i18n_subsites finishes last), write the file."""
    settings = pelican.settings
    if not is_main_run(settings):
        return
    path = os.path.join(
        settings["OUTPUT_PATH"],
        settings.get("SITEMAP_SAVE_AS", DEFAULT_SETTINGS["SITEMAP_SAVE_AS"]),
    )
    # Whole or not at all: a build killed here leaves the previous sitemap, never half one.
    write_atomic(path, render_sitemap(_ENTRIES.values()))
    logger.info("sitemap_i18n: wrote %s with %d pages", path, len(_ENTRIES))


def render_sitemap(entries: Any) -> str:
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        ' xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for entry in sorted(entries, key=lambda e: e.url):
        lines.append(f"  <url><loc>{_text(entry.url)}</loc>")
        if entry.lastmod:
            lines.append(f"    <lastmod>{entry.lastmod}</lastmod>")
        for lang, url in entry.alternates:
            link = f"hreflang={quoteattr(lang)} href={quoteattr(url)}"
            lines.append(f'    <xhtml:link rel="alternate" {link}/>')
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def register() -> None:
    signals.initialized.connect(check_settings)
    signals.all_generators_finalized.connect(start_build)
    signals.content_written.connect(record_page)
    signals.finalized.connect(write_sitemap)
