"""Markup: raw HTML in a story is shown as text, never as markup.

The build escapes it (briefing.markdown); these rules tell the editor what the reader
will see, and refuse what could only be an attempt to run or embed something.
"""

from __future__ import annotations

import re

from briefing.i18n import _
from briefing.rules.core import Context, Document, rule

DANGEROUS_TAG = rule("html-dangerous-tag", __name__, "a <script>, <iframe>, <style> … tag")
EVENT_ATTRIBUTE = rule("html-event-attribute", __name__, "an on…= attribute in raw HTML")
SHOWN_AS_TEXT = rule(
    "html-shown-as-text", __name__, "raw HTML, which readers see as text", "warning"
)

DANGEROUS_TAG_RE = re.compile(r"script|iframe|object|embed|style", re.I)
# An opening tag or a comment; "<https://…>" and "<name@example.org>" are Markdown links.
TAG_RE = re.compile(r"<(?P<name>!--|[a-z][a-z0-9-]*(?=[\s/>]|$))[^>]*>?", re.I)
EVENT_ATTRIBUTE_RE = re.compile(r"\bon[a-z]+\s*=", re.I)


def check(doc: Document, context: Context) -> None:
    for number, line in doc.body_lines():
        for tag in TAG_RE.finditer(line):
            _check_tag(doc, number, tag)


def _check_tag(doc: Document, number: int, tag: re.Match[str]) -> None:
    name = tag["name"].lower()
    dangerous = DANGEROUS_TAG_RE.fullmatch(name) is not None
    if dangerous:
        doc.report_at(
            number,
            DANGEROUS_TAG,
            _("body"),
            _("raw <{name}> tag: a story cannot run or embed code").format(name=name),
            _("remove it; to show a video or a post, link to it: [text](https://…)"),
        )
    events = EVENT_ATTRIBUTE_RE.findall(tag.group())
    for event in events:
        doc.report_at(
            number,
            EVENT_ATTRIBUTE,
            _("body"),
            _('"{attribute}=" attribute in raw HTML: a story cannot run code').format(
                attribute=event.rstrip("= ").lower()
            ),
            _("remove the HTML and write Markdown instead"),
        )
    if not dangerous and not events:
        shown = "<!-- -->" if name == "!--" else f"<{name}>"
        doc.report_at(
            number,
            SHOWN_AS_TEXT,
            _("body"),
            _("raw HTML {tag} is shown as text, not markup").format(tag=shown),
            _(
                "write Markdown instead: **bold**, *italic*, [text](https://…), "
                "![description](image address)"
            ),
        )
