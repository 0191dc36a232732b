"""Editor tools: start a new story, or the translation of an existing one.

Both write a file with every field a story needs, filled in where the tool knows the
value and otherwise left in a way the checker (briefing.checker) reports as an error:
an empty Summary or Category, a "TO WRITE:" or "TO TRANSLATE:" marker in the text, a slug
starting with "to-translate-". Both also write "Status: draft", so a half-written story is
never published by accident; the editor changes it to "Status: published" when done.

A translation records `Translated_from:`, the fingerprint of its original
(`briefing.rules.core.fingerprint`); when the original's text changes later, the checker warns that
the translation needs updating.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date as Date
from pathlib import Path

from briefing.i18n import _, use_language
from briefing.importer import cut_slug, make_slug, make_translation_key
from briefing.rules.core import Document, fingerprint, read_document
from briefing.rules.drafts import TO_TRANSLATE, TO_WRITE, marker, marker_prefix
from briefing.rules.slugs import slug_marker
from briefing.site import Kind, SiteModel, SiteSettingsError, model_for_content
from briefing.taxonomy import Taxonomy, TaxonomyError, load_taxonomy


def to_write() -> str:
    """The marker of text still to write, in the editor's language: "TO WRITE: "."""
    return marker_prefix(TO_WRITE)


def to_translate() -> str:
    """The marker of text still to translate, in the editor's language."""
    return marker_prefix(TO_TRANSLATE)


def body_placeholder() -> str:
    return to_write() + _("the story, in Markdown, with a blank line between paragraphs.")


class NewStoryError(Exception):
    """The file cannot be written; the message says why and what to do."""


# --------------------------------------------------------------------------- new story


def new_story(
    content: Path,
    *,
    lang: str,
    title: str,
    today: Date,
    category: str = "",
    tags: Sequence[str] = (),
) -> Path:
    """Write content/<lang>/<YYYY>/<slug>.md, a draft dated today; return its path."""
    model = model_for_content(content)
    if lang not in model.languages:
        raise NewStoryError(
            _("unknown language {lang!r}: use {codes}").format(
                lang=lang, codes=_(" or ").join(model.codes)
            )
        )
    title = _one_line(title)
    slug = make_slug(title, model.slug_max, lang)
    if not slug:
        raise NewStoryError(
            _("cannot make an address from the title {title!r}: give a real title").format(
                title=title
            )
        )
    taxonomy = _taxonomy(model)
    day = today.isoformat()
    key = make_translation_key(day, title, model.slug_max, lang)
    target = Path(content) / model.languages[lang].story_folder / f"{today:%Y}" / f"{slug}.md"
    _refuse_existing(target)
    for doc in _documents(model, "story", lang):
        for name, value in (("Slug", slug), ("Translation_key", key)):
            if doc.value(name) == value:
                raise NewStoryError(
                    _(
                        "{path} already has {name}: {value}; nothing was written — give the new "
                        "story another title, or edit that file"
                    ).format(path=doc.shown, name=name, value=value)
                )
    fields = [
        ("Title", title),
        ("Date", day),
        ("Lang", lang),
        ("Slug", slug),
        ("Translation_key", key),
        ("Category", _term(model, taxonomy, "categories", lang, category) if category else ""),
        (
            "Tags",
            ", ".join(_term(model, taxonomy, "tags", lang, tag) for tag in tags if tag.strip()),
        ),
        ("Summary", ""),
        ("Author", ""),
        ("Source", ""),
        ("Source_url", ""),
        ("Status", "draft"),
    ]
    _write(target, fields, [body_placeholder()])
    return target


def _term(model: SiteModel, taxonomy: Taxonomy | None, kind: str, lang: str, name: str) -> str:
    """The taxonomy's label for `name`; refuse a name the build would refuse."""
    if taxonomy is None:
        return name.strip()  # the checker reports the broken taxonomy file
    term = taxonomy.find(kind, lang, name)
    if term is None:
        what = "category" if kind == "categories" else "tag"
        known = ", ".join(taxonomy.labels(kind, lang)) or "none yet"
        file = f"content/{model.taxonomy_file}"
        raise NewStoryError(
            _(
                "{name!r} is not a {what} of {file} for stories in {language}; nothing was "
                "written — use one of: {known}; or add it to {file} first"
            ).format(
                name=name.strip(), what=what, file=file, language=model.name(lang), known=known
            )
        )
    return term.labels[lang]


