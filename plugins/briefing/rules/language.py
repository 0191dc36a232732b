"""Language: a story says which language it is in, and lives in that language's folder."""

from __future__ import annotations

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
            f'"{value}" is not a language of this site (only {" and ".join(model.codes)})',
            f'write "Lang: {doc.folder_lang}", the language of the folder {folder}',
        )
    elif value != doc.folder_lang:
        other = f"content/{model.languages[value].folder(doc.kind)}/"
        doc.report(
            FOLDER_MISMATCH,
            "Lang",
            f'"{value}" does not match the folder the file is in, {folder}',
            f'write "Lang: {doc.folder_lang}" if the {doc.word} is in {doc.lang_name}, '
            f"or move the file to {other}",
        )
