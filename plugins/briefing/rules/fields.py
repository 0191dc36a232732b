"""Fields: the metadata lines at the top of a story or page."""

from __future__ import annotations

import difflib

from briefing.i18n import _
from briefing.rules.core import Context, Document, rule

UNKNOWN = rule("field-unknown", __name__, "a field no story or page has")
MISSPELT = rule("field-misspelt", __name__, "a field that looks like a misspelt known field")
DUPLICATE = rule("field-duplicate", __name__, "a field given twice")
NOT_FOR_PAGE = rule("field-not-for-page", __name__, "a story's field in a page")
MISSING = rule("field-missing", __name__, "a required field that is missing", waits_in_draft=True)
EMPTY = rule("field-empty", __name__, "a required field with no value", waits_in_draft=True)
BODY_EMPTY = rule("body-empty", __name__, "a story with no text", waits_in_draft=True)

# Every field a story may have, spelled as editors write them (keys are case-insensitive).
STORY_FIELDS = (
    "Title",
    "Date",
    "Lang",
    "Slug",
    "Translation_key",
    "Category",
    "Tags",
    "Summary",
    "Author",
    "Source",
    "Source_url",
    "Status",
    "Translated_from",
    # Corrections (rules in briefing.rules.corrections): Pelican's own date of the last
    # change, and the note shown to readers at the end of the story.
    "Modified",
    "Correction",
)
PAGE_FIELDS = ("Title", "Lang", "Slug", "Translation_key", "Summary", "Status", "Translated_from")
REQUIRED = {
    "story": ("Title", "Date", "Lang", "Slug", "Translation_key", "Category", "Summary"),
    "page": ("Title", "Lang", "Slug", "Translation_key"),
}


def check(doc: Document, context: Context) -> None:
    suggested = _check_names(doc)
    _check_required(doc, context, suggested)
    if doc.kind == "story" and not any(line.strip() for line in doc.body):
        doc.report_at(
            1,
            BODY_EMPTY,
            _("body"),
            _("the story has no text"),
            _("write it below the fields, after a blank line"),
        )


def _check_names(doc: Document) -> set[str]:
    """Unknown and repeated fields; returns the fields that misspellings stand for."""
    allowed = STORY_FIELDS if doc.kind == "story" else PAGE_FIELDS
    by_lower = {name.lower(): name for name in allowed}
    seen = {}
    suggested: set[str] = set()
    for item in doc.fields:
        key = item.name.lower()
        if key in by_lower:
            first = seen.setdefault(key, item)
            if first is not item:
                doc.report_at(
                    item.line,
                    DUPLICATE,
                    item.name,
                    _("given twice (first on line {line})").format(line=first.line),
                    _('keep one "{name}:" line and delete the other').format(name=by_lower[key]),
                )
        elif key in (name.lower() for name in STORY_FIELDS):
            doc.report_at(
                item.line,
                NOT_FOR_PAGE,
                item.name,
                _("a page has no {name}").format(name=item.name),
                _("remove this line"),
            )
        else:
            guess = difflib.get_close_matches(key, list(by_lower), n=1, cutoff=0.6)
            if guess:
                right = by_lower[guess[0]]
                suggested.add(right)
                doc.report_at(
                    item.line,
                    MISSPELT,
                    item.name,
                    _("unknown field, probably a misspelling of {right}").format(right=right),
                    _('write "{right}:" instead of "{name}:"').format(right=right, name=item.name),
                )
            else:
                doc.report_at(
                    item.line,
                    UNKNOWN,
                    item.name,
                    _("unknown field"),
                    _(
                        "a {what} can only have {fields}; remove this line, or, if it is part "
                        "of the text, leave a blank line before it"
                    ).format(what=doc.word, fields=", ".join(allowed)),
                )
    return suggested


def _check_required(doc: Document, context: Context, suggested: set[str]) -> None:
    for name in REQUIRED[doc.kind]:
        found = doc.get(name)
        what = _what_to_write(doc, name, context)
        if found is None and name not in suggested:
            doc.report_at(
                1,
                MISSING,
                name,
                _("missing"),
                _('add a line "{name}:" to the fields at the top, followed by {what}').format(
                    name=name, what=what
                ),
            )
        elif found is not None and not found.value:
            fix = _('after "{name}:", write {what}').format(name=name, what=what)
            doc.report_at(found.line, EMPTY, name, _("empty"), fix)


def _what_to_write(doc: Document, name: str, context: Context) -> str:
    """What goes after "Name:" in a missing or empty required field."""
    from briefing.rules import slugs  # examples of slugs and keys are made there

    if name == "Title":
        return _("the headline")
    if name == "Date":
        return _("the date, e.g. 2022-03-17 (or 2022-03 when only the month is known)")
    if name == "Lang":
        return _("{lang}, the language of the folder the file is in").format(lang=doc.folder_lang)
    if name == "Slug":
        example = slugs.slug_from_title(doc, context) or "visit-to-paris"
        return _("the words of its address, in lowercase with hyphens, e.g. {example}").format(
            example=example
        )
    if name == "Translation_key":
        return _("the key it shares with its translation, e.g. {example}").format(
            example=slugs.key_example(doc, context)
        )
    if name == "Category":
        if context.taxonomy is None:
            return _("a category of content/{file}").format(file=context.model.taxonomy_file)
        labels = ", ".join(context.taxonomy.labels("categories", doc.folder_lang))
        return _("one of: {labels}").format(labels=labels)
    return _("one or two sentences, shown in lists and feeds")
