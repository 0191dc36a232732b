"""Story checker: reads every story and page in content/ and reports every problem at once.

The build stops at the first wrong story, with a Python traceback around the message; the
checker reads everything first and prints one line per problem, for editors who are not
programmers:

    content/fr/2022/x.md:2: Date: "17/03/2022" is not a valid date — write it as …

Each line names the file, the line, the field, what is wrong and exactly what to write.
Warnings (a draft, raw HTML shown as text, a translation older than its original) do not
stop publishing; errors do. `python -m briefing.checker content` runs it from a shell and
exits with 1 when there is an error (`invoke check` does the same).

It also checks what no single file shows: two stories with one slug or key, a story and
its translation that disagree on the date or category, links to files or stories that do
not exist, and translations made from an older version of their original (see
`content_hash`).
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import posixpath
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date as Date
from datetime import datetime
from pathlib import Path
from typing import Literal
from urllib.parse import unquote, urlparse

from briefing.addresses import SAFE_SCHEMES, SLUG_RE, link_scheme
from briefing.dates import DATE_FORMATS_HELP, Precision, parse_story_date
from briefing.importer import cut_slug, make_slug
from briefing.taxonomy import Taxonomy, TaxonomyError, load_taxonomy

Severity = Literal["error", "warning"]
Kind = Literal["story", "page"]

LANGS = ("fr", "en")
LANG_NAMES = {"fr": "French", "en": "English"}
TAXONOMY_FILE = "taxonomy.toml"
STORY_EXTENSIONS = (".md", ".markdown")  # the ones the story reader handles

# Every field a story may have, spelled as editors write them (keys are case-insensitive).
KNOWN_FIELDS = (
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
)
PAGE_FIELDS = ("Title", "Lang", "Slug", "Translation_key", "Summary", "Status", "Translated_from")
REQUIRED = {
    "story": ("Title", "Date", "Lang", "Slug", "Translation_key", "Category", "Summary"),
    "page": ("Title", "Lang", "Slug", "Translation_key"),
}
STATUSES = {"story": ("published", "draft"), "page": ("published", "draft", "hidden")}

SLUG_MAX = 80
SUMMARY_MAX = 300
SHOWN_MAX = 60  # how much of a long value a message quotes
# A page's address is "<slug>/" at the root of its language; these belong to the site
# itself (see pelicanconf.py), and a four-digit slug would sit among the year folders.
RESERVED_PAGE_SLUGS = {
    "fr": {"archives", "categorie", "categories", "en", "feeds", "images", "page"}
    | {"recherche", "sujet", "sujets", "theme"},
    "en": {"archives", "categories", "category", "feeds", "page", "search", "tag", "tags"}
    | {"theme"},
}
YEAR_SLUG_RE = re.compile(r"^\d{4}$")

# Left in place by the editor tools (briefing.new_story) until a person writes the text.
MARKERS = {"TO TRANSLATE": "translating", "TO WRITE": "writing"}
SLUG_MARKER = "to-translate"  # how the slug of a new translation starts
FINGERPRINT_RE = re.compile(r"^[0-9a-f]{12}$")

# Python-Markdown's meta extension, which Pelican uses: "Key: value" lines up to the first
# blank line; lines indented by 4 spaces or more continue the previous value.
META_RE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
META_MORE_RE = re.compile(r"^[ ]{4,}(?P<value>.*)")
BEGIN_RE = re.compile(r"^-{3}(\s.*)?")
END_RE = re.compile(r"^(-{3}|\.{3})(\s.*)?")
BOM = b"\xef\xbb\xbf"

# Raw HTML in a story is escaped by the story reader and shown as text; these tags or
# attributes mean someone tried to run or embed something, which is always a mistake.
DANGEROUS_TAG_RE = re.compile(r"script|iframe|object|embed|style", re.I)
# An opening tag or a comment; "<https://…>" and "<name@example.org>" are Markdown links.
TAG_RE = re.compile(r"<(?P<name>!--|[a-z][a-z0-9-]*(?=[\s/>]|$))[^>]*>?", re.I)
EVENT_ATTRIBUTE_RE = re.compile(r"\bon[a-z]+\s*=", re.I)
# A link's address may hold balanced parentheses: [x](https://…/Foo_(bar)).
INLINE_LINK_RE = re.compile(r"\]\(\s*<?(?P<target>(?:[^()\s>]|\([^()\s]*\))*)")
REFERENCE_LINK_RE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(?P<target>[^\s>]+)")
CODE_SCHEMES = ("javascript", "data", "vbscript")
INTERNAL_LINK_RE = re.compile(r"^\{(?P<what>filename|static|attach)\}(?P<path>.*)$")
# Stories live at /YYYY/MM/<slug>/ (French) and /en/YYYY/MM/<slug>/ (English).
SITE_STORY_LINK_RE = re.compile(
    r"^/(?:(?P<lang>en)/)?(?P<year>\d{4})/(?P<month>\d{2})/(?P<slug>[^/?#]+)/?(?:[?#].*)?$"
)


# --------------------------------------------------------------------------- problems


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one file, with how to fix it."""

    path: str  # relative to content's parent, e.g. "content/fr/2022/x.md"
    line: int  # 1-based; 1 for problems with the whole file
    field: str  # "Date", "Slug", "body", "file" …
    message: str  # what is wrong
    fix: str  # what to do about it
    severity: Severity = "error"

    def __str__(self) -> str:
        level = "warning: " if self.severity == "warning" else ""
        return f"{self.path}:{self.line}: {level}{self.field}: {self.message} — {self.fix}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


