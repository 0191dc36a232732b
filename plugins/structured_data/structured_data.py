"""Structured data: what search engines and social networks read from a page.

Template globals for the theme's head (theme/templates/partials/share_meta.html):

- `story_json_ld(article)`: a schema.org NewsArticle as JSON, escaped for a
  `<script type="application/ld+json">` data block: headline, description, language,
  dates with the precision the story has, author, publisher, the source it is based on,
  its correction, and its translation (`workTranslation` on the original,
  `translationOfWork` on the translation);
- `iso_moment(content, "date" | "modified")`: the same dates for OpenGraph;
- `og_locale(lang)`: "fr_FR", "en_US" (from Babel's likely subtags);
- `share_image(content)`: the image a shared link shows: the story's first image, else
  the language's default share image (written by the site_files plugin).

A story's original is the version without `Translated_from`; when neither has it, the
main language's version (the rulebook's own convention, rules/translations.py).
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any
from urllib.parse import urljoin

from babel.core import get_global
from jinja2 import pass_context
from markupsafe import Markup
from pelican import signals

from briefing.dates import iso_date
from counterparts.counterparts import absolute_url, main_lang, translations
from site_files.site_files import ICON_SIZES, share_image_path

logger = logging.getLogger(__name__)

# Characters that would let text end the data block or start markup, as JSON escapes:
# a headline holding "</script>" stays a string.
_JSON_HTML_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}
_FIRST_IMAGE_RE = re.compile(r"<img\b[^>]*>")
_ATTRIBUTE_RE = re.compile(r'\b(src|alt)="([^"]*)"')


def json_for_html(data: Any) -> Markup:
    """JSON that is safe inside a <script> data block (and readable by any JSON parser)."""
    text = json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":"))
    return Markup(text.translate(_JSON_HTML_ESCAPES))


def og_locale(lang: str) -> str:
    """The OpenGraph locale of a language: its most likely territory, e.g. fr -> fr_FR."""
    likely = get_global("likely_subtags").get(lang, lang)
    parts = likely.split("_")
    return f"{parts[0]}_{parts[-1]}" if len(parts) > 1 else lang


@pass_context
def iso_moment(context: Any, content: Any, field: str = "date") -> str:
    """A story's date or Modified, as precise as the editor wrote it."""
    value = getattr(content, field, None)
    if value is None:
        return ""
    precision = getattr(content, f"{field}_precision", "day")
    return iso_date(value, precision, context.get("TIMEZONE"))


def _plain(text: Any) -> str:
    return Markup(str(text)).striptags()


@pass_context
def share_image(context: Any, content: Any = None) -> dict[str, Any]:
    """The image of a shared link: the story's first image with its description, else
    the default image of the page's language, with its size."""
    if content is not None:
        # The HTML the page shows: image addresses are relative in a preview build.
        found = _FIRST_IMAGE_RE.search(str(getattr(content, "content", "") or ""))
        if found:
            attributes = dict(_ATTRIBUTE_RE.findall(found.group(0)))
            page = absolute_url(context, content.url)
            src = urljoin(page, Markup(attributes.get("src", "")).unescape())
            if src.startswith(("https://", "http://")):
                return {"url": src, "alt": Markup(attributes.get("alt", "")).unescape()}
    path, width, height = share_image_path(context)
    return {
        "url": absolute_url(context, path),
        "width": width,
        "height": height,
        "alt": context["SITENAME"],
        "type": "image/png",
    }


def _is_original(article: Any, other: Any) -> bool:
    if getattr(article, "translated_from", None):
        return False
    if getattr(other, "translated_from", None):
        return True
    return article.lang == main_lang()


@pass_context
def story_json_ld(context: Any, article: Any) -> Markup:
    """The NewsArticle of a story page, ready for a data block."""
    url = absolute_url(context, article.url)
    home = absolute_url(context, "")
    site = context["SITENAME"]
    published = iso_moment(context, article, "date")
    modified = iso_moment(context, article, "modified") or published
    author_name = getattr(getattr(article, "author", None), "name", "")
    if author_name and author_name != context.get("AUTHOR"):
        author: dict[str, Any] = {"@type": "Person", "name": author_name}
    else:
        author = {"@type": "Organization", "name": site, "url": home}
    logo_size = max(ICON_SIZES)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": url,
        "url": url,
        "mainEntityOfPage": url,
        "headline": _plain(article.title),
        "description": _plain(article.summary),
        "inLanguage": article.lang,
        "datePublished": published,
        "dateModified": modified,
        "author": author,
        "publisher": {
            "@type": "Organization",
            "name": site,
            "url": home,
            "logo": {
                "@type": "ImageObject",
                "url": absolute_url(context, f"icon-{logo_size}.png", context["main_lang"]),
                "width": logo_size,
                "height": logo_size,
            },
        },
        "image": [share_image(context, article)["url"]],
    }
    category = getattr(article, "category", None)
    if category is not None:
        data["articleSection"] = category.name
    tags = [tag.name for tag in getattr(article, "tags", [])]
    if tags:
        data["keywords"] = tags
    source = getattr(article, "source", "")
    source_url = getattr(article, "source_url", "")
    if source or source_url:
        based_on: dict[str, Any] = {"@type": "CreativeWork"}
        if source:
            based_on["name"] = source
        if str(source_url).startswith(("https://", "http://")):
            based_on["url"] = source_url
        data["isBasedOn"] = based_on
    correction = getattr(article, "correction", "")
    if correction:
        data["correction"] = {
            "@type": "CorrectionComment",
            "text": _plain(correction),
            "datePublished": modified,
        }
    for lang, other in translations(article).items():
        other_url = absolute_url(context, other.url, lang)
        link = {
            "@type": "NewsArticle",
            "@id": other_url,
            "url": other_url,
            "headline": _plain(other.title),
            "inLanguage": lang,
        }
        data["workTranslation" if _is_original(article, other) else "translationOfWork"] = link
    return json_for_html(data)


def add_globals(generator: Any) -> None:
    generator.env.globals.update(
        story_json_ld=story_json_ld,
        iso_moment=iso_moment,
        og_locale=og_locale,
        share_image=share_image,
    )


def register() -> None:
    signals.generator_init.connect(add_globals)


__all__ = ["register"]
