"""Summary: the plain text shown under the headline in lists and feeds."""

from __future__ import annotations

from briefing.i18n import _
from briefing.rules.core import Context, Document, rule

TOO_LONG = rule(
    "summary-too-long",
    __name__,
    "a summary over SUMMARY_MAX_LENGTH characters",
    waits_in_draft=True,
)


def check(doc: Document, context: Context) -> None:
    summary = doc.value("Summary")
    limit = context.model.summary_max
    if len(summary) > limit:
        doc.report(
            TOO_LONG,
            "Summary",
            _("{length} characters long; the limit is {limit}").format(
                length=len(summary), limit=limit
            ),
            _("shorten it to one or two sentences"),
        )