def format_report(problems: Sequence[Problem]) -> str:
    """One line per problem, then a line counting them; nothing at all when all is well."""
    if not problems:
        return ""
    return "\n".join([*(str(problem) for problem in problems), _summary(problems)])


def _summary(problems: Sequence[Problem]) -> str:
    errors = sum(problem.is_error for problem in problems)
    warnings = len(problems) - errors
    if not errors:
        return f"No errors; {_count(warnings, 'warning')} to read: they do not stop publishing."
    return (
        f"{_count(errors, 'error')} and {_count(warnings, 'warning')}: "
        "fix every error, then run the check again."
    )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def exit_code(problems: Iterable[Problem]) -> int:
    """1 when any problem is an error (the site must not be published), else 0."""
    return 1 if any(problem.is_error for problem in problems) else 0


# --------------------------------------------------------------------------- reading


@dataclass
class Field:
    """One metadata line (with its continuation lines) as written in the file."""

    name: str  # as written, e.g. "tilte"
    value: str
    line: int


@dataclass
class Document:
    """A story or page file as the checker reads it."""

    path: Path
    shown: str  # the path in messages
    kind: Kind
    folder_lang: str  # the language of the folder it is in
    fields: list[Field] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    body_start: int = 1  # line number of body[0]
    problems: list[Problem] = field(default_factory=list)

    def get(self, name: str) -> Field | None:
        """The first field called `name`, whatever its case."""
        wanted = name.lower()
        return next((f for f in self.fields if f.name.lower() == wanted), None)

    def value(self, name: str) -> str:
        found = self.get(name)
        return found.value if found else ""

    def line(self, name: str) -> int:
        found = self.get(name)
        return found.line if found else 1

    def problem(self, name: str, message: str, fix: str, severity: Severity = "error") -> None:
        """Record a problem on the line of field `name` (1 if the field is missing)."""
        self.add(self.line(name), name, message, fix, severity)

    def add(
        self, line: int, name: str, message: str, fix: str, severity: Severity = "error"
    ) -> None:
        self.problems.append(Problem(self.shown, line, name, message, fix, severity))

    @property
    def word(self) -> str:
        return "page" if self.kind == "page" else "story"

    @property
    def lang_name(self) -> str:
        return LANG_NAMES[self.folder_lang]


def read_document(
    path: Path, shown: str = "", kind: Kind = "story", folder_lang: str = "fr"
) -> Document:
    """Read a file's metadata and body, noting encoding problems but never giving up."""
    doc = Document(path=path, shown=shown or path.as_posix(), kind=kind, folder_lang=folder_lang)
    data = path.read_bytes()
    offset = 0
    if data.startswith(BOM):
        # Pelican ignores it, but other tools show it as stray characters or break on it.
        doc.add(
            1,
            "file",
            "the file starts with an invisible byte-order mark (BOM)",
            'save it as "UTF-8" without BOM (in your editor: Save with Encoding, UTF-8)',
        )
        data, offset = data[len(BOM) :], len(BOM)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        doc.add(
            data[: error.start].count(b"\n") + 1,
            "file",
            f"not valid UTF-8 text: byte 0x{data[error.start]:02x} at offset "
            f"{error.start + offset} cannot be read",
            "save the file with the UTF-8 encoding and check its accented letters",
        )
        text = data.decode("utf-8", errors="replace")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    doc.fields, body_index = parse_metadata(lines)
    doc.body = lines[body_index:]
    doc.body_start = body_index + 1
    return doc


def parse_metadata(lines: Sequence[str]) -> tuple[list[Field], int]:
    """The metadata fields and the index of the first body line, as Python-Markdown reads them."""
    fields: list[Field] = []
    index = 1 if lines and BEGIN_RE.match(lines[0]) else 0
    current: Field | None = None
    while index < len(lines):
        line = lines[index].expandtabs(4)  # Python-Markdown expands tabs first
        if not line.strip() or END_RE.match(line):
            return fields, index + 1
        match = META_RE.match(line)
        more = META_MORE_RE.match(line)
        if match:
            current = Field(match["key"], match["value"].strip(), index + 1)
            fields.append(current)
        elif more and current is not None:
            current.value = f"{current.value} {more['value'].strip()}".strip()
        else:
            return fields, index  # the text starts without a blank line
        index += 1
    return fields, index


