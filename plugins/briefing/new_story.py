"""Editor tools: start a new story, or the translation of an existing one.

Both write a file with every field a story needs, filled in where the tool knows the
value and otherwise left in a way the checker (briefing.checker) reports as an error:
an empty Summary or Category, a "TO WRITE:" or "TO TRANSLATE:" marker in the text, a slug
starting with "to-translate-". Both also write "Status: draft", so a half-written story is
never published by accident; the editor changes it to "Status: published" when done.

A translation records `Translated_from:`, the fingerprint of its original
(`checker.content_hash`); when the original's text changes later, the checker warns that
the translation needs updating.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date as Date
from pathlib import Path

from briefing.checker import (
    LANG_NAMES,
    LANGS,
    SLUG_MARKER,
    SLUG_MAX,
    Document,
    Kind,
    content_hash,
    read_document,
)
from briefing.importer import cut_slug, make_slug, make_translation_key
from briefing.taxonomy import Taxonomy, TaxonomyError, load_taxonomy

TO_WRITE = "TO WRITE: "
TO_TRANSLATE = "TO TRANSLATE: "
BODY_PLACEHOLDER = TO_WRITE + "the story, in Markdown, with a blank line between paragraphs."


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
    if lang not in LANGS:
        raise NewStoryError(f"unknown language {lang!r}: use fr or en")
    title = _one_line(title)
    slug = make_slug(title)
    if not slug:
        raise NewStoryError(f"cannot make an address from the title {title!r}: give a real title")
    taxonomy = _taxonomy(content)
    day = today.isoformat()
    key = make_translation_key(day, title)
    target = content / lang / f"{today:%Y}" / f"{slug}.md"
    _refuse_existing(target)
    for doc in _documents(content, "story", lang):
        for name, value in (("Slug", slug), ("Translation_key", key)):
            if doc.value(name) == value:
                raise NewStoryError(
                    f"{doc.shown} already has {name}: {value}; nothing was written — "
                    "give the new story another title, or edit that file"
                )
    fields = [
        ("Title", title),
        ("Date", day),
        ("Lang", lang),
        ("Slug", slug),
        ("Translation_key", key),
        ("Category", _term(taxonomy, "categories", lang, category) if category else ""),
        ("Tags", ", ".join(_term(taxonomy, "tags", lang, tag) for tag in tags if tag.strip())),
        ("Summary", ""),
        ("Author", ""),
        ("Source", ""),
        ("Source_url", ""),
        ("Status", "draft"),
    ]
    _write(target, fields, [BODY_PLACEHOLDER])
    return target


def _term(taxonomy: Taxonomy | None, kind: str, lang: str, name: str) -> str:
    """The taxonomy's label for `name`; refuse a name the build would refuse."""
    if taxonomy is None:
        return name.strip()  # the checker reports the broken taxonomy file
    term = taxonomy.find(kind, lang, name)
    if term is None:
        what = "category" if kind == "categories" else "tag"
        known = ", ".join(taxonomy.labels(kind, lang)) or "none yet"
        raise NewStoryError(
            f"{name.strip()!r} is not a {what} of content/taxonomy.toml for {LANG_NAMES[lang]} "
            "stories; "
            f"nothing was written — use one of: {known}; or add it to content/taxonomy.toml first"
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
    given, content = content, content.resolve()
    source = source.resolve()
    kind, lang, inside = _locate(content, source)
    original = read_document(source, _shown(content, source), kind, lang)
    key = original.value("Translation_key")
    if not key:
        raise NewStoryError(
            f"{original.shown} has no Translation_key; add one (run the check) and try again"
        )
    other = next(code for code in LANGS if code != lang)
    for doc in _documents(content, kind, other):
        if doc.value("Translation_key") == key:
            raise NewStoryError(
                f"{doc.shown} is already the {LANG_NAMES[other]} version of {original.shown} "
                f"(Translation_key: {key}); nothing was written"
            )
    target = _folder(content, kind, other).joinpath(*inside)
    _refuse_existing(target)
    _write(
        target,
        _translated_fields(original, other, _taxonomy(content), source),
        _marked_paragraphs(original.body),
    )
    return given / target.relative_to(content)


def _translated_fields(
    original: Document, other: str, taxonomy: Taxonomy | None, source: Path
) -> list[tuple[str, str]]:
    lang = original.folder_lang
    slug = cut_slug(f"{SLUG_MARKER}-{original.value('Slug') or 'story'}", SLUG_MAX)
    fields = [
        ("Title", _marked(original.value("Title"))),
        ("Date", original.value("Date")),
        ("Lang", other),
        ("Slug", slug),
        ("Translation_key", original.value("Translation_key")),
        ("Category", _mapped(taxonomy, "categories", lang, other, original.value("Category"))),
        (
            "Tags",
            ", ".join(
                _mapped(taxonomy, "tags", lang, other, tag)
                for tag in original.value("Tags").split(",")
                if tag.strip()
            ),
        ),
        ("Summary", _marked(original.value("Summary"))),
        ("Author", original.value("Author")),
        ("Source", original.value("Source")),
        ("Source_url", original.value("Source_url")),
        ("Status", "draft"),
        ("Translated_from", content_hash(source)),
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
    return TO_TRANSLATE + text if text else ""


def _marked_paragraphs(body: Sequence[str]) -> list[str]:
    """The original's text with "TO TRANSLATE: " at the start of every paragraph."""
    lines = "\n".join(line.rstrip() for line in body).strip("\n").split("\n")
    marked: list[str] = []
    previous = ""
    for line in lines:
        marked.append(TO_TRANSLATE + line if line and not previous else line)
        previous = line
    return marked if any(marked) else [TO_TRANSLATE + "the text."]


def _locate(content: Path, source: Path) -> tuple[Kind, str, tuple[str, ...]]:
    """Whether `source` is a story or page, its language, and its path in that folder."""
    if not source.is_file():
        raise NewStoryError(f"{source}: no such file")
    try:
        parts = source.relative_to(content).parts
    except ValueError:
        raise NewStoryError(f"{source} is not in {content}; give a story file") from None
    if parts[0] in LANGS and len(parts) > 1:
        return "story", parts[0], parts[1:]
    if parts[0] == "pages" and len(parts) > 2 and parts[1] in LANGS:
        return "page", parts[1], parts[2:]
    raise NewStoryError(
        f"{_shown(content, source)} is not a story or page: give a file in content/fr/, "
        "content/en/ or content/pages/"
    )


# --------------------------------------------------------------------------- files


def _folder(content: Path, kind: Kind, lang: str) -> Path:
    return content / "pages" / lang if kind == "page" else content / lang


def _documents(content: Path, kind: Kind, lang: str) -> list[Document]:
    folder = _folder(content, kind, lang)
    return [
        read_document(path, _shown(content, path), kind, lang)
        for path in sorted(folder.rglob("*.md"))
        if path.is_file()
    ]


def _shown(content: Path, path: Path) -> str:
    return path.resolve().relative_to(content.resolve().parent).as_posix()


def _taxonomy(content: Path) -> Taxonomy | None:
    try:
        return load_taxonomy(content / "taxonomy.toml")
    except TaxonomyError:
        return None


def _refuse_existing(target: Path) -> None:
    if target.exists():
        raise NewStoryError(f"{target} already exists; nothing was written")


def _one_line(value: str) -> str:
    # A metadata value is one line; a newline would start another field.
    return " ".join(value.split())


def _write(target: Path, fields: Sequence[tuple[str, str]], body: Sequence[str]) -> None:
    header = "\n".join(f"{name}: {_one_line(value)}".rstrip() for name, value in fields)
    target.parent.mkdir(parents=True, exist_ok=True)
    text = header + "\n\n" + "\n".join(body).rstrip("\n") + "\n"
    target.write_text(text, encoding="utf-8", newline="\n")


# --------------------------------------------------------------------------- command line

NEXT_STEPS_NEW = (
    "Next: write the Summary, the Category if it is empty, and the text in place of "
    '"TO WRITE:"; fill in Author, Source and Source_url if known; when the story is ready, '
    'change "Status: draft" to "Status: published". Then run: invoke check'
)
NEXT_STEPS_TRANSLATION = (
    'Next: replace every "TO TRANSLATE:" line with its translation, write the Slug from the '
    'translated title, and change "Status: draft" to "Status: published". Leave '
    "Translated_from as it is. Then run: invoke check"
)


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m briefing.new_story --lang fr --title "…"` or `--translate FILE`."""
    parser = argparse.ArgumentParser(
        prog="python -m briefing.new_story", description="Start a story or its translation."
    )
    parser.add_argument("--content", type=Path, default=Path("content"))
    parser.add_argument("--lang", choices=LANGS)
    parser.add_argument("--title")
    parser.add_argument("--category", default="")
    parser.add_argument("--tags", default="", help="comma separated")
    parser.add_argument("--translate", type=Path, metavar="FILE")
    args = parser.parse_args(argv)
    try:
        if args.translate:
            path = translate_story(args.content, args.translate, today=Date.today())
            steps = NEXT_STEPS_TRANSLATION
        elif args.lang and args.title:
            path = new_story(
                args.content,
                lang=args.lang,
                title=args.title,
                today=Date.today(),
                category=args.category,
                tags=[tag for tag in args.tags.split(",") if tag.strip()],
            )
            steps = NEXT_STEPS_NEW
        else:
            parser.error('give --lang and --title "…", or --translate FILE')
    except NewStoryError as error:
        print(f"new: {error}", file=sys.stderr)
        return 1
    print(f"wrote {path}\n{steps}")
    return 0


__all__ = ["NewStoryError", "main", "new_story", "translate_story"]

if __name__ == "__main__":
    sys.exit(main())
