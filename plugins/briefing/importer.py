"""Raw-text importer: turns scraped news text pasted by an editor into story Markdown files.

A raw text is what a scraper or a copy from a browser gives: an optional leading
``date YYYY-MM`` token, maybe a headline line, one paragraph per line, and what the web
page brought along (briefing.leftovers: banners, players, timestamps, captions, prompts,
share labels, hashtags …) and who wrote it (briefing.bylines). The importer keeps the
article text exactly as written, strips every leftover (reporting each one), moves bylines,
credit lines, an agency dateline and the article's address into the fields, and writes
one Markdown file per language with the site's metadata header:

    Title, Date, Lang, Slug, Translation_key, Category, Tags, Summary, Author, Source,
    Source_url

The title, when the text has no headline line, is its first sentence, taken out of the
text so the page does not print it twice. The summary is never the title. Categories and
tags are checked against the taxonomy before anything is written, and the two languages
share what only one of them names (Source, Source_url, Author, category and tags).

The body is escaped so that Python-Markdown renders it as the same text, never as markup.
Titles and summaries are plain one-line metadata values and are written unescaped.

Every message (errors, the report's lines) is in the tools' language (briefing.i18n), made
when the import runs: a leftover's reason, an English N_() marker, is translated there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path

from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

from briefing.bylines import parse_byline, parse_credit_line
from briefing.i18n import _, ngettext, use_language
from briefing.leftovers import AGENCY_DATELINE_RE, cookie_banner_start, leftovers_in
from briefing.sentences import (
    first_sentence,
    is_cut_from,
    same_text,
    sentences,
    split_first_sentence,
)
from briefing.site import SiteModel, model_for_content
from briefing.taxonomy import Taxonomy, TaxonomyError, load_taxonomy

TITLE_LINE_MAX = 160  # a longer first line is a paragraph, not a headline
PROPOSED_TITLE_MAX = 150
SHOWN_MAX = 60  # how much of a dropped fragment a message quotes

SENTENCE_ENDINGS = tuple(".!?…")
# A headline never ends like a sentence; "," and ";" mean the line was cut mid-sentence.
TITLE_BAD_ENDINGS = (*SENTENCE_ENDINGS, ":", ",", ";")
# A headline may end with a quotation ("… un prix « intenable »"), but not with a quoted
# sentence ("« Nous sommes prêts. »"), which is a paragraph.
_CLOSING_QUOTES = '»”"’'


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# A slug cut at the site's limit must still say something: it never ends on a word that
# announces more (an article, a preposition, a possessive, a number, an adjective that
# comes before its noun): "…-veut-relancer-son" reads as a cut, "…-veut-relancer" does not.
# French puts most adjectives after the noun, so only those that come before it dangle;
# English puts them all before, so the adjectives of news headlines dangle.
SLUG_DANGLING = {
    "fr": _word_set(
        "a au aux avec ce ces cet cette chez contre d dans de des du elle en entre et il ils l "
        "la le les leur leurs lui ma mes mon n ne nos notre ou par parmi pas pour qu que qui sa "
        "sans se ses si son sous sur ta tes ton un une vers vos votre y dun dune lun lune quil "
        "quils quelle quelles quen sil sils jusqu jusquau jusqua lors dont comme mais donc car "
        "selon apres avant depuis pendant malgre face afin alors tandis premier premiere "
        "premiers premieres nouveau nouvel nouvelle nouveaux nouvelles grand grande grands "
        "grandes petit petite petits petites ancien ancienne anciens anciennes ex deux trois "
        "quatre cinq six sept huit neuf dix cent mille plusieurs certains certaines tout toute "
        "tous toutes chaque quelques autre autres meme seul seule seuls seules tres plus"
    ),
    "en": _word_set(
        "a an and are as at be been by for from has had have her his in into is its it of on "
        "or our over the their this that these those to under was were with without about "
        "after against amid among before between during near per than via vs will would could "
        "should can may must new first former top key major second third two three four five "
        "six seven eight nine ten several many some every each other another more most very "
        "not no who which whose while where when joint national international regional local "
        "military political economic financial official annual presidential parliamentary "
        "federal central civil civilian nuclear foreign domestic global african european "
        "american chinese russian french british"
    ),
}
# A title's clauses: a slug may end where one ends.
_CLAUSE_BREAK_RE = re.compile(r"\s*[,;:]\s|\s+[—–-]\s+|\s*\(|[?!]\s")


class StoryImportError(Exception):
    """A raw text cannot be imported; the message names the file, the problem and the fix."""


@dataclass
class RawStory:
    """What parse_raw understood of one raw text, before any file is written."""

    date: str  # "YYYY-MM" or "YYYY-MM-DD" as given, "" when the text has no date token
    title: str
    title_proposed: bool  # True when the title is the body's first sentence, to be checked
    paragraphs: list[str]  # plain text, one entry per raw paragraph, not yet escaped
    author: str = ""
    source: str = ""
    source_url: str = ""
    summary: str = ""
    # (what, why), why in the tools' language, as the report shows it
    dropped: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # decisions the editor should check


@dataclass
class ImportReport:
    """Everything import_story did: the files it wrote and one line per decision."""

    written: list[Path] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- patterns

_DATE_TOKEN_RE = re.compile(r"\A\s*date\s*:?[ \t]+(?P<value>\d\S*)(?:[ \t]+|(?=\n)|\Z)", re.I)
_DATE_VALUE_RE = re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})(?:-(?P<d>\d{2}))?")
_ADDRESS_LINE_RE = re.compile(r"^https?://[^\s<>\"]+$")

# Markdown escaping. Inline characters Python-Markdown (with "extra") would act on:
_INLINE_SPECIALS_RE = re.compile(r"([\\`*_\[\]{}])")
_ORDERED_MARKER_RE = re.compile(r"^(\d+)([.)])(?=\s|$)")


# --------------------------------------------------------------------------- parsing


def parse_raw(text: str) -> RawStory:
    """Understand one raw text: date token, title, paragraphs, credits, leftovers.

    Raises StoryImportError (without a file name; import_story adds it) for a malformed
    date token.
    """
    text = text.lstrip("\ufeff")
    story_date, text, date_line_has_text = _take_date_token(text)
    story = RawStory(date=story_date, title="", title_proposed=False, paragraphs=[])
    lines: list[str | None] = [_collapse_spaces(line) for line in text.splitlines()]
    dropped: list[tuple[int, str, str]] = []  # (line, what, why), to report in text order
    _strip_glued_banners(lines, dropped)
    _take_credits(lines, story, dropped)
    _strip_leftovers(lines, dropped)
    story.dropped = [(what, why) for _, what, why in sorted(dropped, key=lambda d: d[0])]
    title_index = _title_line_index(lines, date_line_has_text)
    for index, line in enumerate(lines):
        if not line:
            continue
        if index == title_index:
            story.title = line
        else:
            story.paragraphs.append(line)
    if title_index is None:
        _propose_title(story)
    else:
        _drop_repeated_headline(story)
    return story


def _take_date_token(text: str) -> tuple[str, str, bool]:
    """Split off a leading date token: (date or "", remaining text, date line had text)."""
    match = _DATE_TOKEN_RE.match(text)
    if not match:
        return "", text, False
    value = match.group("value")
    _check_date(value)
    rest = text[match.end() :]
    first_line = rest.split("\n", 1)[0]
    return value, rest, bool(first_line.strip())


def _check_date(value: str) -> None:
    """Refuse a date token that is not a real YYYY-MM or YYYY-MM-DD date."""
    match = _DATE_VALUE_RE.fullmatch(value)
    if not match:
        raise StoryImportError(
            _(
                "the date token {value!r} is not written as YYYY-MM or YYYY-MM-DD; fix the "
                "first line to e.g. 'date 2022-03' or 'date 2022-03-17'"
            ).format(value=value)
        )
    try:
        Date(int(match["y"]), int(match["m"]), int(match["d"] or 1))
    except ValueError as error:
        raise StoryImportError(
            _(
                "the date token {value!r} is not a real date ({error}); fix the first line to "
                "e.g. 'date 2022-03' or 'date 2022-03-17'"
            ).format(value=value, error=error)
        ) from None


def _collapse_spaces(text: str) -> str:
    # Tabs and space runs would be Markdown indentation or hard line breaks.
    return re.sub(r"[ \t\f\v]+", " ", text).strip()


def _strip_glued_banners(lines: list[str | None], dropped: list[tuple[int, str, str]]) -> None:
    """Cut a cookie banner glued to the end of a paragraph; whole-line banners are
    leftovers like any other (_strip_leftovers)."""
    for index, line in enumerate(lines):
        start = cookie_banner_start(line) if line else None
        if line and start:
            dropped.append((index, line[start:], _("cookie banner (end of a paragraph)")))
            lines[index] = line[:start].rstrip()


def _take_credits(
    lines: list[str | None], story: RawStory, dropped: list[tuple[int, str, str]]
) -> None:
    """Move bylines, wire credit lines, datelines and the article's address into the
    story's fields."""
    for index, line in enumerate(lines):
        if not line:
            continue
        why = _credit(line, story)
        if why:
            dropped.append((index, line, why))
            lines[index] = None
            continue
        dateline = AGENCY_DATELINE_RE.match(line)
        if dateline:
            moved = _apply_credits(story, [], [_outlet(dateline["agency"])])
            why = _("dateline {moved}").format(moved=moved)
            dropped.append((index, dateline.group().strip(), why))
            lines[index] = line[dateline.end() :].strip() or None


