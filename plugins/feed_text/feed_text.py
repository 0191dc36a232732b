"""Feed text: a feed's titles keep every character of the story's title.

Pelican's feed writer passes every title through Markup(title).striptags(), which reads
the title as HTML: "Croissance < 2 % en zone euro, > 3 % en Afrique" lost everything
from "<" to ">" and became "Croissance 3 % en Afrique", and "&amp;" typed by an editor
became "&". In this project a title is plain text (the story reader never formats it;
templates escape it once, like any text), so the feed gets it as it is, and the feed
generator escapes it once for XML. A title that a plugin deliberately made HTML (a
Markup object) is still reduced to its text, as before. The feed's own title (SITENAME)
is treated the same way.

Summaries and contents are HTML already (the story reader stores the summary escaped),
and Pelican passes them through unchanged, in `type="html"` elements: they need nothing.

Pelican offers a writer class through the `get_writer` signal; this plugin gives it a
Writer that differs only in the two titles.
"""

from __future__ import annotations

import logging
from typing import Any

from markupsafe import Markup
from pelican import signals
from pelican.writers import Writer

logger = logging.getLogger(__name__)


def title_text(title: Any) -> str:
    """The text a reader sees of a title: plain text as it is, HTML without its tags."""
    if isinstance(title, Markup):
        return title.striptags()
    return str(title)


class TextTitleWriter(Writer):
    """Pelican's writer, with feed titles taken as text instead of stripped as HTML."""

    def _create_new_feed(self, feed_type: str, feed_title: Any, context: dict) -> Any:
        feed = super()._create_new_feed(feed_type, feed_title, context)
        title = title_text(context["SITENAME"])
        if feed_title:
            title += " - " + title_text(feed_title)
        feed.feed["title"] = title
        return feed

    def _add_item_to_the_feed(self, feed: Any, item: Any) -> None:
        super()._add_item_to_the_feed(feed, item)
        # feedgenerator keeps the item just added as the last of feed.items.
        feed.items[-1]["title"] = title_text(item.title)


def get_writer(pelican: Any) -> type[Writer]:
    return TextTitleWriter


def register() -> None:
    signals.get_writer.connect(get_writer)