def content_hash(path: Path) -> str:
    """The fingerprint of a story's text: what its translation is made from.

    The first 12 hex digits of the SHA-256 of Title, Summary and body (lines without
    trailing spaces, no blank lines around it). Other metadata is left out, so changing
    tags or fixing a date does not make the translations stale.
    """
    return _document_hash(read_document(path))


def _document_hash(doc: Document) -> str:
    body = "\n".join(line.rstrip() for line in doc.body).strip("\n")
    text = f"{doc.value('Title')}\n{doc.value('Summary')}\n{body}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


# --------------------------------------------------------------------------- the whole folder


def check_content(content: Path, *, today: Date | None = None) -> list[Problem]:
    """Every problem in every file of `content`, sorted by file and line."""
    content = content.resolve()
    today = today or Date.today()
    problems: list[Problem] = []
    taxonomy = _load_taxonomy(content, problems)
    documents: list[Document] = []
    for path in sorted(p for p in content.rglob("*") if p.is_file()):
        doc = _classify(content, path, problems)
        if doc is not None:
            documents.append(doc)
    for doc in documents:
        _check_document(doc, content, taxonomy, today)
    _check_across(documents, taxonomy)
    problems.extend(problem for doc in documents for problem in doc.problems)
    return sorted(problems, key=lambda problem: (problem.path, problem.line))


def check_file(
    path: Path,
    content: Path,
    *,
    taxonomy: Taxonomy | None = None,
    today: Date | None = None,
) -> list[Problem]:
    """The problems of one story or page seen alone (no duplicates, pairs or site links).

    Without `taxonomy`, content/taxonomy.toml is read (its own problems are not reported).
    """
    content = content.resolve()
    path = path.resolve()
    problems: list[Problem] = []
    if taxonomy is None:
        taxonomy = _load_taxonomy(content, [])
    doc = _classify(content, path, problems)
    if doc is not None:
        _check_document(doc, content, taxonomy, today or Date.today())
        problems.extend(doc.problems)
    return sorted(problems, key=lambda problem: (problem.path, problem.line))


def _shown(content: Path, path: Path) -> str:
    return path.relative_to(content.parent).as_posix()


def _classify(content: Path, path: Path, problems: list[Problem]) -> Document | None:
    """The document a file is, or None after noting why Pelican will not use it."""
    parts = path.relative_to(content).parts
    shown = _shown(content, path)
    if parts == (TAXONOMY_FILE,) or parts[0] == "images" or any(p.startswith(".") for p in parts):
        return None
    if parts[0] in LANGS and len(parts) > 1:
        kind: Kind = "story"
        folder_lang = parts[0]
    elif parts[0] == "pages" and len(parts) > 2 and parts[1] in LANGS:
        kind, folder_lang = "page", parts[1]
    else:
        where = "content/fr/ or content/en/"
        if parts[0] == "pages":
            where = "content/pages/fr/ or content/pages/en/"
        problems.append(
            Problem(
                shown,
                1,
                "file",
                "Pelican will not publish this file",
                f"move it to {where}, or delete it",
            )
        )
        return None
    if path.suffix.lower() not in STORY_EXTENSIONS:
        # Pelican would read .html, .rst or .mkd files with its own readers, without the
        # site's protections, and ignore anything else.
        problems.append(
            Problem(
                shown,
                1,
                "file",
                f"only .md files are read as {'pages' if kind == 'page' else 'stories'}",
                "write it in Markdown in a file ending in .md, or move it out of content/",
            )
        )
        return None
    return read_document(path, shown, kind, folder_lang)


def _load_taxonomy(content: Path, problems: list[Problem]) -> Taxonomy | None:
    path = content / TAXONOMY_FILE
    try:
        return load_taxonomy(path)
    except TaxonomyError as error:
        problems.extend(_taxonomy_problems(path, _shown(content, path), str(error)))
        return None


def _taxonomy_problems(path: Path, shown: str, report: str) -> list[Problem]:
    """The taxonomy library's report ("<path>: <where>: <what> — <fix>" lines) as problems."""
    try:
        source = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        source = []
    problems = []
    for entry in report.splitlines():
        text = entry.removeprefix(f"{path}: ")
        head, _, fix = text.partition(" — ")
        where, separator, message = head.partition(": ")
        if not separator or " " in where:
            where, message = "file", head
        problems.append(
            Problem(shown, _taxonomy_line(text, where, source), where, message, fix or "fix it")
        )
    return problems


