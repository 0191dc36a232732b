"""Drafts: a story's status, and the markers the editor tools leave for a person to fill."""

from __future__ import annotations

from briefing.i18n import _
from briefing.rules.core import Context, Document, rule

STATUS_UNKNOWN = rule("status-unknown", __name__, "a Status that is not published or draft")
IS_DRAFT = rule("status-draft", __name__, "a draft, which is not published", "warning")
TO_TRANSLATE = rule(
    "marker-to-translate", __name__, 'text still marked "TO TRANSLATE"', waits_in_draft=True
)
TO_WRITE = rule("marker-to-write", __name__, 'text still marked "TO WRITE"', waits_in_draft=True)

STATUSES = {"story": ("published", "draft"), "page": ("published", "draft", "hidden")}
# Left in place by the editor tools (briefing.new_story), in the editor's language, until a
# person writes the text; recognised in either language, whoever runs the check.
MARKERS = {
    "TO TRANSLATE": TO_TRANSLATE,
    "À TRADUIRE": TO_TRANSLATE,
    "TO WRITE": TO_WRITE,
    "À RÉDIGER": TO_WRITE,
}


def marker(rule_id: str) -> str:
    """The marker the editor tools write, in the tools' language: "TO TRANSLATE" …"""
    return _("TO TRANSLATE") if rule_id == TO_TRANSLATE else _("TO WRITE")


def marker_prefix(rule_id: str) -> str:
    """What the editor tools put before text left to do: "TO TRANSLATE: ", "À TRADUIRE : "."""
    return _("TO TRANSLATE: ") if rule_id == TO_TRANSLATE else _("TO WRITE: ")


def marker_in(text: str) -> str:
    return next((found for found in MARKERS if found in text), "")


def check(doc: Document, context: Context) -> None:
    _check_status(doc)
    _check_markers(doc)


def _check_status(doc: Document) -> None:
    status = doc.get("Status")
    if status is None or not status.value:
        return
    # Pelican reads the status in any case: "Draft" is a draft.
    value = status.value.lower()
    if value not in STATUSES[doc.kind]:
        doc.report(
            STATUS_UNKNOWN,
            "Status",
            _('"{value}" is not a status').format(value=status.value),
            _(
                'write "Status: published" to publish the {what}, or "Status: draft" to keep it '
                "unpublished"
            ).format(what=doc.word),
        )
    elif value == "draft":
        doc.report(
            IS_DRAFT,
            "Status",
            _("this {what} is a draft: it will not be published").format(what=doc.word),
            _('when it is ready, change the line to "Status: published"'),
        )


def _check_markers(doc: Document) -> None:
    for name in ("Title", "Summary"):
        marker = marker_in(doc.value(name))
        if marker:
            _report_marker(doc, doc.line(name), name, marker)
    for number, line in doc.body_lines():
        marker = marker_in(line)
        if marker:
            _report_marker(doc, number, _("body"), marker)


def _report_marker(doc: Document, line: int, name: str, found: str) -> None:
    rule_id = MARKERS[found]
    if rule_id == TO_TRANSLATE:
        message = _('still marked "{marker}": this text still needs translating')
        fix = _('replace it with the text in {language} and delete "{marker}:"')
    else:
        message = _('still marked "{marker}": this text still needs writing')
        fix = _('write the text in its place and delete "{marker}:"')
    values = {"marker": found, "language": doc.lang_name}
    doc.report_at(line, rule_id, name, message.format(**values), fix.format(**values))