# --------------------------------------------------------------------------- translation


def translate_story(content: Path, source: Path, *, today: Date | None = None) -> Path:
    """Write the other language's draft of `source`; return its path.

    The translation keeps the original's date, so `today` is only accepted for symmetry
    with new_story. Title, Summary and every paragraph are the original's, marked
    "TO TRANSLATE:"; Category and Tags are the taxonomy's labels in the other language.
    """
    del today  # the original's date is the story's date
    model = model_for_content(content)
    given, content = content, content.resolve()
    source = source.resolve()
    kind, lang, inside = _locate(model, source)
    original = _read(model, source, kind, lang)
    key = original.value("Translation_key")
    if not key:
        raise NewStoryError(
            _("{path} has no Translation_key; add one (run the check) and try again").format(
                path=original.shown
            )
        )
    other = model.other(lang)
    for doc in _documents(model, kind, other):
        if doc.value("Translation_key") == key:
            raise NewStoryError(
                _(
                    "{path} is already the version in {language} of {original} "
                    "(Translation_key: {key}); nothing was written"
                ).format(
                    path=doc.shown, language=model.name(other), original=original.shown, key=key
                )
            )
    target = model.folder(kind, other).joinpath(*inside)
    _refuse_existing(target)
    _write(
        target,
        _translated_fields(original, other, _taxonomy(model), model.slug_max),
        _marked_paragraphs(original.body),
    )
    return given / target.relative_to(content)


def _translated_fields(
    original: Document, other: str, taxonomy: Taxonomy | None, slug_max: int
) -> list[tuple[str, str]]:
    lang = original.folder_lang
    slug = cut_slug(f"{slug_marker()}-{original.value('Slug') or 'story'}", slug_max)
    fields = [
        ("Title", _marked(original.value("Title"))),
        ("Date", original.value("Date")),
        ("Lang", other),
        ("Slug", slug),
        ("Translation_key", original.value("Translation_key")),
        ("Category", _mapped(taxonomy, "categories", lang, other, original.value("Category"))),
        (
            "Tags",
            ", ".join(_mapped(taxonomy, "tags", lang, other, tag) for tag in original.tags()),
        ),
        ("Summary", _marked(original.value("Summary"))),
        ("Author", original.value("Author")),
        ("Source", original.value("Source")),
        ("Source_url", original.value("Source_url")),
        ("Status", "draft"),
        ("Translated_from", fingerprint(original)),
    ]
    if original.kind == "page":
        page_fields = ("Title", "Lang", "Slug", "Translation_key", "Status", "Translated_from")
        fields = [(k, v) for k, v in fields if k in page_fields or (k == "Summary" and v)]
    return fields


def _mapped(taxonomy: Taxonomy | None, kind: str, lang: str, other: str, name: str) -> str:
    """A category or tag's label in the other language; unchanged when unknown."""
    term = taxonomy.find(kind, lang, name) if taxonomy and name.strip() else None
    return term.labels[other] if term else name.strip()


def _marked(text: str) -> str:
    return to_translate() + text if text else ""


def _marked_paragraphs(body: Sequence[str]) -> list[str]:
    """The original's text with "TO TRANSLATE: " at the start of every paragraph."""
    lines = "\n".join(line.rstrip() for line in body).strip("\n").split("\n")
    marked: list[str] = []
    previous = ""
    for line in lines:
        marked.append(to_translate() + line if line and not previous else line)
        previous = line
    return marked if any(marked) else [to_translate() + _("the text.")]


def _locate(model: SiteModel, source: Path) -> tuple[Kind, str, tuple[str, ...]]:
    """Whether `source` is a story or page, its language, and its path in that folder."""
    if not source.is_file():
        raise NewStoryError(_("{path}: no such file").format(path=source))
    location = model.locate(source)
    if location is None:
        folders = ", ".join(
            f"content/{folder.relative_to(model.content).as_posix()}/"
            for _kind, _lang, folder in model.content_folders()
        )
        raise NewStoryError(
            _("{path} is not a story or page: give a file in {folders}").format(
                path=source, folders=folders
            )
        )
    inside = source.relative_to(model.content / location.folder).parts
    return location.kind, location.lang, inside


# --------------------------------------------------------------------------- files


def _read(model: SiteModel, path: Path, kind: Kind, lang: str) -> Document:
    shown = path.resolve().relative_to(model.content.parent).as_posix()
    return read_document(path, shown, kind, lang, model.name(lang), path.read_bytes())


