"""Who wrote a raw text: bylines and wire credit lines, read into Author and Source.

A copied article names its journalist and outlet in a line of its own: "Par RFI", "Texte
par : FRANCE 24", "Le Monde avec AFP", "Avec notre correspondant à Bamako, Serge Daniel",
or, at a wire story's end, "Reporting by Aaron Ross in Dakar; Editing by Alex Richardson".
The importer moves those names into the story's fields and drops the line. Every part of
such a line must be explained (a known outlet, a person's name, a correspondent phrase, a
place); otherwise it is a sentence such as "Par ailleurs, …" and stays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


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
        "The Africa Report",
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
BYLINE_MAX = 120
_BYLINE_RE = re.compile(
    r"^(?:(?P<lead>(?:texte\s+)?par|text\s+by|(?:written\s+)?by|avec|with)\s*:?\s+)?"
    r"(?P<rest>\S.*)$",
    re.I,
)
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

# A wire story's credits: "Reporting by Aaron Ross in Dakar; Editing by Alex Richardson",
# "(Reportage Aaron Ross, version française Jean Terzian, édité par Sophie Louet)".
_CREDIT_ROLE_RE = re.compile(
    r"\b(?P<role>(?:additional\s+)?reporting\s+by|writing\s+by|written\s+by|editing\s+by"
    r"|edited\s+by|compiled\s+by|(?:avec\s+)?reportage|rédigé\s+par|rédaction|version\s+française"
    r"|traduction|édité\s+par|édition)\s*:?\s+",
    re.I,
)
# The roles whose names are the story's authors; editors and translators are not.
_AUTHOR_ROLES = ("reporting by", "writing by", "written by", "reportage", "rédigé par")
_CREDIT_NAMES_SPLIT_RE = re.compile(r"\s*,\s*|\s+(?:and|et)\s+")
_NAME_PLACE_RE = re.compile(r"\s+(?:in|à|from|depuis|au|en)\s+[A-ZÀ-Ý][\w’' -]*$")
CREDIT_LINE_MAX = 300


@dataclass
class Credits:
    """The names a byline or credit line gives."""

    authors: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)


def parse_byline(line: str) -> tuple[list[str], list[str]] | None:
    """A byline's (authors, outlets), or None when the line is not a byline.

    "Par RFI" -> ([], ["RFI"]); "Par notre correspondant à Dakar, Jean Dupont" ->
    (["Jean Dupont"], []); "Le Monde avec AFP" -> ([], ["Le Monde", "AFP"]).
    """
    match = _BYLINE_RE.match(line)
    if not match or len(line) > BYLINE_MAX:
        return None
    lead = (match["lead"] or "").lower()
    credits = Credits()
    for part in filter(None, _BYLINE_SPLIT_RE.split(match["rest"].strip())):
        if not _read_byline_part(part, credits):
            return None
    correspondent = _CORRESPONDENT_RE.match(match["rest"]) is not None
    if not lead and (credits.authors or not credits.outlets):
        return None  # without "Par"/"By", only outlets: "Le Monde avec AFP", "Reuters"
    if lead in ("avec", "with") and credits.authors and not correspondent:
        return None  # "Avec Jean Dupont" is not a credit line we know
    if not credits.authors and not credits.outlets and not correspondent:
        return None
    return credits.authors, credits.outlets


def _read_byline_part(part: str, credits: Credits) -> bool:
    """Add one part of a byline to `credits`; False if it is unexplained."""
    outlet = KNOWN_OUTLETS.get(part.casefold())
    if outlet:
        credits.outlets.append(outlet)
        return True
    correspondent = _CORRESPONDENT_RE.match(part)
    if correspondent:
        rest = part[correspondent.end() :].strip()
        return not rest or _read_byline_part(rest, credits)
    if _PLACE_RE.match(part):
        return True  # "Jean Dupont, à Dakar": the place is not kept
    if looks_like_name(part):
        credits.authors.append(part)
        return True
    return False


def looks_like_name(text: str) -> bool:
    """Two to five capitalised words, allowing particles: "Jean-Pierre de La Tour"."""
    words = text.split()
    names = [w for w in words if w.lower() not in _NAME_PARTICLES]
    if not 2 <= len(names) <= 5 or len(words) > 7:
        return False
    return all(_NAME_WORD_RE.match(word) for word in names)


def parse_credit_line(line: str) -> list[str] | None:
    """A wire story's credit line: the names of its reporters and writers (maybe none),
    or None when the line is not one. Every part must be a role and names."""
    text = line.strip()
    if len(text) > CREDIT_LINE_MAX:
        return None
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1]
    roles = list(_CREDIT_ROLE_RE.finditer(text))
    if not roles or roles[0].start() != 0:
        return None
    authors: list[str] = []
    for role, following in zip(roles, [*roles[1:], None], strict=True):
        end = following.start() if following else len(text)
        names = _credit_names(text[role.end() : end].strip(" ;,."))
        if names is None:
            return None
        if " ".join(role["role"].lower().split()).removeprefix("avec ") in _AUTHOR_ROLES:
            authors += names
    return authors


def _credit_names(text: str) -> list[str] | None:
    names = [_NAME_PLACE_RE.sub("", part) for part in _CREDIT_NAMES_SPLIT_RE.split(text) if part]
    if not names or not all(looks_like_name(name) for name in names):
        return None
    return names
