"""Language: a story says which language it is in, and lives in that language's folder."""

from __future__ import annotations

from briefing.i18n import _
from briefing.rules.core import Context, Document, rule

UNKNOWN = rule("lang-unknown", __name__, "a Lang that is not a language of the site")
FOLDER_MISMATCH = rule("lang-folder-mismatch", __name__, "a Lang other than its folder's")


def check(doc: Document, context: Context) -> None:
    value = doc.value("Lang")
    if not value:
        return
    model = context.model
    folder = f"content/{model.languages[doc.folder_lang].folder(doc.kind)}/"
    if value not in model.languages:
        doc.report(
            UNKNOWN,
            "Lang",
            _('"{value}" is not a language of this site (only {codes})').format(
                value=value, codes=_(" and ").join(model.codes)
            ),
            _('write "Lang: {lang}", the language of the folder {folder}').format(
                lang=doc.folder_lang, folder=folder
            ),
        )
    elif value != doc.folder_lang:
        other = f"content/{model.languages[value].folder(doc.kind)}/"
        doc.report(
            FOLDER_MISMATCH,
            "Lang",
            _('"{value}" does not match the folder the file is in, {folder}').format(
                value=value, folder=folder
            ),
            _(
                'write "Lang: {lang}" if the {what} is in {language}, or move the file to {other}'
            ).format(lang=doc.folder_lang, what=doc.word, language=doc.lang_name, other=other),
        )