def _taxonomy_line(text: str, where: str, source: Sequence[str]) -> int:
    """The line a taxonomy problem is about: TOML's own, or its [kind.key] table."""
    toml_line = re.search(r"at line (\d+)", text)
    if toml_line:
        return int(toml_line[1])
    table = ".".join(where.split(".")[:2])
    for number, line in enumerate(source, start=1):
        if re.match(rf"^\s*\[\s*{re.escape(table)}\s*[\].]", line):
            return number
    return 1


# --------------------------------------------------------------------------- one file


def _check_document(doc: Document, content: Path, taxonomy: Taxonomy | None, today: Date) -> None:
    suggested = _check_field_names(doc)
    _check_required(doc, taxonomy, suggested)
    _check_date(doc, today)
    _check_status(doc)
    _check_lang(doc)
    _check_slug(doc)
    _check_summary(doc)
    _check_source_url(doc)
    if taxonomy is not None and doc.kind == "story":
        _check_terms(doc, taxonomy)
    _check_markers(doc)
    _check_body(doc, content)
    _check_fingerprint(doc)


def _check_field_names(doc: Document) -> set[str]:
    """Unknown and repeated fields; returns the fields that misspellings stand for."""
    allowed = KNOWN_FIELDS if doc.kind == "story" else PAGE_FIELDS
    by_lower = {name.lower(): name for name in allowed}
    seen: dict[str, Field] = {}
    suggested: set[str] = set()
    for item in doc.fields:
        key = item.name.lower()
        if key in by_lower:
            first = seen.setdefault(key, item)
            if first is not item:
                doc.add(
                    item.line,
                    item.name,
                    f"given twice (first on line {first.line})",
                    f'keep one "{by_lower[key]}:" line and delete the other',
                )
        elif key in (name.lower() for name in KNOWN_FIELDS):
            doc.add(item.line, item.name, f"a page has no {item.name}", "remove this line")
        else:
            guess = difflib.get_close_matches(key, list(by_lower), n=1, cutoff=0.6)
            if guess:
                right = by_lower[guess[0]]
                suggested.add(right)
                doc.add(
                    item.line,
                    item.name,
                    f"unknown field, probably a misspelling of {right}",
                    f'write "{right}:" instead of "{item.name}:"',
                )
            else:
                doc.add(
                    item.line,
                    item.name,
                    "unknown field",
                    f"a {doc.word} can only have {', '.join(allowed)}; remove this line, "
                    "or, if it is part of the text, leave a blank line before it",
                )
    return suggested


def _check_required(doc: Document, taxonomy: Taxonomy | None, suggested: set[str]) -> None:
    for name in REQUIRED[doc.kind]:
        found = doc.get(name)
        what = _what_to_write(doc, name, taxonomy)
        if found is None and name not in suggested:
            doc.add(
                1,
                name,
                "missing",
                f'add a line "{name}:" to the fields at the top, followed by {what}',
            )
        elif found is not None and not found.value:
            doc.add(found.line, name, "empty", f'after "{name}:", write {what}')


def _what_to_write(doc: Document, name: str, taxonomy: Taxonomy | None) -> str:
    """What goes after "Name:" in a missing or empty required field."""
    if name == "Title":
        return "the headline"
    if name == "Date":
        return "the date, e.g. 2022-03-17 (or 2022-03 when only the month is known)"
    if name == "Lang":
        return f"{doc.folder_lang}, the language of the folder the file is in"
    if name == "Slug":
        example = _slug_from_title(doc) or "visit-to-paris"
        return f"the words of its address, in lowercase with hyphens, e.g. {example}"
    if name == "Translation_key":
        return f"the key it shares with its translation, e.g. {_key_example(doc)}"
    if name == "Category":
        if taxonomy is None:
            return f"a category of content/{TAXONOMY_FILE}"
        return "one of: " + ", ".join(taxonomy.labels("categories", doc.folder_lang))
    return "one or two sentences, shown in lists and feeds"


def _key_example(doc: Document) -> str:
    slug = doc.value("Slug") or _slug_from_title(doc) or "visit-to-paris"
    parsed = _parsed_date(doc)
    if doc.kind == "page":
        return slug
    return f"{parsed[0]:%Y-%m}-{slug}" if parsed else f"2022-03-{slug}"


def _slug_from_title(doc: Document) -> str:
    title = doc.value("Title")
    if not title or any(marker in title for marker in MARKERS):
        return ""
    return make_slug(title)


def _parsed_date(doc: Document) -> tuple[datetime, Precision] | None:
    try:
        return parse_story_date(doc.value("Date"))
    except ValueError:
        return None


