"""Story dates: strict parsing that keeps the precision an editor gave, and Babel formatting.

A story known only to the month ("2022-03") must never gain an invented day, so the
precision travels with the date and decides how it is shown.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Literal
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_skeleton

Precision = Literal["month", "day", "minute"]

_DATE_RE = re.compile(
    r"^(?P<year>\d{4})-(?P<month>\d{2})"
    r"(?:-(?P<day>\d{2})(?:[ T](?P<hour>\d{2}):(?P<minute>\d{2}))?)?$"
)
DATE_FORMATS = ("YYYY-MM", "YYYY-MM-DD", "YYYY-MM-DD HH:MM")
DATE_FORMATS_HELP = "YYYY-MM, YYYY-MM-DD or YYYY-MM-DD HH:MM"  # for messages not translated


def parse_story_date(value: str) -> tuple[datetime, Precision]:
    """Parse an ISO story date; raise ValueError with the accepted forms otherwise."""
    match = _DATE_RE.match(value.strip())
    if not match:
        raise ValueError(f"{value!r} is not a date; write it as {DATE_FORMATS_HELP}")
    parts = {k: int(v) for k, v in match.groupdict().items() if v is not None}
    precision: Precision = "minute" if "hour" in parts else "day" if "day" in parts else "month"
    try:
        date = datetime(
            parts["year"],
            parts["month"],
            parts.get("day", 1),
            parts.get("hour", 0),
            parts.get("minute", 0),
        )
    except ValueError as error:
        raise ValueError(f"{value!r} is not a real date ({error})") from None
    return date, precision


def format_story_date(date: datetime, lang: str, precision: str = "day") -> str:
    """'17 mars 2022' / 'March 17, 2022', or 'mars 2022' / 'March 2022' for a month."""
    if precision == "month":
        return format_skeleton("yMMMM", date, locale=lang)
    return format_date(date, format="long", locale=lang)


def machine_date(date: datetime, precision: str = "day") -> str:
    """The value of a <time datetime> attribute, no more precise than the story's date."""
    if precision == "month":
        return date.strftime("%Y-%m")
    return date.strftime("%Y-%m-%d")


def iso_date(date: datetime, precision: str = "day", timezone: str | None = None) -> str:
    """An ISO 8601 date for structured data and OpenGraph, no more precise than the story:
    "2022-03", "2022-03-17", or "2022-03-17T09:30+01:00" with the site's time zone."""
    if precision != "minute":
        return machine_date(date, precision)
    if timezone and date.tzinfo is None:
        date = date.replace(tzinfo=ZoneInfo(timezone))
    return date.isoformat(timespec="minutes")