def _credit(line: str, story: RawStory) -> str:
    """Fill the story's fields from a credit line and say why it goes, or "" if it is text."""
    byline = parse_byline(line)
    if byline is not None:
        return _("byline {moved}").format(moved=_apply_credits(story, *byline))
    reporters = parse_credit_line(line)
    if reporters is not None:
        moved = _apply_credits(story, reporters, ["Reuters"])
        return _("credit line {moved}").format(moved=moved)
    if _ADDRESS_LINE_RE.match(line):
        if story.source_url:
            return _("link to another page")
        story.source_url = line
        return _("address of the article (moved to Source_url)")
    return ""


def _apply_credits(story: RawStory, authors: Sequence[str], outlets: Sequence[str]) -> str:
    """Add names to Author and Source (several bylines add up); say where they went, in
    the tools' language: "(moved to Author: … and Source: …)"."""
    new_authors = [name for name in authors if name not in _names(story.author)]
    new_outlets = [name for name in outlets if name not in _names(story.source)]
    story.author = ", ".join(filter(None, [story.author, *new_authors]))
    story.source = ", ".join(filter(None, [story.source, *new_outlets]))
    moved = [f"Author: {', '.join(new_authors)}"] if new_authors else []
    moved += [f"Source: {', '.join(new_outlets)}"] if new_outlets else []
    if not moved:
        return _("(no new name to keep)")
    return _("(moved to {fields})").format(fields=_(" and ").join(moved))


