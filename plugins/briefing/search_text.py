"""The search text pipeline, shared by the index builder (lunr.py) and, line for line, by
theme/static/js/search-pipeline.js in the reader's browser (lunr.js).

Both sides must turn the same text into the same terms, or a query typed in the browser
misses what the build indexed. So:

- tokenize: lowercase, fold accents and ligatures ("État" -> "etat", "œuvre" -> "oeuvre"),
  then split on anything that is not a letter or digit. Apostrophes, hyphens, « » and
  punctuation all separate words, so "l’état-major" gives "l", "etat", "major".
- stop words: shipped in plugins/briefing/stopwords/, written folded; they include the
  French elided forms (l d qu j n s c jusqu lorsqu puisqu …), which is how elisions go.
- stemming, after folding (so "securite" and "sécurité" meet):
  - French: Snowball French, from snowballstemmer 2.2.0, whose French algorithm is the
    one lunr-languages 1.22.0 ships (0 differences on 59,508 folded dictionary words;
    snowballstemmer 3.x differs on 33); snowballstemmer runs it through PyStemmer 2.2.0.3
    (its C build of the same algorithms) when installed, as requirements.txt does;
  - English: the Porter stemmer of lunr.js 2.3.9. lunr.py's port turns a final "y" into
    "i" after any vowel ("tuesday" -> "tuesdai") where lunr.js does so only after a
    consonant; with that one rule aligned they agree on all 73,604 words of a dictionary.
- queries are built here, not parsed by lunr: every word is required, stop words are
  dropped before they can empty a required clause, and a trailing "*" (or the word still
  being typed) matches as a prefix of the stem once that stem has MIN_PREFIX letters;
  shorter, it is searched as a whole word ("onu"): "g…" or "gou…" would pull a large part
  of the index, and match most stories, for a word still being typed.

The pipeline functions are registered under the labels below, which the serialised index
names; the browser registers its twins under the same labels before lunr.Index.load.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import snowballstemmer
from lunr.pipeline import Pipeline
from lunr.query import Query, QueryPresence
from lunr.stemmer import PorterStemmer

LANGUAGES = ("fr", "en")
MIN_PREFIX = 4
STOPWORDS_DIR = Path(__file__).parent / "stopwords"
_WORD_RE = re.compile(r"[^\W_]+")
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})
# Outside the BMP, JavaScript (UTF-16) and Python sort strings differently, and lunr needs
# its terms sorted the same on both sides; no word of French or English news needs them.
_ASTRAL_RE = re.compile("[\U00010000-\U0010ffff]")


def fold(text: str) -> str:
    """Lowercase, without accents or ligatures.

    Folded chunk by chunk between spaces (marks never span a space, and spaces separate
    words anyway), memoised: news text repeats its words, and folding is the costly part
    of indexing.
    """
    return " ".join(map(_fold_chunk, text.split()))


@lru_cache(maxsize=200_000)
def _fold_chunk(chunk: str) -> str:
    decomposed = unicodedata.normalize("NFD", chunk.lower().translate(_LIGATURES))
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return _ASTRAL_RE.sub(" ", unicodedata.normalize("NFC", stripped))


def tokenize(text: str) -> list[str]:
    """Folded words, split on everything that is not a letter or a digit."""
    return _WORD_RE.findall(fold(text))


@cache
def stopwords(lang: str) -> frozenset[str]:
    path = STOPWORDS_DIR / f"{lang}.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


class LunrJsPorterStemmer(PorterStemmer):
    """lunr.py's Porter stemmer with lunr.js 2.3.9's rule 1c: y -> i only after a consonant."""

    def step1c(self) -> None:
        if self.ends("y") and self.k >= 2 and self.b[self.k - 1] not in "aeiou":
            self.b = self.b[: self.k] + "i" + self.b[self.k + 1 :]


@cache
def stemmer(lang: str) -> Callable[[str], str]:
    """The stemmer for `lang`, as a function of one folded word.

    Memoised: a corpus repeats its words, and the pure-Python stemmers are slow.
    """
    if lang == "fr":
        return cache(snowballstemmer.stemmer("french").stemWord)
    if lang == "en":
        return cache(LunrJsPorterStemmer().stem)
    raise ValueError(f"search: no stemmer for language {lang!r}")


def stopword_label(lang: str) -> str:
    return f"briefing-stopwords-{lang}"


def stemmer_label(lang: str) -> str:
    return f"briefing-stemmer-{lang}"


def analyse(word: str, lang: str) -> str | None:
    """The index term of one folded word, or None for a stop word."""
    if word in stopwords(lang):
        return None
    return stemmer(lang)(word)


def terms(text: str, lang: str) -> list[str]:
    """Every index term of a text, in order (stop words removed)."""
    result = []
    for word in tokenize(text):
        term = analyse(word, lang)
        if term:
            result.append(term)
    return result


def register_pipeline(lang: str) -> tuple[Callable, Callable]:
    """Register (once) and return the lunr.py pipeline functions of `lang`."""
    labels = (stopword_label(lang), stemmer_label(lang))
    registered = Pipeline.registered_functions
    if labels[0] not in registered:
        words = stopwords(lang)

        def drop_stopword(token, _i, _tokens):  # noqa: ANN001, ANN202 (lunr.py's signature)
            return None if str(token) in words else token

        stem = stemmer(lang)

        def stem_token(token, _i, _tokens):  # noqa: ANN001, ANN202
            return token.update(lambda word, _metadata: stem(word))

        Pipeline.register_function(drop_stopword, labels[0])
        Pipeline.register_function(stem_token, labels[1])
    return registered[labels[0]], registered[labels[1]]


@dataclass(frozen=True)
class QueryTerm:
    term: str
    prefix: bool


_QUERY_WORD_RE = re.compile(r"[^\W_]+\*?")


def query_terms(text: str, lang: str, *, typing: bool = False) -> list[QueryTerm]:
    """The terms a reader's query asks for. With `typing`, the last word is a prefix."""
    words = _QUERY_WORD_RE.findall(fold(text))
    still_typing = typing and bool(text) and not text[-1].isspace()
    result = []
    for position, word in enumerate(words):
        explicit = word.endswith("*")
        word = word.rstrip("*")
        prefix = explicit or (still_typing and position == len(words) - 1)
        if prefix:
            stem = stemmer(lang)(word)
            if len(stem) >= MIN_PREFIX:
                result.append(QueryTerm(stem, prefix=True))
                continue
        term = analyse(word, lang)
        if term:
            result.append(QueryTerm(term, prefix=False))
    return result


def build_query(index, text: str, lang: str, *, typing: bool = False) -> Query:  # noqa: ANN001
    """A lunr.py query in which every term must match (as the browser builds it)."""
    query = index.create_query()
    for item in query_terms(text, lang, typing=typing):
        query.term(
            item.term,
            use_pipeline=False,
            wildcard=Query.WILDCARD_TRAILING if item.prefix else Query.WILDCARD_NONE,
            presence=QueryPresence.REQUIRED,
        )
    return query


def search(index, text: str, lang: str, *, typing: bool = False) -> list[str]:  # noqa: ANN001
    """Refs of the documents matching a reader's query, best first."""
    if index is None:
        return []
    query = build_query(index, text, lang, typing=typing)
    if not query.clauses:
        return []
    return [result["ref"] for result in index.query(query)]