def _check_date(doc: Document, today: Date) -> None:
    value = doc.value("Date")
    if not value or doc.kind == "page":
        return
    parsed = _parsed_date(doc)
    if parsed is None:
        doc.problem(
            "Date",
            f'"{value}" is not a valid date',
            f"write it as {DATE_FORMATS_HELP}, e.g. 2022-03-17, with a real month and day",
        )
        return
    moment, precision = parsed
    if precision == "month":
        future = (moment.year, moment.month) > (today.year, today.month)
    else:
        future = moment.date() > today
    if future and doc.value("Status").lower() != "draft":
        doc.problem(
            "Date",
            f'"{value}" is in the future (today is {today.isoformat()})',
            'correct the date, or add "Status: draft" to keep the story unpublished for now',
        )


def _check_status(doc: Document) -> None:
    status = doc.get("Status")
    if status is None or not status.value:
        return
    # Pelican reads the status in any case: "Draft" is a draft.
    value = status.value.lower()
    if value not in STATUSES[doc.kind]:
        doc.problem(
            "Status",
            f'"{status.value}" is not a status',
            f'write "Status: published" to publish the {doc.word}, or "Status: draft" '
            "to keep it unpublished",
        )
    elif value == "draft":
        doc.problem(
            "Status",
            f"this {doc.word} is a draft: it will not be published",
            'when it is ready, change the line to "Status: published"',
            "warning",
        )


def _check_lang(doc: Document) -> None:
    value = doc.value("Lang")
    if not value:
        return
    folder = doc.shown.rsplit("/", 1)[0].split("/")
    folder_name = "/".join(folder[: 3 if doc.kind == "page" else 2]) + "/"
    if value not in LANGS:
        doc.problem(
            "Lang",
            f'"{value}" is not a language of this site (only fr and en)',
            f'write "Lang: {doc.folder_lang}", the language of the folder {folder_name}',
        )
    elif value != doc.folder_lang:
        other = folder_name.replace(f"/{doc.folder_lang}/", f"/{value}/")
        doc.problem(
            "Lang",
            f'"{value}" does not match the folder the file is in, {folder_name}',
            f'write "Lang: {doc.folder_lang}" if the {doc.word} is in {doc.lang_name}, '
            f"or move the file to {other}",
        )


def _check_slug(doc: Document) -> None:
    slug = doc.value("Slug")
    if not slug:
        return
    if slug.lower().startswith(SLUG_MARKER):
        suggestion = _slug_from_title(doc)
        doc.problem(
            "Slug",
            f'"{_shorten(slug)}" still needs translating',
            f'write "Slug: {suggestion}" or other words of the translated title'
            if suggestion
            else "once the title is translated, write its words in lowercase, with hyphens",
        )
    elif not SLUG_RE.match(slug):
        suggestion = make_slug(slug) or _slug_from_title(doc) or "words-of-the-title"
        doc.problem(
            "Slug",
            f'"{_shorten(slug)}" is not a valid address: use only lowercase letters a-z, '
            "digits and hyphens",
            f'write e.g. "Slug: {suggestion}"',
        )
    elif len(slug) > SLUG_MAX:
        doc.problem(
            "Slug",
            f"{len(slug)} characters long; the limit is {SLUG_MAX}",
            f'shorten it, e.g. "Slug: {cut_slug(slug)}"',
        )
    elif doc.kind == "page" and (
        slug in RESERVED_PAGE_SLUGS[doc.folder_lang] or YEAR_SLUG_RE.match(slug)
    ):
        doc.problem(
            "Slug",
            f'"{slug}" is already the address of a part of the site',
            "choose another slug for this page",
        )


def _check_summary(doc: Document) -> None:
    summary = doc.value("Summary")
    if len(summary) > SUMMARY_MAX:
        doc.problem(
            "Summary",
            f"{len(summary)} characters long; the limit is {SUMMARY_MAX}",
            "shorten it to one or two sentences",
        )


def _check_source_url(doc: Document) -> None:
    value = doc.value("Source_url")
    if not value:
        return
    parsed = urlparse(value)
    if parsed.scheme not in ("http", "https") or not parsed.netloc or " " in value:
        doc.problem(
            "Source_url",
            f'"{_shorten(value)}" is not a web address',
            "write the full address, starting with https:// (copy it from the browser), "
            "or leave Source_url empty",
        )


def _check_terms(doc: Document, taxonomy: Taxonomy) -> None:
    category = doc.value("Category")
    if category:
        _check_term(doc, taxonomy, "categories", "Category", category)
    for tag in _tags(doc):
        _check_term(doc, taxonomy, "tags", "Tags", tag)


def _tags(doc: Document) -> list[str]:
    return [tag.strip() for tag in doc.value("Tags").split(",") if tag.strip()]


