"""Sentences of a paragraph, and whether two texts say the same words.

The importer proposes a title and a summary from sentences of the text; the rulebook
checks that Title, Summary and the text's first sentence do not repeat one another. Both
cut sentences and compare texts here, so they always agree on what "the first sentence"
and "the same text" mean.
"""

from __future__ import annotations

import re
from collections.abc import Iterator


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Words ending with "." that do not end a sentence.
_ABBREVIATIONS = _word_set(
    "m mm mme mmes mlle dr pr me st ste mr mrs ms gen gén col lt sgt capt cpt prof sen rep "
    "gov jr sr vs no nº n° p pp av apr cf fig vol inc ltd co corp"
)
_SENTENCE_END_RE = re.compile(r"[.!?…]+(?:[ \u00a0\u202f]?[»”\"’)\]])*")
SENTENCE_START = '«“"‘([—–'

# What two texts may differ in and still say the same words: case, the kind of quotes
# and apostrophes, spaces (French puts one before ":" and "?"), final punctuation.
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "«": '"', "»": '"'})
_SPACES_RE = re.compile(r"[\s\u00a0\u202f]+")
_SPACE_BEFORE_PUNCTUATION_RE = re.compile(r' (?=[:;!?,."])|(?<=") ')
_FINAL_PUNCTUATION = " .…!?;:,"


def first_sentence(text: str) -> str:
    """The first sentence of a paragraph, with its final punctuation and closing quote."""
    return split_first_sentence(text)[0]


def split_first_sentence(text: str) -> tuple[str, str]:
    """(the first sentence, the rest of the paragraph), both without surrounding spaces."""
    for match in _SENTENCE_END_RE.finditer(text):
        end = match.end()
        if match.group().startswith(".") and _is_abbreviation(text[: match.start()]):
            continue
        after = text[end:]
        if not after.strip():
            return text.strip(), ""
        # A sentence ends before a space and a capital, digit or opening quote;
        # "3.5" or "il est parti…et" do not end one.
        following = after.lstrip()[0]
        starts_sentence = following.isupper() or following.isdigit()
        if after[0].isspace() and (starts_sentence or following in SENTENCE_START):
            return text[:end].strip(), after.strip()
    return text.strip(), ""


def sentences(text: str) -> Iterator[str]:
    """Every sentence of a paragraph, in order."""
    rest = text.strip()
    while rest:
        sentence, rest = split_first_sentence(rest)
        yield sentence


def _is_abbreviation(before: str) -> bool:
    """Whether the word just before a "." is an abbreviation or an initial ("M.", "J.")."""
    words = before.split()
    if not words:
        return False
    word = words[-1].lstrip(SENTENCE_START)
    return (len(word) == 1 and word.isupper()) or word.lower() in _ABBREVIATIONS


def normalised(text: str) -> str:
    """The words of a text, for comparing: no case, one kind of quote, no final stop."""
    text = _SPACES_RE.sub(" ", text.translate(_QUOTES)).strip()
    text = _SPACE_BEFORE_PUNCTUATION_RE.sub("", text)
    return text.rstrip(_FINAL_PUNCTUATION).casefold()


def same_text(one: str, other: str) -> bool:
    """Whether two non-empty texts say the same words (see `normalised`)."""
    return bool(normalised(one)) and normalised(one) == normalised(other)


def is_cut_from(shortened: str, text: str) -> bool:
    """Whether `shortened` is `text` cut at a word with "…", as the importer cuts summaries."""
    if not shortened.endswith("…") or len(shortened) >= len(text):
        return False
    start = normalised(shortened[:-1])
    return bool(start) and normalised(text).startswith(start)
