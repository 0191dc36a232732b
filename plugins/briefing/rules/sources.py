"""Sources: the outlet a story comes from and the address of the original article."""

from __future__ import annotations

from urllib.parse import urlparse

from briefing.i18n import _
from briefing.rules.core import Context, Document, rule, shorten

URL_NOT_WEB = rule(
    "source-url-not-web",
    __name__,
    "a Source_url that is not an http(s) address",
    waits_in_draft=True,
)


def check(doc: Document, context: Context) -> None:
    value = doc.value("Source_url")
    if not value:
        return
    parsed = urlparse(value)
    if parsed.scheme not in ("http", "https") or not parsed.netloc or " " in value:
        doc.report(
            URL_NOT_WEB,
            "Source_url",
            _('"{value}" is not a web address').format(value=shorten(value)),
            _(
                "write the full address, starting with https:// (copy it from the browser), or "
                "leave Source_url empty"
            ),
        )