def _check_term(doc: Document, taxonomy: Taxonomy, kind: str, name: str, value: str) -> None:
    lang = doc.folder_lang
    if taxonomy.find(kind, lang, value) is not None:
        return
    what = "category" if kind == "categories" else "tag"
    other = next((o for o in LANGS if o != lang), lang)
    translated = taxonomy.find(kind, other, value)
    if translated is not None:
        right = translated.labels[lang]
        fix = f'write "{right}" instead: {_a(doc.lang_name)} story uses {doc.lang_name} names'
        doc.problem(name, f'"{value}" is the {LANG_NAMES[other]} name of a {what}', fix)
        return
    labels = ", ".join(taxonomy.labels(kind, lang)) or "none yet"
    doc.problem(
        name,
        f'"{value}" is not a {doc.lang_name} {what} of content/{TAXONOMY_FILE}',
        f"use one of: {labels}; or add the new {what} to content/{TAXONOMY_FILE} first",
    )


def _check_markers(doc: Document) -> None:
    """Text the editor tools left for a person to write or translate."""
    for name in ("Title", "Summary"):
        marker = _marker_in(doc.value(name))
        if marker:
            doc.problem(name, *_marker_texts(doc, marker))
    for number, line in _body_lines(doc):
        marker = _marker_in(line)
        if marker:
            doc.add(number, "body", *_marker_texts(doc, marker))


def _marker_in(text: str) -> str:
    return next((marker for marker in MARKERS if marker in text), "")


def _marker_texts(doc: Document, marker: str) -> tuple[str, str]:
    message = f'still marked "{marker}": this text still needs {MARKERS[marker]}'
    if marker == "TO TRANSLATE":
        return message, f'replace it with the {doc.lang_name} text and delete "{marker}:"'
    return message, f'write the text in its place and delete "{marker}:"'


def _body_lines(doc: Document) -> Iterable[tuple[int, str]]:
    return enumerate(doc.body, start=doc.body_start)


def _check_body(doc: Document, content: Path) -> None:
    if doc.kind == "story" and not any(line.strip() for line in doc.body):
        doc.add(1, "body", "the story has no text", "write it below the fields, after a blank line")
    for number, line in _body_lines(doc):
        _check_html(doc, number, line)
        for target in _link_targets(line):
            _check_link_scheme(doc, number, target)
            _check_internal_link(doc, number, target, content)


def _check_html(doc: Document, number: int, line: str) -> None:
    for tag in TAG_RE.finditer(line):
        name = tag["name"].lower()
        dangerous = DANGEROUS_TAG_RE.fullmatch(name) is not None
        if dangerous:
            doc.add(
                number,
                "body",
                f"raw <{name}> tag: a story cannot run or embed code",
                "remove it; to show a video or a post, link to it: [text](https://…)",
            )
        events = EVENT_ATTRIBUTE_RE.findall(tag.group())
        for event in events:
            attribute = event.rstrip("= ").lower()
            doc.add(
                number,
                "body",
                f'"{attribute}=" attribute in raw HTML: a story cannot run code',
                "remove the HTML and write Markdown instead",
            )
        if not dangerous and not events:
            shown = "<!-- -->" if name == "!--" else f"<{name}>"
            doc.add(
                number,
                "body",
                f"raw HTML {shown} is shown as text, not markup",
                "write Markdown instead: **bold**, *italic*, [text](https://…), "
                "![description](image address)",
                "warning",
            )


def _link_targets(line: str) -> list[str]:
    targets = [match["target"] for match in INLINE_LINK_RE.finditer(line)]
    reference = REFERENCE_LINK_RE.match(line)
    if reference:
        targets.append(reference["target"])
    return targets


def _check_link_scheme(doc: Document, number: int, target: str) -> None:
    # Browsers decode entities and drop spaces and control characters before reading
    # the scheme, so "jav&#x61;script:" is still javascript.
    scheme = link_scheme(target)
    if scheme is None or scheme in SAFE_SCHEMES:
        return
    if scheme in CODE_SCHEMES:
        why = "it could run code or hide content"
    else:
        why = "the site links only to web pages"
    doc.add(
        number,
        "body",
        f'the link address "{_shorten(target)}" is not allowed: {why}',
        "use an http:// or https:// address, or {filename}… for a file of this site",
    )