def _names(field_value: str) -> list[str]:
    return [name.strip() for name in field_value.split(",") if name.strip()]


def _strip_leftovers(lines: list[str | None], dropped: list[tuple[int, str, str]]) -> None:
    """Drop every line briefing.leftovers recognises, alone or by its neighbours."""
    found = leftovers_in([line or "" for line in lines])
    for index, leftover in enumerate(found):
        line = lines[index]
        if leftover is not None and line:
            # The reason is an English marker (N_); the report shows it translated.
            dropped.append((index, line, _(leftover.reason)))
            lines[index] = None


def _outlet(agency: str) -> str:
    return "Reuters" if agency.lower() == "reuters" else agency


def _title_line_index(lines: Sequence[str | None], date_line_has_text: bool) -> int | None:
    """Index of the headline line, or None when the text starts with body text.

    The first text line is a headline when it is short, does not end like a sentence,
    is followed by a blank (or dropped) line and some body text follows. Text on the
    date token's line is always body.
    """
    first = next((i for i, line in enumerate(lines) if line), None)
    if first is None or (first == 0 and date_line_has_text):
        return None
    line = lines[first]
    assert line is not None
    if len(line) >= TITLE_LINE_MAX or _ends_like_a_sentence(line):
        return None
    followed_by_blank = first + 1 < len(lines) and not lines[first + 1]
    has_body = any(lines[first + 1 :])
    return first if followed_by_blank and has_body else None


def _ends_like_a_sentence(line: str) -> bool:
    unquoted = line.rstrip(_CLOSING_QUOTES + " \u00a0\u202f")
    return unquoted.endswith(TITLE_BAD_ENDINGS) or not unquoted


# --------------------------------------------------------------------------- title, summary


