"""Raw-text importer: turns scraped news text pasted by an editor into story Markdown files.

A raw text is what a scraper or a copy from a browser gives: an optional leading
``date YYYY-MM`` token, maybe a headline line, one paragraph per line, and leftovers of
the web page (cookie banners, "Read also" cross-links, video-player labels, bylines).
The importer keeps the article text exactly as written, strips the leftovers (reporting
each one), and writes one Markdown file per language with the site's metadata header:

    Title, Date, Lang, Slug, Translation_key, Category, Tags, Summary, Author, Source,
    Source_url

The body is escaped so that Python-Markdown renders it as the same text, never as markup.
Titles and summaries are plain one-line metadata values and are written unescaped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path

from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

from briefing.site import model_for_content

TITLE_LINE_MAX = 160  # a longer first line is a paragraph, not a headline
PROPOSED_TITLE_MAX = 150
SHOWN_MAX = 60  # how much of a dropped fragment a message quotes

SENTENCE_ENDINGS = tuple('.!?…»”"')
# A headline never ends like a sentence; "," and ";" mean the line was cut mid-sentence.
TITLE_BAD_ENDINGS = (*SENTENCE_ENDINGS, ":", ",", ";")


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Slugs cut at the site's limit must not end on a dangling function word ("…-rwandais-en").
SLUG_TRAILING_STOPWORDS = _word_set(
    "a an and at au aux d de des du en et for in l la le les of on or ou par pour sur the to"
)


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
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (what, why)


@dataclass
class ImportReport:
    """Everything import_story did: the files it wrote and one line per decision."""

    written: list[Path] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- patterns

_DATE_TOKEN_RE = re.compile(r"\A\s*date\s*:?[ \t]+(?P<value>\d\S*)(?:[ \t]+|(?=\n)|\Z)", re.I)
_DATE_VALUE_RE = re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})(?:-(?P<d>\d{2}))?")

# Banners start with one of these phrases and contain a consent word; an article that
# merely mentions cookies has no "Accept"/"En savoir plus" button text after it.
_COOKIE_START_RE = re.compile(
    r"(?:\b(?:this|our)\s+(?:web\s?site|site)\s+uses\s+cookies"
    r"|\bwe\s+use\s+cookies"
    r"|\bby\s+(?:continuing\s+to\s+(?:use|browse)|using)\s+(?:this|our)\s+(?:web\s?site|site)"
    r"|\b(?:ce|notre)\s+site\s+(?:web\s+|internet\s+)?utilise\s+des\s+(?:cookies|traceurs)"
    r"|\bnous\s+utilisons\s+des\s+(?:cookies|traceurs)"
    r"|\ben\s+(?:poursuivant|continuant)\s+(?:votre\s+navigation|(?:à|a)\s+naviguer)"
    r"|\ben\s+naviguant\s+sur\s+(?:ce|notre)\s+site)",
    re.I,
)
_COOKIE_CONSENT_RE = re.compile(
    r"\b(?:accept\w*|j[’']accepte|ok|read\s+more|learn\s+more|opt[- ]out|consent\w*|settings"
    r"|privacy|agree|en\s+savoir\s+plus|refuser|param[èe]tr\w*|confidentialit[ée]|d[’']accord"
    r"|politique)\b",
    re.I,
)
_COOKIE_BANNER_MAX = 400

_READ_ALSO_RE = re.compile(
    r"^(?P<arrow>[►▶▸→»>•*–—-]+)?\s*"
    r"(?:(?P<strong>(?:(?:à|a)\s+)?lire\s+(?:aussi|également|egalement)|read\s+also|also\s+read)"
    r"|(?P<weak>see\s+also|voir\s+aussi|read\s+more|lire\s+la\s+suite))"
    r"\s*(?P<colon>[:：])?",
    re.I,
)
_READ_ALSO_MAX = 250  # a cross-reference is one headline, not a paragraph

_TIMESTAMP = r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*/\s*\d{1,2}:\d{2}(?::\d{2})?)?"
_PLAYER_LABEL = (
    r"aller\s+(?:à|a)\s+la\s+vid[ée]o|go\s+to\s+(?:the\s+)?video|lecture\s+en\s+cours"
    r"|regarder\s+la\s+vid[ée]o|voir\s+la\s+vid[ée]o|lire\s+la\s+vid[ée]o|watch\s+(?:the\s+)?video"
    r"|play\s+video|now\s+playing"
)
_VIDEO_TOKEN = rf"(?:{_TIMESTAMP}|{_PLAYER_LABEL})"
# Players leave labels and times alone on a line, sometimes several glued together.
_VIDEO_LINE_RE = re.compile(rf"^{_VIDEO_TOKEN}(?:[\s|•·]+{_VIDEO_TOKEN})*\s*[.:…]?$", re.I)
_AD_LABEL_RE = re.compile(r"^(?:publicit[ée]|advertisement|advertising|annonce|sponsored)$", re.I)

KNOWN_OUTLETS = {
    name.casefold(): name
    for name in (
        "RFI",
        "AFP",
        "Reuters",
        "AP",
        "Associated Press",
        "France 24",
        "France24",
        "Le Monde",
        "Jeune Afrique",
        "BBC",
        "BBC Afrique",
        "BBC News",
        "Al Jazeera",
        "CNN",
        "Le Figaro",
        "Libération",
        "TV5Monde",
        "Euronews",
        "DW",
        "Deutsche Welle",
        "VOA",
        "Voice of America",
        "APA",
        "APS",
        "Xinhua",
        "Anadolu",
        "Bloomberg",
        "The Guardian",
        "The New York Times",
        "Franceinfo",
        "France Info",
        "Radio Okapi",
        "Africanews",
        "Ouest-France",
        "Le Parisien",
        "Le Point",
        "L’Express",
        "AFP-Services",
    )
}
_BYLINE_MAX = 120
_BYLINE_RE = re.compile(r"^(?P<lead>par|by|avec|with)\s+(?P<rest>\S.*)$", re.I)
# Separators between a byline's credits: punctuation and/or a joining word
# ("Jean Dupont, avec AFP", "RFI avec AFP", "John Smith and Jane Doe").
_BYLINE_SPLIT_RE = re.compile(
    r"\s*[,;/&()]\s*(?:(?:avec|with|et|and)\s+)?|\s+(?:avec|with|et|and)\s+", re.I
)
_CORRESPONDENT_RE = re.compile(
    r"^(?:de\s+)?(?:notre|nos|our|from\s+our)\s+"
    r"(?:correspondante?s?|envoyée?s?\s+spéciale?s?|envoyee?s?\s+speciale?s?|correspondents?"
    r"|special\s+(?:envoy|correspondent)s?|reporters?|journalistes?)"
    r"(?:\s+(?:régionale?s?|regional|permanente?s?|local))?"
    r"(?:\s+(?:à|au|aux|en|dans|in|at|for)\s+(?:la\s+|le\s+|l[’'])?[A-ZÀ-Ý][\w’'-]*)?\s*",
)
_PLACE_RE = re.compile(r"^(?:à|au|aux|en|in|from|at)\s+[A-ZÀ-Ý][\w’' -]*$")
_NAME_PARTICLES = _word_set("de du des d’ d' di da van von der den le la al el ben bin ibn")
_NAME_WORD_RE = re.compile(r"^(?:[A-ZÀ-Ý]\.(?:-[A-ZÀ-Ý]\.)?|[A-ZÀ-Ý][\w’'-]*)$")

# Words ending with "." that do not end a sentence.
_ABBREVIATIONS = _word_set(
    "m mm mme mmes mlle dr pr me st ste mr mrs ms gen gén col lt sgt capt cpt prof sen rep "
    "gov jr sr vs no nº n° p pp av apr cf fig vol inc ltd co corp"
)
_SENTENCE_END_RE = re.compile(r"[.!?…]+(?:[ \u00a0\u202f]?[»”\"’)\]])*")
_SENTENCE_START = '«“"‘([—–'
_CLAUSE_BREAK_RE = re.compile(r"\s*[,;]\s|\s+[—–-]\s+|\s*\(")

# Markdown escaping. Inline characters Python-Markdown (with "extra") would act on:
_INLINE_SPECIALS_RE = re.compile(r"([\\`*_\[\]{}])")
_ORDERED_MARKER_RE = re.compile(r"^(\d+)([.)])(?=\s|$)")


# --------------------------------------------------------------------------- parsing


def parse_raw(text: str) -> RawStory:
    """Understand one raw text: date token, title line, paragraphs, byline, boilerplate.

    Raises StoryImportError (without a file name; import_story adds it) for a malformed
    date token.
    """
    text = text.lstrip("\ufeff")
    story_date, text, date_line_has_text = _take_date_token(text)
    story = RawStory(date=story_date, title="", title_proposed=False, paragraphs=[])
    lines = [_clean_line(line, story) for line in text.splitlines()]
    title_index = _title_line_index(lines, date_line_has_text)
    for index, line in enumerate(lines):
        if line is None or not line:
            continue
        if index == title_index:
            story.title = line
        else:
            story.paragraphs.append(line)
    if title_index is None and story.paragraphs:
        story.title = propose_title(story.paragraphs[0])
        story.title_proposed = True
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
    problem = "" if match else "is not written as YYYY-MM or YYYY-MM-DD"
    if match:
        try:
            Date(int(match["y"]), int(match["m"]), int(match["d"] or 1))
        except ValueError as error:
            problem = f"is not a real date ({error})"
    if problem:
        raise StoryImportError(
            f"the date token {value!r} {problem}; fix the first line to e.g. "
            "'date 2022-03' or 'date 2022-03-17'"
        )


def _clean_line(raw: str, story: RawStory) -> str | None:
    """Return the line's text with spaces collapsed, or None when it was boilerplate.

    Dropped lines and fragments are recorded in story.dropped; a byline also fills
    story.author / story.source.
    """
    line = _collapse_spaces(raw)
    if not line:
        return ""
    line = _strip_cookie_fragment(line, story)
    if not line:
        return None  # the whole line was a cookie banner
    reason = _boilerplate_reason(line)
    if reason:
        story.dropped.append((line, reason))
        return None
    byline = parse_byline(line)
    if byline is not None:
        _apply_byline(story, line, *byline)
        return None
    return line


def _collapse_spaces(text: str) -> str:
    # Tabs and space runs would be Markdown indentation or hard line breaks.
    return re.sub(r"[ \t\f\v]+", " ", text).strip()


def _strip_cookie_fragment(line: str, story: RawStory) -> str:
    """Remove a cookie banner that fills the line or was glued to the end of a paragraph."""
    for match in _COOKIE_START_RE.finditer(line):
        start = match.start()
        before = line[:start].rstrip()
        # Mid-line, a banner only follows a finished sentence.
        if before and not before.endswith(SENTENCE_ENDINGS):
            continue
        banner = line[start:]
        if len(banner) <= _COOKIE_BANNER_MAX and _COOKIE_CONSENT_RE.search(banner):
            why = "cookie banner" if not before else "cookie banner (end of a paragraph)"
            story.dropped.append((banner, why))
            return before
    return line


def _boilerplate_reason(line: str) -> str:
    """Why a whole line is web-page boilerplate, or "" when it is article text."""
    if _VIDEO_LINE_RE.match(line):
        return "video player leftover"
    if _AD_LABEL_RE.match(line):
        return "advertisement label"
    match = _READ_ALSO_RE.match(line)
    if match and len(line) <= _READ_ALSO_MAX:
        rest = line[match.end() :].strip()
        marked = match["arrow"] or match["colon"] or not rest
        # Unmarked, only a headline-like rest counts: "Lire aussi le rapport." is prose.
        if marked or (match["strong"] and not rest.endswith(".")):
            return "read-also link"
    return ""


def parse_byline(line: str) -> tuple[list[str], list[str]] | None:
    """A byline's (authors, outlets), or None when the line is not a byline.

    "Par RFI" -> ([], ["RFI"]); "Par notre correspondant à Dakar, Jean Dupont" ->
    (["Jean Dupont"], []). Every part of the line must be explained (outlet, person,
    correspondent phrase, place); otherwise it is a sentence such as "Par ailleurs, ...".
    """
    match = _BYLINE_RE.match(line)
    if not match or len(line) > _BYLINE_MAX:
        return None
    outlets_only = match["lead"].lower() in ("avec", "with")
    authors: list[str] = []
    outlets: list[str] = []
    for part in filter(None, _BYLINE_SPLIT_RE.split(match["rest"].strip())):
        if not _read_byline_part(part, authors, outlets):
            return None
    if outlets_only and authors:
        return None  # "Avec Jean Dupont" is not a credit line we know
    if not authors and not outlets and not _CORRESPONDENT_RE.match(match["rest"]):
        return None
    return authors, outlets


def _read_byline_part(part: str, authors: list[str], outlets: list[str]) -> bool:
    """Add one comma-separated part of a byline to authors/outlets; False if unexplained."""
    outlet = KNOWN_OUTLETS.get(part.casefold())
    if outlet:
        outlets.append(outlet)
        return True
    correspondent = _CORRESPONDENT_RE.match(part)
    if correspondent:
        rest = part[correspondent.end() :].strip()
        return not rest or _read_byline_part(rest, authors, outlets)
    if _PLACE_RE.match(part):
        return True  # "Jean Dupont, à Dakar": the place is not kept
    if _looks_like_name(part):
        authors.append(part)
        return True
    return False


def _looks_like_name(text: str) -> bool:
    """Two to five capitalised words, allowing particles: "Jean-Pierre de La Tour"."""
    words = text.split()
    names = [w for w in words if w.lower() not in _NAME_PARTICLES]
    if not 2 <= len(names) <= 5 or len(words) > 7:
        return False
    return all(_NAME_WORD_RE.match(word) for word in names)


def _apply_byline(story: RawStory, line: str, authors: list[str], outlets: list[str]) -> None:
    # Several bylines (e.g. "Par Jean Dupont" then "Avec AFP") add up.
    if authors:
        story.author = ", ".join(filter(None, [story.author, *authors]))
    if outlets:
        story.source = ", ".join(filter(None, [story.source, *outlets]))
    moved = [f"Author: {', '.join(authors)}"] if authors else []
    moved += [f"Source: {', '.join(outlets)}"] if outlets else []
    where = f"moved to {' and '.join(moved)}" if moved else "no name to keep"
    story.dropped.append((line, f"byline ({where})"))


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
    if len(line) >= TITLE_LINE_MAX or line.endswith(TITLE_BAD_ENDINGS):
        return None
    followed_by_blank = first + 1 < len(lines) and not lines[first + 1]
    has_body = any(lines[first + 1 :])
    return first if followed_by_blank and has_body else None


# --------------------------------------------------------------------------- sentences


def first_sentence(text: str) -> str:
    """The first sentence of a paragraph, with its final punctuation and closing quote."""
    for match in _SENTENCE_END_RE.finditer(text):
        end = match.end()
        if match.group().startswith(".") and _is_abbreviation(text[: match.start()]):
            continue
        after = text[end:]
        if not after.strip():
            return text.strip()
        # A sentence ends before a space and a capital, digit or opening quote;
        # "3.5" or "il est parti…et" do not end one.
        following = after.lstrip()[0]
        starts_sentence = following.isupper() or following.isdigit()
        if after[0].isspace() and (starts_sentence or following in _SENTENCE_START):
            return text[:end].strip()
    return text.strip()


def _is_abbreviation(before: str) -> bool:
    """Whether the word just before a "." is an abbreviation or an initial ("M.", "J.")."""
    words = before.split()
    if not words:
        return False
    word = words[-1].lstrip(_SENTENCE_START)
    return (len(word) == 1 and word.isupper()) or word.lower() in _ABBREVIATIONS


def cut_at_word(text: str, limit: int) -> str:
    """Text shortened to at most `limit` characters at a word boundary, with "…"."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if not text[limit - 1].isspace() and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-–—«“(") + "…"


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


