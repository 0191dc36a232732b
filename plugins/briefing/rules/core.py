"""What every rule family shares: the registry of rule IDs, problems, and documents as read.

A rule has a stable ID (`slug-not-url-safe`), a severity and a one-line description. A
family module declares its rules with `rule()` and reports through `Document.report` or
`report()`, naming the rule; the message and the fix are written once, there.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path
from typing import Any, Literal

from briefing.i18n import _
from briefing.site import Kind, SiteModel
from briefing.taxonomy import Taxonomy

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    family: str  # the module that applies it, e.g. "slugs"
    description: str
    # Work left to do (a marker, an empty Summary) waits in a draft, which is never
    # published: its errors are warnings there. What is never allowed (unsafe links,
    # unreadable files, an invalid date) stays an error in a draft too.
    waits_in_draft: bool


RULES: dict[str, Rule] = {}


def rule(
    rule_id: str,
    family: str,
    description: str,
    severity: Severity = "error",
    *,
    waits_in_draft: bool = False,
) -> str:
    """Declare a rule; returns its ID, for the family module to report under."""
    if rule_id in RULES:
        raise ValueError(f"rule {rule_id!r} is declared twice")
    if not re.fullmatch(r"[a-z]+(?:-[a-z0-9]+)+", rule_id):
        raise ValueError(f"rule ID {rule_id!r} must be lowercase words joined by hyphens")
    family = family.rsplit(".", 1)[-1]
    RULES[rule_id] = Rule(rule_id, severity, family, description, waits_in_draft)
    return rule_id


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one file, with how to fix it and the rule that found it."""

    path: str  # relative to the content folder's parent, e.g. "content/fr/2022/x.md"
    line: int  # 1-based; 1 for problems with the whole file
    field: str  # "Date", "Slug", "body", "file" …
    message: str  # what is wrong
    fix: str  # what to do about it
    rule: str  # the rule's ID
    in_draft: bool = False  # found in a story or page marked "Status: draft"

    @property
    def severity(self) -> Severity:
        declared = RULES[self.rule]
        if self.in_draft and declared.waits_in_draft:
            return "warning"
        return declared.severity

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def __str__(self) -> str:
        level = _("warning: ") if self.severity == "warning" else ""
        where = f"{self.path}:{self.line}: {level}{self.field}"
        return f"{where}: {self.message} — {self.fix} [{self.rule}]"


def problem_order(problem: Problem) -> tuple[str, int]:
    """By file and line; on one line, in the order the rules found them (a stable sort)."""
    return (problem.path, problem.line)


# --------------------------------------------------------------------------- documents

# Python-Markdown's meta extension, which Pelican uses: "Key: value" lines up to the first
# blank line; lines indented by 4 spaces or more continue the previous value.
META_RE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
META_MORE_RE = re.compile(r"^[ ]{4,}(?P<value>.*)")
BEGIN_RE = re.compile(r"^-{3}(\s.*)?")
END_RE = re.compile(r"^(-{3}|\.{3})(\s.*)?")
BOM = b"\xef\xbb\xbf"
SHOWN_MAX = 60  # how much of a long value a message quotes


@dataclass
class Field:
    """One metadata line (with its continuation lines) as written in the file."""

    name: str  # as written, e.g. "tilte"
    value: str
    line: int


@dataclass
class Document:
    """A story or page file as the rules read it."""

    path: Path
    shown: str  # the path in messages
    kind: Kind
    folder_lang: str  # the language of the folder it is in
    lang_name: str  # that language's name, for messages
    text: str = ""
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

    def report(self, rule_id: str, name: str, message: str, fix: str) -> None:
        """A problem on the line of field `name` (line 1 if the field is missing)."""
        self.report_at(self.line(name), rule_id, name, message, fix)

    def report_at(self, line: int, rule_id: str, name: str, message: str, fix: str) -> None:
        self.problems.append(Problem(self.shown, line, name, message, fix, rule_id, self.is_draft))

    def body_lines(self) -> Iterator[tuple[int, str]]:
        return iter(enumerate(self.body, start=self.body_start))

    @property
    def word(self) -> str:
        """ "story" or "page", in the tools' language."""
        return _("page") if self.kind == "page" else _("story")

    @property
    def is_draft(self) -> bool:
        return self.value("Status").lower() == "draft"

    def tags(self) -> list[str]:
        """The Tags field as Pelican splits it (on semicolons if any, else on commas)."""
        from pelican.readers import ensure_metadata_list

        return [tag.strip() for tag in ensure_metadata_list(self.value("Tags")) if tag.strip()]


def read_document(
    path: Path, shown: str, kind: Kind, folder_lang: str, lang_name: str, data: bytes
) -> Document:
    """Read a file's metadata and body, noting encoding problems but never giving up."""
    from briefing.rules import files  # the encoding rules live with the other file rules

    doc = Document(path, shown, kind, folder_lang, lang_name)
    offset = 0
    if data.startswith(BOM):
        files.report_bom(doc)
        data, offset = data[len(BOM) :], len(BOM)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        files.report_not_utf8(doc, data, error, offset)
        text = data.decode("utf-8", errors="replace")
    doc.text = text
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


def fingerprint(doc: Document) -> str:
    """The fingerprint of a story's text: what its translation is made from.

    The first 12 hex digits of the SHA-256 of Title, Summary and body (lines without
    trailing spaces, no blank lines around it). Other metadata is left out, so changing
    tags or fixing a date does not make the translations stale.
    """
    body = "\n".join(line.rstrip() for line in doc.body).strip("\n")
    text = f"{doc.value('Title')}\n{doc.value('Summary')}\n{body}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


# --------------------------------------------------------------------------- the check


@dataclass
class Context:
    """What every rule may ask: the site, its taxonomy, today, and where problems go."""

    model: SiteModel
    taxonomy: Taxonomy | None
    today: Date
    problems: list[Problem] = field(default_factory=list)  # about no single document
    documents: list[Document] = field(default_factory=list)
    cache: dict[object, Any] = field(default_factory=dict)  # work shared by rule families

    def shown(self, path: Path) -> str:
        """A path as messages show it: from the content folder's parent."""
        try:
            return path.relative_to(self.model.content.parent).as_posix()
        except ValueError:
            return path.as_posix()

    def report(
        self, path: Path, line: int, rule_id: str, name: str, message: str, fix: str
    ) -> None:
        self.problems.append(Problem(self.shown(path), line, name, message, fix, rule_id))

    def stories(self) -> list[Document]:
        return [doc for doc in self.documents if doc.kind == "story"]


DocumentCheck = Callable[[Document, Context], None]
SiteCheck = Callable[[Context], None]


def shorten(text: str) -> str:
    return text if len(text) <= SHOWN_MAX else text[: SHOWN_MAX - 1] + "…"


def all_problems(context: Context) -> Iterable[Problem]:
    yield from context.problems
    for doc in context.documents:
        yield from doc.problems
