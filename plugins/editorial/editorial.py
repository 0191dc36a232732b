"""Editorial: what a news page adds around its stories.

- each story's reading time, from the words of its text;
- each story's related stories: the stories of its language that share the most topics
  with it, the newest first among equals;
- the front page's order: the latest story as the lead, then the others grouped by
  section, the section with the newest story first (template filter `by_section`).

Settings (defaults below): READING_WORDS_PER_MINUTE, RELATED_STORIES_MAX.
"""

from __future__ import annotations

import logging
import math
from typing import Any

from markupsafe import Markup
from pelican import signals

logger = logging.getLogger(__name__)

DEFAULT_SETTINGS: dict[str, int] = {
    # A common figure for news prose read on screen; a brief rounds up to one minute.
    "READING_WORDS_PER_MINUTE": 220,
    "RELATED_STORIES_MAX": 3,
}


class EditorialSettingsError(ValueError):
    """An editorial setting cannot be used."""


def setting(settings: dict[str, Any], name: str) -> int:
    return settings.get(name, DEFAULT_SETTINGS[name])


def check_settings(pelican: Any) -> None:
    problems = []
    for name in DEFAULT_SETTINGS:
        value = setting(pelican.settings, name)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            problems.append(f"{name} must be a positive whole number, not {value!r}")
    if problems:
        raise EditorialSettingsError("editorial: " + "; ".join(problems))


def reading_minutes(html: str, words_per_minute: int) -> int:
    words = len(Markup(html).striptags().split())
    return max(1, math.ceil(words / words_per_minute))


def _topic_keys(article: Any) -> set[str]:
    """A story's topics by taxonomy key, so that labels never decide a match."""
    keys = set()
    for tag in getattr(article, "tags", []):
        term = getattr(tag, "term", None)
        keys.add(term.key if term is not None else tag.slug)
    return keys


def related_stories(
    article: Any,
    topics: dict[Any, set[str]],
    by_topic: dict[str, list[Any]],
    urls: dict[Any, str],
    limit: int,
) -> list[Any]:
    """The stories sharing the most topics with `article`, newest first among equals.

    Only the stories that share a topic are looked at (`by_topic`), and each story's topics
    and address are worked out once per build (`topics`, `urls`): comparing every story with
    every other one made this the slowest step of a build of a thousand stories.
    """
    shared: dict[Any, int] = {}
    for key in topics[article]:
        for other in by_topic[key]:
            if other is not article:
                shared[other] = shared.get(other, 0) + 1
    scored = [(count, other.date, urls[other], other) for other, count in shared.items()]
    scored.sort(key=lambda item: (item[0], item[1], item[2]), reverse=True)
    return [item[3] for item in scored[:limit]]


def annotate(generator: Any) -> None:
    """Reading time and related stories for every published story of this language."""
    settings = generator.settings
    per_minute = setting(settings, "READING_WORDS_PER_MINUTE")
    limit = setting(settings, "RELATED_STORIES_MAX")
    articles = generator.articles
    topics = {article: _topic_keys(article) for article in articles}
    urls = {article: article.url for article in articles}
    by_topic: dict[str, list[Any]] = {}
    for article in articles:
        for key in topics[article]:
            by_topic.setdefault(key, []).append(article)
    for article in articles:
        # The HTML as read: `content` would resolve {static} links before the static
        # files are known, and words are the same either way.
        article.reading_minutes = reading_minutes(article._content or "", per_minute)
        article.related = related_stories(article, topics, by_topic, urls, limit)


def by_section(stories: Any) -> list[tuple[Any, list[Any]]]:
    """(category, stories) pairs, in the order of each section's newest story; the stories
    arrive newest first and keep that order."""
    groups: dict[Any, list[Any]] = {}
    for story in sorted(stories, key=lambda s: s.date, reverse=True):
        groups.setdefault(story.category, []).append(story)
    return list(groups.items())


def add_filters(generator: Any) -> None:
    generator.env.filters.update(by_section=by_section)


def register() -> None:
    signals.initialized.connect(check_settings)
    signals.article_generator_finalized.connect(annotate)
    signals.generator_init.connect(add_filters)


__all__ = ["register"]
