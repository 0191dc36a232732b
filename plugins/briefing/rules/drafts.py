"""Drafts: a story's status, and the markers the editor tools leave for a person to fill."""

from __future__ import annotations

from briefing.rules.core import Context, Document, rule

STATUS_UNKNOWN = rule("status-unknown", __name__, "a Status that is not published or draft")
IS_DRAFT = rule("status-draft", __name__, "a draft, which is not published", "warning")
TO_TRANSLATE = rule(
    "marker-to-translate", __name__, 'text still marked "TO TRANSLATE"', waits_in_draft=True
)
TO_WRITE = rule("marker-to-write", __name__, 'text still marked "TO WRITE"', waits_in_draft=True)

STATUSES = {"story": ("published", "draft"), "page": ("published", "draft", "hidden")}
# Left in place by the editor tools (briefing.new_story) until a person writes the text.
MARKERS = {"TO TRANSLATE": (TO_TRANSLATE, "translating"), "TO WRITE": (TO_WRITE, "writing")}


def marker_in(text: str) -> str:
    return next((marker for marker in MARKERS if marker in text), "")


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
            f'"{status.value}" is not a status',
            f'write "Status: published" to publish the {doc.word}, or "Status: draft" '
            "to keep it unpublished",
        )
    elif value == "draft":
        doc.report(
            IS_DRAFT,
            "Status",
            f"this {doc.word} is a draft: it will not be published",
            'when it is ready, change the line to "Status: published"',
        )


def _check_markers(doc: Document) -> None:
    for name in ("Title", "Summary"):
        marker = marker_in(doc.value(name))
        if marker:
            _report_marker(doc, doc.line(name), name, marker)
    for number, line in doc.body_lines():
        marker = marker_in(line)
        if marker:
            _report_marker(doc, number, "body", marker)


def _report_marker(doc: Document, line: int, name: str, marker: str) -> None:
    rule_id, task = MARKERS[marker]
    if marker == "TO TRANSLATE":
        fix = f'replace it with the {doc.lang_name} text and delete "{marker}:"'
    else:
        fix = f'write the text in its place and delete "{marker}:"'
    doc.report_at(
        line, rule_id, name, f'still marked "{marker}": this text still needs {task}', fix
    )
