"""Taxonomy: categories and tags are those of the taxonomy file, named in the story's language."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from briefing.i18n import _
from briefing.rules.core import Context, Document, rule
from briefing.taxonomy import Taxonomy, TaxonomyError, load_taxonomy

FILE_INVALID = rule("taxonomy-invalid", __name__, "a taxonomy file that cannot be used")
CATEGORY_UNKNOWN = rule(
    "category-unknown", __name__, "a category not in the taxonomy file", waits_in_draft=True
)
CATEGORY_OTHER_LANGUAGE = rule(
    "category-other-language",
    __name__,
    "a category named in the other language",
    waits_in_draft=True,
)
TAG_UNKNOWN = rule("tag-unknown", __name__, "a tag not in the taxonomy file", waits_in_draft=True)
TAG_OTHER_LANGUAGE = rule(
    "tag-other-language", __name__, "a tag named in the other language", waits_in_draft=True
)

RULES = {
    "categories": ("Category", "category", CATEGORY_UNKNOWN, CATEGORY_OTHER_LANGUAGE),
    "tags": ("Tags", "tag", TAG_UNKNOWN, TAG_OTHER_LANGUAGE),
}


def load(context: Context) -> Taxonomy | None:
    """The site's taxonomy, or None after reporting why it cannot be read."""
    path = context.model.taxonomy_path
    try:
        return load_taxonomy(path, context.model.codes)
    except TaxonomyError as error:
        _report_file(context, path, str(error))
        return None


def _report_file(context: Context, path: Path, report: str) -> None:
    """The taxonomy library's report ("<path>: <where>: <what> — <fix>" lines) as problems."""
    try:
        source = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        source = []
    for entry in report.splitlines():
        text = entry.removeprefix(f"{path}: ")
        head, _dash, fix = text.partition(" — ")
        where, separator, message = head.partition(": ")
        if not separator or " " in where:
            where, message = _("file"), head
        line = _line(text, where, source)
        context.report(path, line, FILE_INVALID, where, message, fix or _("fix it"))


def _line(text: str, where: str, source: Sequence[str]) -> int:
    """The line a taxonomy problem is about: TOML's own, or its [kind.key] table."""
    toml_line = re.search(r"at line (\d+)", text)
    if toml_line:
        return int(toml_line[1])
    table = ".".join(where.split(".")[:2])
    for number, line in enumerate(source, start=1):
        if re.match(rf"^\s*\[\s*{re.escape(table)}\s*[\].]", line):
            return number
    return 1


def check(doc: Document, context: Context) -> None:
    if context.taxonomy is None or doc.kind != "story":
        return
    category = doc.value("Category")
    if category:
        _check_term(doc, context, context.taxonomy, "categories", category)
    for tag in doc.tags():
        _check_term(doc, context, context.taxonomy, "tags", tag)


def _check_term(doc: Document, context: Context, taxonomy: Taxonomy, kind: str, value: str) -> None:
    lang = doc.folder_lang
    if taxonomy.find(kind, lang, value) is not None:
        return
    name, _what, unknown, other_language = RULES[kind]
    what = _("category") if kind == "categories" else _("tag")
    file = f"content/{context.model.taxonomy_file}"
    for other in context.model.others(lang):
        translated = taxonomy.find(kind, other, value)
        if translated is not None:
            doc.report(
                other_language,
                name,
                _('"{value}" is the name of a {what} in {other}').format(
                    value=value, other=context.model.name(other), what=what
                ),
                _('write "{label}" instead, its name in {language}').format(
                    label=translated.labels[lang], language=doc.lang_name
                ),
            )
            return
    labels = ", ".join(taxonomy.labels(kind, lang)) or _("none yet")
    doc.report(
        unknown,
        name,
        _('"{value}" is not one of the {kind} in {language} of {file}').format(
            kind=_("categories") if kind == "categories" else _("tags"),
            value=value,
            what=what,
            language=doc.lang_name,
            file=file,
        ),
        _("use one of: {labels}; or add the new {what} to {file} first").format(
            labels=labels, what=what, file=file
        ),
    )