def _documents(model: SiteModel, kind: Kind, lang: str) -> list[Document]:
    folder = model.folder(kind, lang)
    return [
        _read(model, path, kind, lang) for path in sorted(folder.rglob("*.md")) if path.is_file()
    ]


def _taxonomy(model: SiteModel) -> Taxonomy | None:
    try:
        return load_taxonomy(model.taxonomy_path, model.codes)
    except TaxonomyError:
        return None


def _refuse_existing(target: Path) -> None:
    if target.exists():
        raise NewStoryError(_("{path} already exists; nothing was written").format(path=target))


def _one_line(value: str) -> str:
    # A metadata value is one line; a newline would start another field.
    return " ".join(value.split())


def _write(target: Path, fields: Sequence[tuple[str, str]], body: Sequence[str]) -> None:
    header = "\n".join(f"{name}: {_one_line(value)}".rstrip() for name, value in fields)
    target.parent.mkdir(parents=True, exist_ok=True)
    text = header + "\n\n" + "\n".join(body).rstrip("\n") + "\n"
    target.write_text(text, encoding="utf-8", newline="\n")


# --------------------------------------------------------------------------- command line


def next_steps_new() -> str:
    return _(
        "Next: write the Summary, the Category if it is empty, and the text in place of "
        '"{marker}:"; fill in Author, Source and Source_url if known; when the story is '
        'ready, change "Status: draft" to "Status: published". Then run: invoke check'
    ).format(marker=marker(TO_WRITE))


def next_steps_translation() -> str:
    return _(
        'Next: replace every "{marker}:" line with its translation, write the Slug from the '
        'translated title, and change "Status: draft" to "Status: published". Leave '
        "Translated_from as it is. Then run: invoke check"
    ).format(marker=marker(TO_TRANSLATE))


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m briefing.new_story --lang fr --title "…"` or `--translate FILE`."""
    parser = argparse.ArgumentParser(
        prog="briefing-new", description="Start a story or its translation."
    )
    parser.add_argument("--content", type=Path, default=Path("content"))
    parser.add_argument("--lang", help="the story's language: fr, en")
    parser.add_argument(
        "--messages", help="the language of this tool's messages and markers (en, fr)"
    )
    parser.add_argument("--title")
    parser.add_argument("--category", default="")
    parser.add_argument("--tags", default="", help="comma separated")
    parser.add_argument("--translate", type=Path, metavar="FILE")
    parser.add_argument(
        "--translated", type=Path, metavar="FILE", help="record that a translation is up to date"
    )
    parser.add_argument(
        "--refresh", type=Path, metavar="FILE", help="mark what changed in the original"
    )
    args = parser.parse_args(argv)
    use_language(args.messages)
    if args.translated or args.refresh:
        return _sync(args.content, args.translated, args.refresh)
    try:
        if args.translate:
            path = translate_story(args.content, args.translate, today=Date.today())
            steps = next_steps_translation()
        elif args.lang and args.title:
            path = new_story(
                args.content,
                lang=args.lang,
                title=args.title,
                today=Date.today(),
                category=args.category,
                tags=[tag for tag in args.tags.split(",") if tag.strip()],
            )
            steps = next_steps_new()
        else:
            parser.error(_('give --lang and --title "…", or --translate FILE'))
    except (NewStoryError, SiteSettingsError) as error:
        print(f"new: {error}", file=sys.stderr)
        return 1
    print(_("wrote {path}").format(path=path))
    print(steps)
    return 0


def _sync(content: Path, translated: Path | None, refresh: Path | None) -> int:
    """--translated FILE and --refresh FILE (briefing.translation_sync)."""
    from briefing.translation_sync import TranslationSyncError, mark_translated
    from briefing.translation_sync import refresh as refresh_translation

    try:
        if translated:
            print(mark_translated(content, translated))
            return 0
        assert refresh is not None
        result = refresh_translation(content, refresh)
    except TranslationSyncError as error:
        print(f"translation: {error}", file=sys.stderr)
        return 1
    print("\n".join(result.report))
    if result.changed:
        print(
            _(
                'Next: translate the "{marker}:" parts of {path}, delete the markers and the old '
                "sentences, then run: invoke translated {path}"
            ).format(marker=marker(TO_TRANSLATE), path=refresh)
        )
    return 0


__all__ = ["NewStoryError", "main", "new_story", "translate_story"]

if __name__ == "__main__":
    sys.exit(main())