def _propose_title(story: RawStory) -> None:
    """No headline line: the first sentence is the title, and leaves the text.

    A sentence too long for a headline is cut to a clause; then the whole sentence stays
    in the text, which would otherwise lose the rest of it. A text of one sentence keeps
    it too: a story needs text.
    """
    if not story.paragraphs:
        return
    story.title = propose_title(story.paragraphs[0])
    story.title_proposed = True
    sentence, rest = split_first_sentence(story.paragraphs[0])
    if not same_text(story.title, sentence):
        note = _(
            "no title line: proposed the start of the first sentence as title (the sentence "
            'stays in the text) — check it: "{title}"'
        )
    elif not rest and len(story.paragraphs) == 1:
        note = _(
            "no title line and a text of one sentence: proposed it as title and kept it as "
            'the text — write a headline: "{title}"'
        )
    else:
        _remove_first_sentence(story, rest)
        note = _(
            "no title line: proposed the first sentence as title and took it out of the text "
            '— check it: "{title}"'
        )
    story.notes.append(note.format(title=story.title))


def _drop_repeated_headline(story: RawStory) -> None:
    """A headline line repeated as the text's first sentence (some pages print it twice)
    goes from the text."""
    if not story.paragraphs:
        return
    sentence, rest = split_first_sentence(story.paragraphs[0])
    if same_text(sentence, story.title) and (rest or len(story.paragraphs) > 1):
        story.dropped.append((sentence, _("headline repeated at the start of the text")))
        _remove_first_sentence(story, rest)


def _remove_first_sentence(story: RawStory, rest: str) -> None:
    if rest:
        story.paragraphs[0] = rest
    else:
        del story.paragraphs[0]


def propose_title(paragraph: str) -> str:
    """A title proposed from the first sentence: no final full stop, not over-long.

    An over-long sentence is cut after its last whole clause that fits (a headline
    reads better than a fragment ending in "…"), else at a word with "…".
    """
    sentence = first_sentence(paragraph)
    if sentence.endswith(".") and not sentence.endswith(".."):
        sentence = sentence[:-1]
    if len(sentence) <= PROPOSED_TITLE_MAX:
        return sentence
    clauses = list(_CLAUSE_BREAK_RE.finditer(sentence, 0, PROPOSED_TITLE_MAX + 1))
    if clauses and clauses[-1].start() >= PROPOSED_TITLE_MAX // 3:
        return sentence[: clauses[-1].start()]
    return cut_at_word(sentence, PROPOSED_TITLE_MAX)