def summarize(paragraphs: Sequence[str], limit: int) -> str:
    """The first sentence of the body, cut at a word to at most `limit` characters."""
    if not paragraphs:
        return ""
    return cut_at_word(first_sentence(paragraphs[0]), limit)


# --------------------------------------------------------------------------- slugs


def make_slug(title: str, limit: int) -> str:
    """ASCII slug of a title, like Pelican makes, cut at a word boundary."""
    slug = slugify(title, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])
    # Pelican keeps "_" (a word character); the site's slugs are a-z, 0-9 and "-" only.
    slug = re.sub(r"[^a-z0-9]+", "-", slug).strip("-")
    return cut_slug(slug, limit)


def cut_slug(slug: str, limit: int) -> str:
    """Cut a slug to `limit` characters at a hyphen, dropping a dangling function word."""
    if len(slug) <= limit:
        return slug
    words = slug.split("-")
    kept: list[str] = []
    for word in words:
        if len("-".join([*kept, word])) > limit:
            break
        kept.append(word)
    while len(kept) > 1 and kept[-1] in SLUG_TRAILING_STOPWORDS:
        kept.pop()
    return "-".join(kept) if kept else slug[:limit].rstrip("-")


def make_translation_key(story_date: str, title: str, limit: int) -> str:
    """The key shared by a story's languages: "<YYYY-MM>-<slug of title>", ≤ limit chars.

    Without a date it is just the slug; the editor adds the prefix with the date.
    """
    if not story_date:
        return make_slug(title, limit)
    prefix = story_date[:7] + "-"
    return prefix + make_slug(title, limit - len(prefix))


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
    summary_max: int,
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
        ("Summary", summarize(story.paragraphs, summary_max)),
        ("Author", story.author),
        ("Source", story.source),
        ("Source_url", source_url),
    ]
    header = "\n".join(f"{key}: {_meta_value(value)}".rstrip() for key, value in fields)
    body = "\n\n".join(escape_markdown(p) for p in story.paragraphs)
    return f"{header}\n\n{body}\n"