def _check_internal_link(doc: Document, number: int, target: str, content: Path) -> None:
    """{filename}, {static} and {attach} links, resolved as Pelican resolves them."""
    match = INTERNAL_LINK_RE.match(target)
    if match is None:
        return
    path = unquote(re.split(r"[?#]", match["path"], maxsplit=1)[0])
    base = content if path.startswith("/") else doc.path.parent
    resolved = Path(posixpath.normpath((base / path.lstrip("/")).as_posix()))
    folder = _shown(content, doc.path.parent) + "/"
    if not resolved.is_file() or not resolved.is_relative_to(content):
        name = posixpath.basename(path.rstrip("/"))
        same_name = sorted(p for p in content.rglob(name) if p.is_file()) if name else []
        fix = (
            f"write {{{match['what']}}}/{same_name[0].relative_to(content).as_posix()}"
            if same_name
            else f'correct the path: after {{{match["what"]}}}, a path starting with "/" '
            f"starts in content/, any other path in this file's folder, {folder}"
        )
        doc.add(
            number,
            "body",
            f'the link "{_shorten(target)}" leads to no file '
            f"({_shown(content, resolved) if resolved.is_relative_to(content) else path})",
            fix,
        )
        return
    target_lang = _folder_lang(content, resolved)
    if target_lang is not None and target_lang != doc.folder_lang:
        # Each language is built on its own, so Pelican cannot find the other's files.
        other = LANG_NAMES[target_lang]
        address = _address(read_document(resolved, kind=_kind_of(content, resolved)), target_lang)
        doc.add(
            number,
            "body",
            f'the link "{_shorten(target)}" leads to {_a(other)} file, and {_a(doc.lang_name)} '
            f"{doc.word} can only link this way to {doc.lang_name} files",
            f"link to its {doc.lang_name} version, or write the {other} address instead: "
            f"[text]({address or '/en/2022/03/its-slug/'})",
        )


def _a(word: str) -> str:
    return f"{'an' if word[0] in 'AEIOUaeiou' else 'a'} {word}"


def _kind_of(content: Path, path: Path) -> Kind:
    return "page" if path.relative_to(content).parts[0] == "pages" else "story"


def _address(doc: Document, lang: str) -> str:
    """The site path of a story or page, e.g. /en/2022/03/slug/, or "" if unknown."""
    slug = doc.value("Slug")
    if not slug:
        return ""
    prefix = "/en/" if lang == "en" else "/"
    if doc.kind == "page":
        return f"{prefix}{slug}/"
    story = _story_address(doc)
    return f"{prefix}{story}" if story else ""


def _folder_lang(content: Path, path: Path) -> str | None:
    """The language whose run publishes a Markdown file, or None for other files."""
    if path.suffix.lower() not in STORY_EXTENSIONS:
        return None
    parts = path.relative_to(content).parts
    if parts[0] in LANGS:
        return parts[0]
    if parts[0] == "pages" and len(parts) > 2 and parts[1] in LANGS:
        return parts[1]
    return None


def _check_fingerprint(doc: Document) -> None:
    value = doc.value("Translated_from")
    if value and not FINGERPRINT_RE.match(value):
        doc.problem(
            "Translated_from",
            f'"{_shorten(value)}" is not a fingerprint made by "invoke new --translate"',
            "write the 12 letters and digits given for the original when the translation "
            "was made, or remove this line",
        )


def _shorten(text: str) -> str:
    return text if len(text) <= SHOWN_MAX else text[: SHOWN_MAX - 1] + "…"


# --------------------------------------------------------------------------- across files


def _check_across(documents: Sequence[Document], taxonomy: Taxonomy | None) -> None:
    for kind in ("story", "page"):
        docs = [doc for doc in documents if doc.kind == kind]
        for lang in LANGS:
            in_lang = [doc for doc in docs if doc.folder_lang == lang]
            _check_unique(in_lang, "Slug")
            _check_unique(in_lang, "Translation_key")
        _check_translations(docs, taxonomy)
    stories = [doc for doc in documents if doc.kind == "story"]
    for doc in documents:
        _check_site_links(doc, stories)


def _check_unique(documents: Sequence[Document], name: str) -> None:
    """Report a value shared by several documents on each of them, naming the others."""
    groups: dict[str, list[Document]] = defaultdict(list)
    for doc in documents:
        if doc.value(name):
            groups[doc.value(name)].append(doc)
    for value, group in groups.items():
        for doc in group if len(group) > 1 else ():
            others = ", ".join(other.shown for other in group if other is not doc)
            fix = f"give each {doc.lang_name} {doc.word} its own {name}"
            if name == "Translation_key":
                fix += f"; only a {doc.word} and its translation share one"
            doc.problem(name, f'"{_shorten(value)}" is also the {name} of {others}', fix)


def _check_translations(docs: Sequence[Document], taxonomy: Taxonomy | None) -> None:
    pairs: dict[str, dict[str, list[Document]]] = defaultdict(lambda: defaultdict(list))
    for doc in docs:
        key = doc.value("Translation_key")
        if key:
            pairs[key][doc.folder_lang].append(doc)
    for key, by_lang in pairs.items():
        french, english = by_lang.get("fr", []), by_lang.get("en", [])
        if len(french) == 1 and len(english) == 1:
            _check_pair(french[0], english[0], taxonomy)
        elif len(french) + len(english) == 1:
            (doc,) = french or english
            _check_lonely_translation(doc, key)