def cut_at_word(text: str, limit: int) -> str:
    """Text shortened to at most `limit` characters at a word boundary, with "…"."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if not text[limit - 1].isspace() and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-–—«“(") + "…"


def summarize(paragraphs: Sequence[str], limit: int, title: str = "") -> str:
    """The text's first sentence that is not the title, cut at a word to `limit` characters;
    "" when there is none."""
    for paragraph in paragraphs:
        for sentence in sentences(paragraph):
            if not same_text(sentence, title):
                return cut_at_word(sentence, limit)
    return ""


def _propose_summary(story: RawStory, limit: int) -> None:
    """The Summary: the first sentence of the text, never the title; else left empty."""
    story.summary = summarize(story.paragraphs, limit, story.title)
    lead = first_sentence(story.paragraphs[0]) if story.paragraphs else ""
    if not story.summary:
        story.notes.append(
            _(
                "Summary left for the editor: the text has no sentence other than the title — "
                "write one or two sentences that sum the story up"
            )
        )
    elif same_text(story.summary, lead) or is_cut_from(story.summary, lead):
        story.notes.append(
            _(
                "Summary: proposed the text's first sentence — write one of your own (the "
                "check warns while the summary repeats the text)"
            )
        )


# --------------------------------------------------------------------------- slugs


def make_slug(title: str, limit: int, lang: str | None = None) -> str:
    """ASCII slug of a title, like Pelican makes, cut where a phrase ends (see cut_slug).

    `lang` chooses the words a slug may not end on; without it, those of every language.
    """
    slug = _slug_words(title)
    if len(slug) <= limit:
        return slug
    # A clause of the title ends a phrase, whatever word follows it.
    clause_ends = {
        len(_slug_words(title[: match.start()]).split("-"))
        for match in _CLAUSE_BREAK_RE.finditer(title)
    }
    return cut_slug(slug, limit, lang, clause_ends)


def _slug_words(text: str) -> str:
    slug = slugify(text, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])
    # Pelican keeps "_" (a word character); the site's slugs are a-z, 0-9 and "-" only.
    return re.sub(r"[^a-z0-9]+", "-", slug).strip("-")


def cut_slug(
    slug: str, limit: int, lang: str | None = None, clause_ends: Iterable[int] = ()
) -> str:
    """Cut a slug to `limit` characters so that it keeps its meaning.

    The longest cut at the end of one of the title's clauses wins, if it keeps half the
    limit; otherwise the words that fit, without the dangling words at their end
    ("…-veut-relancer-son" -> "…-veut-relancer").
    """
    if len(slug) <= limit:
        return slug
    words = slug.split("-")
    dangling = _dangling_words(lang)
    fits = _words_that_fit(words, limit)
    for count in sorted((n for n in clause_ends if 0 < n <= fits), reverse=True):
        cut = "-".join(words[:count])
        if len(cut) < limit // 2:
            break
        if words[count - 1] not in dangling:
            return cut
    kept = words[:fits]
    while len(kept) > 1 and kept[-1] in dangling:
        kept.pop()
    return "-".join(kept) if kept else slug[:limit].rstrip("-")


def _words_that_fit(words: Sequence[str], limit: int) -> int:
    length = -1
    for count, word in enumerate(words):
        length += len(word) + 1
        if length > limit:
            return count
    return len(words)


def _dangling_words(lang: str | None) -> frozenset[str]:
    languages = [lang] if lang in SLUG_DANGLING else list(SLUG_DANGLING)
    return frozenset().union(*(SLUG_DANGLING[code] for code in languages))


def make_translation_key(story_date: str, title: str, limit: int, lang: str | None = None) -> str:
    """The key shared by a story's languages: "<YYYY-MM>-<slug of title>", ≤ limit chars.

    Without a date it is just the slug; the editor adds the prefix with the date.
    """
    if not story_date:
        return make_slug(title, limit, lang)
    prefix = story_date[:7] + "-"
    return prefix + make_slug(title, limit - len(prefix), lang)


# --------------------------------------------------------------------------- rendering


def escape_markdown(paragraph: str) -> str:
    """Markdown source that Python-Markdown (with "extra") renders as exactly `paragraph`.

    `paragraph` is one line without leading or trailing spaces.
    """
    # Entities first, so the backslashes added next are never inside one.
    text = paragraph.replace("&", "&amp;").replace("<", "&lt;")
    text = _INLINE_SPECIALS_RE.sub(r"\\\1", text)
    return _escape_block_start(text)


def _escape_block_start(text: str) -> str:
    """Neutralise what only matters at the start of a block: headings, lists, quotes…"""
    if text.startswith(("#", ">", "-", "+")):
        return "\\" + text
    if text.startswith(":"):
        return "&#58;" + text[1:]  # a definition list (extra) otherwise
    if text.startswith("~~~"):
        return "&#126;" + text[1:]  # a fenced code block (extra) otherwise
    return _ORDERED_MARKER_RE.sub(r"\1\\\2", text)


def _meta_value(value: str) -> str:
    # Metadata values are single lines; a newline would start another key or be lost.
    return " ".join(value.split())


def render_story(
    story: RawStory,
    *,
    lang: str,
    slug: str,
    translation_key: str,
    category: str = "",
    tags: Iterable[str] = (),
    source_url: str = "",
) -> str:
    """The story file: metadata header, a blank line, then the escaped paragraphs."""
    fields = [
        ("Title", story.title),
        ("Date", story.date),
        ("Lang", lang),
        ("Slug", slug),
        ("Translation_key", translation_key),
        ("Category", category),
        ("Tags", ", ".join(_meta_value(tag) for tag in tags if tag.strip())),
        ("Summary", story.summary),
        ("Author", story.author),
        ("Source", story.source),
        ("Source_url", source_url or story.source_url),
    ]
    header = "\n".join(f"{key}: {_meta_value(value)}".rstrip() for key, value in fields)
    body = "\n\n".join(escape_markdown(p) for p in story.paragraphs)
    return f"{header}\n\n{body}\n"


# --------------------------------------------------------------------------- importing


@dataclass(frozen=True)
class Terms:
    """A story's category and tags, as the editor gave them or as the taxonomy names them."""

    category: str = ""
    tags: tuple[str, ...] = ()


