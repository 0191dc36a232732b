"""Translations: a story and its translation share a key, a date and a category, and a
translation records the version of the original it was made from."""

from __future__ import annotations

import re
from collections import defaultdict

from briefing.i18n import _
from briefing.rules.core import Context, Document, fingerprint, rule, shorten
from briefing.rules.dates import parsed_date
from briefing.rules.slugs import report_shared

KEY_DUPLICATE = rule(
    "key-duplicate",
    __name__,
    "two stories or pages of a language with one Translation_key",
    waits_in_draft=True,
)
DATE_DIFFERS = rule(
    "translation-date-differs", __name__, "a translation dated otherwise", waits_in_draft=True
)
CATEGORY_DIFFERS = rule(
    "translation-category-differs",
    __name__,
    "a translation in another category",
    waits_in_draft=True,
)
FINGERPRINT_INVALID = rule(
    "translated-from-invalid", __name__, "a Translated_from that is not a fingerprint"
)
FINGERPRINT_ON_BOTH = rule(
    "translated-from-on-both", __name__, "Translated_from on both a story and its translation"
)
NO_ORIGINAL = rule(
    "translated-from-without-original",
    __name__,
    "Translated_from with no original",
    waits_in_draft=True,
)
STALE = rule(
    "translation-stale", __name__, "a translation older than its original's text", "warning"
)

FINGERPRINT_RE = re.compile(r"^[0-9a-f]{12}$")


def check(doc: Document, context: Context) -> None:
    value = doc.value("Translated_from")
    if value and not FINGERPRINT_RE.match(value):
        doc.report(
            FINGERPRINT_INVALID,
            "Translated_from",
            _('"{value}" is not a fingerprint made by the editor tools').format(
                value=shorten(value)
            ),
            _("run: invoke translated {path}; or remove this line").format(path=doc.shown),
        )


def check_site(context: Context) -> None:
    for kind in ("story", "page"):
        docs = [doc for doc in context.documents if doc.kind == kind]
        for lang in context.model.codes:
            same = [doc for doc in docs if doc.folder_lang == lang]
            report_shared(same, "Translation_key", KEY_DUPLICATE)
        groups: dict[str, dict[str, list[Document]]] = defaultdict(lambda: defaultdict(list))
        for doc in docs:
            key = doc.value("Translation_key")
            if key:
                groups[key][doc.folder_lang].append(doc)
        for key, by_lang in groups.items():
            # The main language first: without a mark, it is taken as the original.
            found = [by_lang[c][0] for c in context.model.codes if len(by_lang.get(c, ())) == 1]
            if len(found) == 2 and len(by_lang) == 2:
                _check_pair(found[0], found[1], context)
            elif sum(len(group) for group in by_lang.values()) == 1:
                _check_alone(found[0], key, context)


def _check_alone(doc: Document, key: str, context: Context) -> None:
    if not doc.value("Translated_from"):
        return
    other = context.model.name(context.model.other(doc.folder_lang))
    doc.report(
        NO_ORIGINAL,
        "Translated_from",
        _(
            'there is no {what} in {language} with Translation_key "{key}" to be translated from'
        ).format(what=doc.word, language=other, key=key),
        _(
            "remove this line, or correct Translation_key to the key of the original in {language}"
        ).format(language=other),
    )


def _check_pair(first: Document, second: Document, context: Context) -> None:
    """A story and its translation: same date and category, translation up to date."""
    marked = [doc for doc in (first, second) if doc.value("Translated_from")]
    if len(marked) == 2:
        second.report(
            FINGERPRINT_ON_BOTH,
            "Translated_from",
            _(
                "its version in {language}, {path}, has Translated_from too; only the translation "
                "can have it"
            ).format(language=first.lang_name, path=first.shown),
            _("remove the line from the original"),
        )
    translation = marked[0] if len(marked) == 1 else second
    original = first if translation is second else second
    _check_same_date(translation, original)
    if translation.kind == "story":
        _check_same_category(translation, original, context)
    if len(marked) == 1:
        _check_stale(translation, original)


def _check_same_date(translation: Document, original: Document) -> None:
    mine, theirs = parsed_date(translation), parsed_date(original)
    if mine is None or theirs is None or mine == theirs:
        return
    translation.report(
        DATE_DIFFERS,
        "Date",
        _(
            '"{value}" differs from the date of its version in {language}, {path} ("{theirs}")'
        ).format(
            value=translation.value("Date"),
            language=original.lang_name,
            path=original.shown,
            theirs=original.value("Date"),
        ),
        _('use the same date in both languages: "Date: {theirs}"').format(
            theirs=original.value("Date")
        ),
    )


def _check_same_category(translation: Document, original: Document, context: Context) -> None:
    taxonomy = context.taxonomy
    if taxonomy is None:
        return
    mine = taxonomy.find("categories", translation.folder_lang, translation.value("Category"))
    theirs = taxonomy.find("categories", original.folder_lang, original.value("Category"))
    if mine is None or theirs is None or mine.key == theirs.key:
        return
    translation.report(
        CATEGORY_DIFFERS,
        "Category",
        _('"{value}" is not the category of its version in {language}, {path} ("{theirs}")').format(
            value=translation.value("Category"),
            language=original.lang_name,
            path=original.shown,
            theirs=original.value("Category"),
        ),
        _('use the same category in both languages: "Category: {label}"').format(
            label=theirs.labels[translation.folder_lang]
        ),
    )


def _check_stale(translation: Document, original: Document) -> None:
    recorded = translation.value("Translated_from")
    current = fingerprint(original)
    if not FINGERPRINT_RE.match(recorded) or recorded == current:
        return
    translation.report(
        STALE,
        "Translated_from",
        _("the original in {language}, {path}, has changed since this translation was made").format(
            language=original.lang_name, path=original.shown
        ),
        _(
            "see what changed and where with: invoke retranslate {path}; once the translation "
            "is updated, run: invoke translated {path}"
        ).format(path=translation.shown),
    )
