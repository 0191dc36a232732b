"""Leftovers: what a copied web page left in a story, and a headline printed twice.

The importer strips every leftover briefing.leftovers knows; these rules find those still in
a story, whether the importer missed them or an editor pasted them by hand, with the same
patterns. They also catch the repetitions an import used to leave: a Summary that is the
Title, a text that opens with the Title, a Summary that only repeats the first sentence.

Only text a reader sees as plain paragraphs is judged: a heading, a list, a quote, a code
block or a paragraph with a link is the editor's own markup, and a credit line under the
story's own image is a credit, not a leftover.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

from briefing.i18n import _
from briefing.leftovers import Leftover, cookie_banner_start, leftovers_in
from briefing.rules.core import Context, Document, rule, shorten
from briefing.sentences import first_sentence, is_cut_from, same_text

SUMMARY_EQUALS_TITLE = rule(
    "summary-equals-title", __name__, "a Summary that repeats the Title", waits_in_draft=True
)
SUMMARY_IS_FIRST_SENTENCE = rule(
    "summary-is-first-sentence",
    __name__,
    "a Summary that only repeats the text's first sentence",
    "warning",
)
BODY_STARTS_WITH_TITLE = rule(
    "body-starts-with-title",
    __name__,
    "a text whose first sentence is the Title",
    waits_in_draft=True,
)
HASHTAG_LINE = rule("hashtag-line", __name__, "a line made only of hashtags", waits_in_draft=True)
PLAYER_LEFTOVER = rule(
    "player-leftover",
    __name__,
    "a video or audio player's label, clock or media title left from a web page",
    waits_in_draft=True,
)
TIMESTAMP_LEFTOVER = rule(
    "timestamp-leftover",
    __name__,
    "a publication, update or reading time left from a web page",
    waits_in_draft=True,
)
PAGE_LEFTOVER = rule(
    "page-leftover",
    __name__,
    "a banner, read-also link, caption, prompt, share label … left from a web page",
    waits_in_draft=True,
)

# Each kind of leftover, the rule that reports it and what to do about it.
RULE_OF_KIND = {
    "hashtags": HASHTAG_LINE,
    "player": PLAYER_LEFTOVER,
    "media-title": PLAYER_LEFTOVER,
    "timestamp": TIMESTAMP_LEFTOVER,
    "reading-time": TIMESTAMP_LEFTOVER,
}


def _fix(rule_id: str, kind: str) -> str:
    """What to do about a leftover, in the tools' language."""
    if kind == "media-title":
        return _(
            "delete it with the player's label above it; to point readers to the media, "
            "link to it: [its title](https://…)"
        )
    if kind == "reading-time":
        return _("delete it: the site shows no reading time")
    if rule_id == HASHTAG_LINE:
        return _("delete the line; to file the story under a subject, use Tags")
    if rule_id == PLAYER_LEFTOVER:
        return _(
            "delete it, with the video's or audio's title if one follows; to point readers "
            "to the media, link to it: [its title](https://…)"
        )
    if rule_id == TIMESTAMP_LEFTOVER:
        return _("delete it: the story's date is its Date field")
    return _("delete it: it belongs to the web page, not to the story")


# What a paragraph's Markdown source looks like when the editor wrote markup on purpose.
_EDITORIAL_MARKUP_RE = re.compile(r"^(?:#{1,6}\s|[-*+]\s|\d+[.)]\s|>|\||!\[|```|~~~|\t| {4})")
_LINK_RE = re.compile(r"\]\(|<https?://|\]\[")
_ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!:>|~<])")


@dataclass(frozen=True)
class Block:
    """One paragraph of the text: its first line, its source and what a reader sees."""

    line: int
    source: str
    text: str

    @property
    def is_markup(self) -> bool:
        return bool(_EDITORIAL_MARKUP_RE.match(self.source) or _LINK_RE.search(self.source))

    @property
    def is_image(self) -> bool:
        return self.source.startswith("![")


def check(doc: Document, context: Context) -> None:
    blocks = list(_blocks(doc))
    _check_repetitions(doc, blocks)
    _check_leftovers(doc, blocks)


def _blocks(doc: Document) -> Iterator[Block]:
    """The text's paragraphs: runs of non-blank lines, joined as Markdown joins them."""
    lines: list[tuple[int, str]] = []
    for number, line in [*doc.body_lines(), (0, "")]:
        if line.strip():
            lines.append((number, line))
            continue
        if lines:
            source = " ".join(text.strip() for _, text in lines)
            if lines[0][1].startswith(("\t", "    ")):
                source = lines[0][1]  # indented code keeps its indent, to be skipped
            yield Block(lines[0][0], source, _plain(source))
        lines = []


def _plain(source: str) -> str:
    """What a reader sees of a paragraph with no markup: escapes and entities undone."""
    return " ".join(html.unescape(_ESCAPE_RE.sub(r"\1", source)).split())


# --------------------------------------------------------------------------- repetitions


def _check_repetitions(doc: Document, blocks: list[Block]) -> None:
    title, summary = doc.value("Title"), doc.value("Summary")
    opening = next((block for block in blocks if not block.is_markup), None)
    lead = first_sentence(opening.text) if opening else ""
    if summary and same_text(summary, title):
        doc.report(
            SUMMARY_EQUALS_TITLE,
            "Summary",
            _("the same words as the Title: lists and feeds would show the headline twice"),
            _("write one or two sentences that say what the headline does not"),
        )
    elif summary and lead and (same_text(summary, lead) or is_cut_from(summary, lead)):
        doc.report(
            SUMMARY_IS_FIRST_SENTENCE,
            "Summary",
            _(
                "only repeats the first sentence of the text, which readers read again when "
                "they open the story"
            ),
            _("sum the story up in your own words, in one or two sentences"),
        )
    if opening and title and same_text(lead, title):
        doc.report_at(
            opening.line,
            BODY_STARTS_WITH_TITLE,
            _("body"),
            _("the text starts with the title, so the page prints the headline twice"),
            _('delete the first sentence "{sentence}" from the text').format(
                sentence=shorten(lead)
            ),
        )


# --------------------------------------------------------------------------- leftovers


def _check_leftovers(doc: Document, blocks: list[Block]) -> None:
    found = leftovers_in([block.text for block in blocks])
    for index, (block, leftover) in enumerate(zip(blocks, found, strict=True)):
        after_image = index > 0 and blocks[index - 1].is_image
        if block.is_markup or leftover is None:
            _check_glued_banner(doc, block)
        elif not (leftover.kind == "credit" and after_image):
            _report(doc, block, leftover)


def _report(doc: Document, block: Block, leftover: Leftover) -> None:
    rule_id = RULE_OF_KIND.get(leftover.kind, PAGE_LEFTOVER)
    doc.report_at(
        block.line,
        rule_id,
        _("body"),
        _('"{text}" was left by the web page: {reason}').format(
            text=shorten(block.text), reason=_(leftover.reason)
        ),
        _fix(rule_id, leftover.kind),
    )


def _check_glued_banner(doc: Document, block: Block) -> None:
    """A cookie banner pasted at the end of a paragraph of article text."""
    start = cookie_banner_start(block.text)
    if start:
        doc.report_at(
            block.line,
            PAGE_LEFTOVER,
            _("body"),
            _('"{text}" ends the paragraph: a cookie banner left by the web page').format(
                text=shorten(block.text[start:])
            ),
            _("delete it from the paragraph, keeping the article's sentences"),
        )