# --------------------------------------------------------------------------- importing


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
    force is False, or if any input is unusable.
    """
    model = model_for_content(content_dir)
    inputs = {lang: Path(path) for lang, path in (("fr", fr), ("en", en)) if path is not None}
    if not inputs:
        raise StoryImportError("no raw text given: pass the French file, the English file or both")
    report = ImportReport()
    stories = {lang: _parse_file(path, report) for lang, path in inputs.items()}
    _reconcile_dates(stories, inputs, report)
    # The key comes from the main language's version when there is one.
    key_story = next(stories[lang] for lang in (*model.codes, *stories) if lang in stories)
    translation_key = make_translation_key(key_story.date, key_story.title, model.slug_max)
    options = {
        "fr": (category_fr, tuple(tags_fr)),
        "en": (category_en, tuple(tags_en)),
    }
    planned: dict[Path, str] = {}
    for lang, story in stories.items():
        slug = _story_slug(story, inputs[lang], model.slug_max)
        folder = model.languages[lang].story_folder
        target = content_dir / folder / (story.date[:4] or "undated") / f"{slug}.md"
        category, tags = options[lang]
        planned[target] = render_story(
            story,
            lang=lang,
            slug=slug,
            translation_key=translation_key,
            category=category,
            tags=tags,
            source_url=source_url,
            summary_max=model.summary_max,
        )
    _refuse_overwrite(planned, force)
    for target, text in planned.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
        report.written.append(target)
        report.messages.append(f"wrote {_shown_path(target)}")
    return report


def _parse_file(path: Path, report: ImportReport) -> RawStory:
    """Read and parse one raw file, adding its messages to the report."""
    label = _shown_path(path)
    text = _read_text(path)
    try:
        story = parse_raw(text)
    except StoryImportError as error:
        raise StoryImportError(f"{label}: {error}") from None
    if not story.paragraphs:
        raise StoryImportError(
            f"{label}: no article text left after removing boilerplate; "
            "check that this is the right file"
        )
    for what, why in story.dropped:
        report.messages.append(f'{label}: dropped {why}: "{cut_at_word(what, SHOWN_MAX)}"')
    if story.title_proposed:
        report.messages.append(
            f"{label}: no title line: proposed the first sentence as title — check it: "
            f'"{story.title}"'
        )
    return story


def _read_text(path: Path) -> str:
    """The file as text: UTF-8 with or without BOM, universal newlines."""
    label = _shown_path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise StoryImportError(f"{label}: cannot read the file ({error.strerror})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise StoryImportError(
            f"{label}: not UTF-8 text (byte 0x{data[error.start]:02x} at position "
            f"{error.start}); save the file as UTF-8 and import it again"
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _reconcile_dates(
    stories: dict[str, RawStory], inputs: dict[str, Path], report: ImportReport
) -> None:
    """Give both languages the one story date; refuse two different dates."""
    dates = {lang: story.date for lang, story in stories.items() if story.date}
    if len(set(dates.values())) > 1:
        given = ", ".join(f"{_shown_path(inputs[lang])} says {d}" for lang, d in dates.items())
        raise StoryImportError(
            f"the two texts give different dates ({given}); one story has one date — "
            "correct the date token of the wrong file"
        )
    for lang, story in stories.items():
        label = _shown_path(inputs[lang])
        if story.date:
            continue
        if dates:
            (other_lang, story.date), *_ = dates.items()
            report.messages.append(
                f"{label}: no date token: used {story.date} from {_shown_path(inputs[other_lang])}"
            )
        else:
            report.messages.append(
                f"{label}: WARNING: no date token ('date YYYY-MM' at the start of the text): "
                "Date left empty, Translation_key has no date prefix and the file goes to an "
                "'undated' folder; fill in Date, prefix Translation_key with YYYY-MM- and move "
                "the file to its year folder — the story checker refuses undated stories"
            )


def _story_slug(story: RawStory, path: Path, limit: int) -> str:
    slug = make_slug(story.title, limit)
    if not slug:
        raise StoryImportError(
            f"{_shown_path(path)}: cannot make a URL slug from the title {story.title!r}; "
            "put a headline on the first line, followed by a blank line"
        )
    return slug


def _refuse_overwrite(planned: dict[Path, str], force: bool) -> None:
    """Refuse before writing anything, so a refused import leaves no half-written story."""
    existing = [path for path in planned if path.exists()]
    if existing and not force:
        names = ", ".join(_shown_path(path) for path in existing)
        raise StoryImportError(
            f"{names} already exists; nothing was written — pass --force to overwrite"
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

    parser = argparse.ArgumentParser(
        prog="briefing-import", description="Turn raw scraped text into story files."
    )
    parser.add_argument("--fr", type=Path, help="raw French text file")
    parser.add_argument("--en", type=Path, help="raw English text file")
    parser.add_argument("--content", type=Path, default=Path("content"))
    parser.add_argument("--force", action="store_true", help="overwrite existing story files")
    parser.add_argument("--category-fr", default="", help="French category label")
    parser.add_argument("--category-en", default="", help="English category label")
    parser.add_argument("--tags-fr", default="", help="French tags, comma separated")
    parser.add_argument("--tags-en", default="", help="English tags, comma separated")
    parser.add_argument("--source-url", default="", help="address of the original article")
    args = parser.parse_args(argv)
    if not args.fr and not args.en:
        print("import: give --fr FILE, --en FILE or both", file=sys.stderr)
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