def import_story(
    *,
    fr: Path | None,
    en: Path | None,
    content_dir: Path,
    force: bool = False,
    category_fr: str = "",
    category_en: str = "",
    tags_fr: Iterable[str] = (),
    tags_en: Iterable[str] = (),
    source_url: str = "",
) -> ImportReport:
    """Import one story from its French and/or English raw text into content_dir.

    Writes content_dir/<lang>/<YYYY>/<slug>.md per language (…/undated/… without a date),
    both sharing one Translation_key. Nothing is written if any target exists and
    force is False, or if any input is unusable (a bad date, an unknown category or tag).
    """
    model = model_for_content(content_dir)
    inputs = {lang: Path(path) for lang, path in (("fr", fr), ("en", en)) if path is not None}
    if not inputs:
        raise StoryImportError(
            _("no raw text given: pass the French file, the English file or both")
        )
    report = ImportReport()
    given = {
        "fr": Terms(category_fr.strip(), _clean_tags(tags_fr)),
        "en": Terms(category_en.strip(), _clean_tags(tags_en)),
    }
    stories = {lang: _parse_file(path, report, model.summary_max) for lang, path in inputs.items()}
    terms = _checked_terms(model, {lang: given[lang] for lang in inputs}, inputs, report)
    _reconcile_dates(stories, inputs, report)
    _share_credits(stories, inputs, report, given_url=bool(source_url))
    # The key comes from the main language's version when there is one.
    key_lang = next(lang for lang in (*model.codes, *stories) if lang in stories)
    key_story = stories[key_lang]
    translation_key = make_translation_key(
        key_story.date, key_story.title, model.slug_max, key_lang
    )
    planned: dict[Path, str] = {}
    for lang, story in stories.items():
        slug = _story_slug(story, inputs[lang], model.slug_max, lang)
        folder = model.languages[lang].story_folder
        target = content_dir / folder / (story.date[:4] or "undated") / f"{slug}.md"
        planned[target] = render_story(
            story,
            lang=lang,
            slug=slug,
            translation_key=translation_key,
            category=terms[lang].category,
            tags=terms[lang].tags,
            source_url=source_url,
        )
    _refuse_overwrite(planned, force)
    for target, text in planned.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
        report.written.append(target)
        report.messages.append(_("wrote {path}").format(path=_shown_path(target)))
    return report


def _clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    return tuple(tag.strip() for tag in tags if tag.strip())


def _parse_file(path: Path, report: ImportReport, summary_max: int) -> RawStory:
    """Read and parse one raw file, adding its messages to the report."""
    label = _shown_path(path)
    text = _read_text(path)
    try:
        story = parse_raw(text)
    except StoryImportError as error:
        raise StoryImportError(f"{label}: {error}") from None
    if not story.paragraphs:
        raise StoryImportError(
            _(
                "{file}: no article text left after removing boilerplate; check that this is "
                "the right file"
            ).format(file=label)
        )
    _propose_summary(story, summary_max)
    for what, why in story.dropped:
        report.messages.append(
            _('{file}: dropped {reason}: "{text}"').format(
                file=label, reason=why, text=cut_at_word(what, SHOWN_MAX)
            )
        )
    report.messages += [f"{label}: {note}" for note in story.notes]
    return story


