"""Dates: a story's date is real, in a form the site shows without inventing precision."""

from __future__ import annotations

from datetime import datetime

from briefing.dates import DATE_FORMATS, Precision, parse_story_date
from briefing.i18n import _
from briefing.rules.core import Context, Document, rule

INVALID = rule("date-invalid", __name__, "a date that is not YYYY-MM[-DD[ HH:MM]] or not real")
IN_FUTURE = rule("date-in-future", __name__, "a published story dated after today")


def parsed_date(doc: Document) -> tuple[datetime, Precision] | None:
    try:
        return parse_story_date(doc.value("Date"))
    except ValueError:
        return None


def check(doc: Document, context: Context) -> None:
    value = doc.value("Date")
    if not value or doc.kind == "page":
        return
    parsed = parsed_date(doc)
    if parsed is None:
        doc.report(
            INVALID,
            "Date",
            _('"{value}" is not a valid date').format(value=value),
            _("write it as {forms} or {last}, e.g. 2022-03-17, with a real month and day").format(
                forms=", ".join(DATE_FORMATS[:-1]), last=DATE_FORMATS[-1]
            ),
        )
        return
    moment, precision = parsed
    today = context.today
    if precision == "month":
        future = (moment.year, moment.month) > (today.year, today.month)
    else:
        future = moment.date() > today
    if future and not doc.is_draft:
        doc.report(
            IN_FUTURE,
            "Date",
            # No date of today in the message: the report must read the same any day.
            _('"{value}" is in the future').format(value=value),
            _('correct the date, or add "Status: draft" to keep the story unpublished for now'),
        )
