"""Corrections: a story corrected after publication says when (Modified) and what (Correction).

`Modified` is Pelican's own field: the date of the last correction, in the same forms as
`Date`. It updates the feed entry, the sitemap and the page's structured data, so it must
be a real date, not before the story's own date and not in the future. `Correction` is the
note readers see, dated, at the end of the story; a note without a date would tell them
nothing about when the story changed.
"""

from __future__ import annotations

from datetime import datetime

from briefing.dates import DATE_FORMATS_HELP, Precision, parse_story_date
from briefing.rules.core import Context, Document, rule, shorten
from briefing.rules.dates import parsed_date

MODIFIED_INVALID = rule(
    "modified-invalid", __name__, "a Modified date that is not YYYY-MM[-DD[ HH:MM]] or not real"
)
MODIFIED_BEFORE_DATE = rule(
    "modified-before-date", __name__, "a Modified date earlier than the story's Date"
)
MODIFIED_IN_FUTURE = rule(
    "modified-in-future", __name__, "a published story's Modified date after today"
)
CORRECTION_WITHOUT_MODIFIED = rule(
    "correction-without-modified",
    __name__,
    "a Correction note with no Modified date",
    waits_in_draft=True,
)


def parsed_modified(doc: Document) -> tuple[datetime, Precision] | None:
    try:
        return parse_story_date(doc.value("Modified"))
    except ValueError:
        return None


def _truncate(moment: datetime, precision: Precision) -> tuple[int, ...]:
    """A date as far as its precision goes, for comparing two dates of any precision."""
    parts = (moment.year, moment.month, moment.day, moment.hour, moment.minute)
    return parts[: {"month": 2, "day": 3, "minute": 5}[precision]]


def _coarser(first: Precision, second: Precision) -> Precision:
    order: tuple[Precision, ...] = ("month", "day", "minute")
    return order[min(order.index(first), order.index(second))]


def check(doc: Document, context: Context) -> None:
    if doc.kind != "story":
        return  # a page's Modified or Correction is reported by field-not-for-page
    value = doc.value("Modified")
    if doc.value("Correction") and not value:
        doc.report(
            CORRECTION_WITHOUT_MODIFIED,
            "Correction",
            "a correction note needs the date of the correction",
            'add a line "Modified:" with the date the story was corrected, e.g. '
            "Modified: 2022-03-18",
        )
    if not value:
        return
    modified = parsed_modified(doc)
    if modified is None:
        doc.report(
            MODIFIED_INVALID,
            "Modified",
            f'"{shorten(value)}" is not a valid date',
            f"write it as {DATE_FORMATS_HELP}, e.g. 2022-03-18, with a real month and day",
        )
        return
    moment, precision = modified
    published = parsed_date(doc)
    if published is not None:
        shared = _coarser(precision, published[1])
        if _truncate(moment, shared) < _truncate(published[0], shared):
            doc.report(
                MODIFIED_BEFORE_DATE,
                "Modified",
                f'"{value}" is before the story\'s Date ("{doc.value("Date")}")',
                "write the date of the correction, which comes after the story was published",
            )
    today = context.today
    day_precision: Precision = "month" if precision == "month" else "day"
    if (
        _truncate(moment, day_precision)
        > _truncate(datetime(today.year, today.month, today.day), day_precision)
        and not doc.is_draft
    ):
        doc.report(
            MODIFIED_IN_FUTURE,
            "Modified",
            f'"{value}" is after today',
            "write the date the story was actually corrected",
        )