def _read_text(path: Path) -> str:
    """The file as text: UTF-8 with or without BOM, universal newlines."""
    label = _shown_path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise StoryImportError(
            _("{file}: cannot read the file ({reason})").format(file=label, reason=error.strerror)
        ) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise StoryImportError(
            _(
                "{file}: not UTF-8 text (byte 0x{byte:02x} at position {position}); save the "
                "file as UTF-8 and import it again"
            ).format(file=label, byte=data[error.start], position=error.start)
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _reconcile_dates(
    stories: dict[str, RawStory], inputs: dict[str, Path], report: ImportReport
) -> None:
    """Give both languages the one story date; refuse two different dates."""
    dates = {lang: story.date for lang, story in stories.items() if story.date}
    if len(set(dates.values())) > 1:
        given = ", ".join(
            _("{file} says {date}").format(file=_shown_path(inputs[lang]), date=day)
            for lang, day in dates.items()
        )
        raise StoryImportError(
            _(
                "the two texts give different dates ({dates}); one story has one date — "
                "correct the date token of the wrong file"
            ).format(dates=given)
        )
    for lang, story in stories.items():
        label = _shown_path(inputs[lang])
        if story.date:
            continue
        if dates:
            (other_lang, story.date), *_others = dates.items()
            report.messages.append(
                _("{file}: no date token: used {date} from {other}").format(
                    file=label, date=story.date, other=_shown_path(inputs[other_lang])
                )
            )
        else:
            report.messages.append(
                _(
                    "{file}: WARNING: no date token ('date YYYY-MM' at the start of the text): "
                    "Date left empty, Translation_key has no date prefix and the file goes to "
                    "an 'undated' folder; fill in Date, prefix Translation_key with YYYY-MM- "
                    "and move the file to its year folder — the story checker refuses undated "
                    "stories"
                ).format(file=label)
            )


# The fields a translation shares with its original, as `invoke new --translate` copies them.
_SHARED_CREDITS = (("Source", "source"), ("Source_url", "source_url"), ("Author", "author"))


def _share_credits(
    stories: dict[str, RawStory], inputs: dict[str, Path], report: ImportReport, given_url: bool
) -> None:
    """A field only one language's text names goes to the other too: one story, one source."""
    for name, attribute in _SHARED_CREDITS:
        if attribute == "source_url" and given_url:
            continue  # --source-url gives both languages their address
        named = {lang: getattr(story, attribute) for lang, story in stories.items()}
        values = [value for value in named.values() if value]
        if not values:
            continue
        (origin, value), *_others = ((lang, v) for lang, v in named.items() if v)
        for lang, story in stories.items():
            if not named[lang]:
                setattr(story, attribute, value)
                report.messages.append(
                    _("{file}: {name}: {value} taken from {other}, which names it").format(
                        file=_shown_path(inputs[lang]),
                        name=name,
                        value=value,
                        other=_shown_path(inputs[origin]),
                    )
                )


def _checked_terms(
    model: SiteModel, given: dict[str, Terms], inputs: dict[str, Path], report: ImportReport
) -> dict[str, Terms]:
    """Each language's category and tags, by the taxonomy's labels; refuse unknown names
    before anything is written, as `invoke new` does. A language given none takes the
    other's, translated by the taxonomy."""
    if not any(terms.category or terms.tags for terms in given.values()):
        return given
    try:
        taxonomy = load_taxonomy(model.taxonomy_path, model.codes)
    except TaxonomyError as error:
        report.messages.append(
            _(
                "{file} cannot be read, so the category and tags are written as given — run "
                "the check ({error})"
            ).format(file=_shown_path(model.taxonomy_path), error=str(error).splitlines()[0])
        )
        return given
    checked = {
        lang: Terms(
            _term(model, taxonomy, "categories", lang, terms.category) if terms.category else "",
            tuple(_term(model, taxonomy, "tags", lang, tag) for tag in terms.tags),
        )
        for lang, terms in given.items()
    }
    return _share_terms(model, taxonomy, checked, inputs, report)


def _term(model: SiteModel, taxonomy: Taxonomy, kind: str, lang: str, name: str) -> str:
    """The taxonomy's label for `name` in `lang`; refuse a name the build would refuse."""
    term = taxonomy.find(kind, lang, name)
    if term is not None:
        return term.labels[lang]
    option = f"--{'category' if kind == 'categories' else 'tags'}-{lang}"
    file = _shown_path(model.taxonomy_path)
    for other in model.others(lang):
        translated = taxonomy.find(kind, other, name)
        if translated is not None:
            if kind == "categories":
                problem = _(
                    "{option}: {name!r} is the {other} name of a category; nothing was written "
                    "— write {label!r}: {language} stories use {language} names"
                )
            else:
                problem = _(
                    "{option}: {name!r} is the {other} name of a tag; nothing was written — "
                    "write {label!r}: {language} stories use {language} names"
                )
            raise StoryImportError(
                problem.format(
                    option=option,
                    name=name,
                    other=model.name(other),
                    label=translated.labels[lang],
                    language=model.name(lang),
                )
            )
    known = ", ".join(taxonomy.labels(kind, lang)) or _("none yet")
    if kind == "categories":
        problem = _(
            "{option}: {name!r} is not a category of {file} for {language} stories; nothing "
            "was written — use one of: {known}; or add it to {file} first"
        )
    else:
        problem = _(
            "{option}: {name!r} is not a tag of {file} for {language} stories; nothing was "
            "written — use one of: {known}; or add it to {file} first"
        )
    raise StoryImportError(
        problem.format(option=option, name=name, file=file, language=model.name(lang), known=known)
    )


def _share_terms(
    model: SiteModel,
    taxonomy: Taxonomy,
    checked: dict[str, Terms],
    inputs: dict[str, Path],
    report: ImportReport,
) -> dict[str, Terms]:
    shared = dict(checked)
    for lang, terms in checked.items():
        others = [other for other in checked if other != lang]
        origin = next((o for o in others if checked[o].category), None)
        if not terms.category and origin:
            category = _translated(taxonomy, "categories", origin, lang, checked[origin].category)
            shared[lang] = Terms(category, shared[lang].tags)
            report.messages.append(
                _("{file}: Category: {category}, the {language} name of {given}").format(
                    file=_shown_path(inputs[lang]),
                    category=category,
                    language=model.name(lang),
                    given=checked[origin].category,
                )
            )
        origin = next((o for o in others if checked[o].tags), None)
        if not terms.tags and origin:
            given = checked[origin].tags
            tags = tuple(_translated(taxonomy, "tags", origin, lang, name) for name in given)
            shared[lang] = Terms(shared[lang].category, tags)
            report.messages.append(
                ngettext(
                    "{file}: Tags: {tags}, the {language} name of {given}",
                    "{file}: Tags: {tags}, the {language} names of {given}",
                    len(tags),
                ).format(
                    file=_shown_path(inputs[lang]),
                    tags=", ".join(tags),
                    language=model.name(lang),
                    given=", ".join(given),
                )
            )
    return shared


def _translated(taxonomy: Taxonomy, kind: str, lang: str, other: str, label: str) -> str:
    term = taxonomy.find(kind, lang, label)
    assert term is not None  # checked by _term
    return term.labels[other]


def _story_slug(story: RawStory, path: Path, limit: int, lang: str) -> str:
    slug = make_slug(story.title, limit, lang)
    if not slug:
        raise StoryImportError(
            _(
                "{file}: cannot make a URL slug from the title {title!r}; put a headline on the "
                "first line, followed by a blank line"
            ).format(file=_shown_path(path), title=story.title)
        )
    return slug


def _refuse_overwrite(planned: dict[Path, str], force: bool) -> None:
    """Refuse before writing anything, so a refused import leaves no half-written story."""
    existing = [path for path in planned if path.exists()]
    if existing and not force:
        names = ", ".join(_shown_path(path) for path in existing)
        raise StoryImportError(
            ngettext(
                "{files} already exists; nothing was written — pass --force to overwrite",
                "{files} already exist; nothing was written — pass --force to overwrite",
                len(existing),
            ).format(files=names)
        )


def _shown_path(path: Path) -> str:
    """A path as the user typed it, relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _tags(value: str) -> tuple[str, ...]:
    return tuple(tag.strip() for tag in value.split(",") if tag.strip())


def main(argv: Sequence[str] | None = None) -> int:
    """`briefing-import --fr FILE --en FILE …`: import one story; print what was done."""
    import argparse
    import sys

    # --messages first, so that the help is in the chosen language too.
    language = argparse.ArgumentParser(add_help=False)
    language.add_argument("--messages")
    use_language(language.parse_known_args(argv)[0].messages)
    parser = argparse.ArgumentParser(
        prog="briefing-import", description=_("Turn raw scraped text into story files.")
    )
    parser.add_argument("--fr", type=Path, help=_("raw French text file"))
    parser.add_argument("--en", type=Path, help=_("raw English text file"))
    parser.add_argument(
        "--content", type=Path, default=Path("content"), help=_("the content folder")
    )
    parser.add_argument("--force", action="store_true", help=_("overwrite existing story files"))
    parser.add_argument("--category-fr", default="", help=_("French category label"))
    parser.add_argument("--category-en", default="", help=_("English category label"))
    parser.add_argument("--tags-fr", default="", help=_("French tags, comma separated"))
    parser.add_argument("--tags-en", default="", help=_("English tags, comma separated"))
    parser.add_argument("--source-url", default="", help=_("address of the original article"))
    parser.add_argument("--messages", help=_("the language of the report (en, fr)"))
    args = parser.parse_args(argv)
    if not args.fr and not args.en:
        print("import: " + _("give --fr FILE, --en FILE or both"), file=sys.stderr)
        return 2
    try:
        report = import_story(
            fr=args.fr,
            en=args.en,
            content_dir=args.content,
            force=args.force,
            category_fr=args.category_fr,
            category_en=args.category_en,
            tags_fr=_tags(args.tags_fr),
            tags_en=_tags(args.tags_en),
            source_url=args.source_url,
        )
    except StoryImportError as error:
        print(f"import: {error}", file=sys.stderr)
        return 1
    for message in report.messages:
        print(message)
    return 0


__all__ = [
    "ImportReport",
    "RawStory",
    "StoryImportError",
    "cut_slug",
    "escape_markdown",
    "first_sentence",
    "import_story",
    "main",
    "make_slug",
    "make_translation_key",
    "parse_byline",
    "parse_raw",
    "render_story",
    "summarize",
]
