"""Settled URLs: a story's address is worked out once, when nothing can change it any more.

Pelican computes a story's `url` and `save_as` again at every use: it copies the story's
metadata, formats its date and slug into ARTICLE_URL, and joins paths. Templates, feeds,
the sitemap, the language links and the page writer's fingerprints use them tens of
thousands of times in a build of a thousand stories; that was a tenth of a cold build.

Once every generator of a run has read its content and every plugin has given it its
category, topics and status (`all_generators_finalized`), a story's address no longer
changes: this plugin marks the run's stories and pages as settled, and for a settled one
Pelican's `get_url_setting` (behind `url` and `save_as`) keeps what it worked out. An
`override_url` or `override_save_as` set later (i18n_subsites sets them on translations)
still wins, as in Pelican.

Pelican has no hook for this; the plugin wraps Content.get_url_setting once per process.
"""

from __future__ import annotations

import logging
from typing import Any

from pelican import signals
from pelican.contents import Content
from pelican.generators import ArticlesGenerator, PagesGenerator

logger = logging.getLogger(__name__)

# Kept in the object's own dict under a name no template or digest reads ("__…").
MEMO = "__settled_urls"
PELICAN_GET_URL_SETTING = getattr(
    Content.get_url_setting, "pelican_original", Content.get_url_setting
)


def get_url_setting(self: Content, key: str) -> str:
    if hasattr(self, "override_" + key):
        return getattr(self, "override_" + key)
    memo = self.__dict__.get(MEMO)
    if memo is None:
        return PELICAN_GET_URL_SETTING(self, key)
    if key not in memo:
        memo[key] = PELICAN_GET_URL_SETTING(self, key)
    return memo[key]


get_url_setting.pelican_original = PELICAN_GET_URL_SETTING  # type: ignore[attr-defined]


def install(pelican: Any) -> None:
    Content.get_url_setting = get_url_setting


def settle(generators: list[Any]) -> None:
    """The run's stories and pages are final: their addresses may be kept."""
    for generator in generators:
        contents: list[Any] = []
        if isinstance(generator, ArticlesGenerator):
            contents = [*generator.articles, *generator.translations]
        elif isinstance(generator, PagesGenerator):
            contents = [*generator.pages, *generator.translations, *generator.hidden_pages]
            contents += generator.hidden_translations
        for content in contents:
            content.__dict__.setdefault(MEMO, {})


def register() -> None:
    signals.initialized.connect(install)
    signals.all_generators_finalized.connect(settle)
