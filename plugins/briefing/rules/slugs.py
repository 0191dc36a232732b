"""Slugs: the words of a story's or page's address."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from briefing.addresses import SLUG_RE
from briefing.i18n import _
from briefing.rules.core import Context, Document, rule, shorten
from briefing.rules.dates import parsed_date
from briefing.rules.drafts import MARKERS, marker_in

NOT_URL_SAFE = rule("slug-not-url-safe", __name__, "a slug with other than a-z, 0-9 and hyphens")
TOO_LONG = rule(
    "slug-too-long", __name__, "a slug over SLUG_MAX_LENGTH characters", waits_in_draft=True
)
RESERVED = rule("slug-reserved", __name__, "a page slug that is the address of a part of the site")
TO_TRANSLATE = rule(
    "slug-to-translate", __name__, 'a slug still starting with "to-translate"', waits_in_draft=True
)
DUPLICATE = rule(
    "slug-duplicate",
    __name__,
    "two stories or pages of a language with one slug",
    waits_in_draft=True,
)

# How the slug of a new translation starts (briefing.new_story), in either language.
SLUG_MARKERS = ("to-translate", "a-traduire")


def slug_marker() -> str:
    """The slug marker the editor tools write, in the tools' language."""
    return _("to-translate")


def slug_from_title(doc: Document, context: Context) -> str:
    from briefing.importer import make_slug

    title = doc.value("Title")
    if not title or marker_in(title) in MARKERS:
        return ""
    return make_slug(title, context.model.slug_max)


def key_example(doc: Document, context: Context) -> str:
    slug = doc.value("Slug") or slug_from_title(doc, context) or "visit-to-paris"
    if doc.kind == "page":
        return slug
    parsed = parsed_date(doc)
    return f"{parsed[0]:%Y-%m}-{slug}" if parsed else f"2022-03-{slug}"


def check(doc: Document, context: Context) -> None:
    from briefing.importer import cut_slug, make_slug

    slug = doc.value("Slug")
    if not slug:
        return
    limit = context.model.slug_max
    if slug.lower().startswith(SLUG_MARKERS):
        suggestion = slug_from_title(doc, context)
        doc.report(
            TO_TRANSLATE,
            "Slug",
            _('"{slug}" still needs translating').format(slug=shorten(slug)),
            _('write "Slug: {suggestion}" or other words of the translated title').format(
                suggestion=suggestion
            )
            if suggestion
            else _("once the title is translated, write its words in lowercase, with hyphens"),
        )
    elif not SLUG_RE.match(slug):
        suggestion = make_slug(slug, limit) or slug_from_title(doc, context) or "words-of-the-title"
        doc.report(
            NOT_URL_SAFE,
            "Slug",
            _(
                '"{slug}" is not a valid address: use only lowercase letters a-z, digits and '
                "hyphens"
            ).format(slug=shorten(slug)),
            _('write e.g. "Slug: {suggestion}"').format(suggestion=suggestion),
        )
    elif len(slug) > limit:
        doc.report(
            TOO_LONG,
            "Slug",
            _("{length} characters long; the limit is {limit}").format(
                length=len(slug), limit=limit
            ),
            _('shorten it, e.g. "Slug: {suggestion}"').format(suggestion=cut_slug(slug, limit)),
        )
    elif doc.kind == "page" and context.model.slug_is_reserved(doc.folder_lang, slug):
        doc.report(
            RESERVED,
            "Slug",
            _('"{slug}" is already the address of a part of the site').format(slug=slug),
            _("choose another slug for this page"),
        )


def check_site(context: Context) -> None:
    for kind in ("story", "page"):
        for lang in context.model.codes:
            same = [d for d in context.documents if d.kind == kind and d.folder_lang == lang]
            report_shared(same, "Slug", DUPLICATE)


def report_shared(documents: Sequence[Document], name: str, rule_id: str) -> None:
    """Report a value shared by several documents on each of them, naming the others."""
    groups: dict[str, list[Document]] = defaultdict(list)
    for doc in documents:
        if doc.value(name):
            groups[doc.value(name)].append(doc)
    for value, group in groups.items():
        for doc in group if len(group) > 1 else ():
            others = ", ".join(other.shown for other in group if other is not doc)
            values = {"what": doc.word, "language": doc.lang_name, "name": name}
            if name == "Translation_key":
                fix = _(
                    "give each {what} in {language} its own {name}; only a {what} and its "
                    "translation share one"
                )
            else:
                fix = _("give each {what} in {language} its own {name}")
            message = _('"{value}" is also the {name} of {others}').format(
                value=shorten(value), name=name, others=others
            )
            doc.report(rule_id, name, message, fix.format(**values))