def _check_lonely_translation(doc: Document, key: str) -> None:
    if not doc.value("Translated_from"):
        return
    other = LANG_NAMES["en" if doc.folder_lang == "fr" else "fr"]
    doc.problem(
        "Translated_from",
        f'there is no {other} {doc.word} with Translation_key "{key}" to be translated from',
        f"remove this line, or correct Translation_key to the key of the {other} original",
    )


def _check_pair(french: Document, english: Document, taxonomy: Taxonomy | None) -> None:
    """A story and its translation: same date and category, translation up to date."""
    marked = [doc for doc in (french, english) if doc.value("Translated_from")]
    if len(marked) == 2:
        english.problem(
            "Translated_from",
            f"its French version {french.shown} has Translated_from too; "
            "only the translation can have it",
            "remove the line from the original",
        )
    translation = marked[0] if len(marked) == 1 else english
    original = french if translation is english else english
    _check_same_date(translation, original)
    if taxonomy is not None and translation.kind == "story":
        _check_same_category(translation, original, taxonomy)
    if len(marked) == 1:
        _check_stale(translation, original)


def _check_same_date(translation: Document, original: Document) -> None:
    mine, theirs = _parsed_date(translation), _parsed_date(original)
    if mine is None or theirs is None or mine == theirs:
        return
    translation.problem(
        "Date",
        f'"{translation.value("Date")}" differs from the date of its {original.lang_name} '
        f'version {original.shown} ("{original.value("Date")}")',
        f'use the same date in both languages: "Date: {original.value("Date")}"',
    )


def _check_same_category(translation: Document, original: Document, taxonomy: Taxonomy) -> None:
    mine = taxonomy.find("categories", translation.folder_lang, translation.value("Category"))
    theirs = taxonomy.find("categories", original.folder_lang, original.value("Category"))
    if mine is None or theirs is None or mine.key == theirs.key:
        return
    translation.problem(
        "Category",
        f'"{translation.value("Category")}" is not the category of its {original.lang_name} '
        f'version {original.shown} ("{original.value("Category")}")',
        "use the same category in both languages: "
        f'"Category: {theirs.labels[translation.folder_lang]}"',
    )


def _check_stale(translation: Document, original: Document) -> None:
    recorded = translation.value("Translated_from")
    current = _document_hash(original)
    if not FINGERPRINT_RE.match(recorded) or recorded == current:
        return
    translation.problem(
        "Translated_from",
        f"the {original.lang_name} original {original.shown} has changed since this "
        "translation was made",
        f"update the translation, then set Translated_from: {current}",
        "warning",
    )


def _check_site_links(doc: Document, stories: Sequence[Document]) -> None:
    """Links written as a story's address, /YYYY/MM/slug/ or /en/YYYY/MM/slug/."""
    for number, line in _body_lines(doc):
        for target in _link_targets(line):
            match = SITE_STORY_LINK_RE.match(target)
            if match is None:
                continue
            lang = match["lang"] or "fr"
            candidates = [
                story
                for story in stories
                if story.folder_lang == lang and story.value("Slug") == match["slug"]
            ]
            dated = [_story_address(story) for story in candidates]
            wanted = f"{match['year']}/{match['month']}/{match['slug']}/"
            if wanted in dated:
                continue
            prefix = "/en/" if lang == "en" else "/"
            fix = (
                f"{candidates[0].shown} has this slug but another date: write {prefix}{dated[0]}"
                if candidates and dated[0]
                else "check the address (/year/month/slug/ of the story), or link to a "
                f"{LANG_NAMES[lang]} story with {{filename}}/{lang}/…"
            )
            doc.add(
                number,
                "body",
                f'the link "{_shorten(target)}" leads to no {LANG_NAMES[lang]} story',
                fix,
            )


def _story_address(story: Document) -> str:
    parsed = _parsed_date(story)
    if parsed is None:
        return ""
    return f"{parsed[0]:%Y/%m}/{story.value('Slug')}/"


# --------------------------------------------------------------------------- command line


def _date_argument(value: str) -> Date:
    try:
        return Date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date: write YYYY-MM-DD") from None


def main(argv: Sequence[str] | None = None) -> int:
    """Check a content folder, print the report, return the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m briefing.checker",
        description="Check every story and page; print one line per problem.",
    )
    parser.add_argument("content", type=Path, nargs="?", default=Path("content"))
    parser.add_argument("--today", type=_date_argument, help="check dates against this day")
    args = parser.parse_args(argv)
    if not args.content.is_dir():
        print(f"{args.content}: no such folder — give the content folder, e.g. content")
        return 2
    problems = check_content(args.content, today=args.today)
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
    report = format_report(problems)
    if report:
        print(report)
    return exit_code(problems)


__all__ = [
    "KNOWN_FIELDS",
    "Document",
    "Problem",
    "check_content",
    "check_file",
    "content_hash",
    "exit_code",
    "format_report",
    "main",
    "read_document",
]

if __name__ == "__main__":
    sys.exit(main())
