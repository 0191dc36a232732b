"""The search index as the browser fetches it: lunr's exact scores, sharded by term.

lunr scores a document as the sum, over the query's terms, of (query weight x the
document's field-vector entry for that term), divided by the query vector's length. An index
that holds only the terms a query needs therefore scores exactly as the whole index does.
So the build writes, per language (all names relative to the language's root):

- the manifest, SEARCH_INDEX_SAVE_AS (search-index.json), small, loaded when the reader
  focuses the search box: the language, its stop words, the fields, the shard table (the
  first term each shard covers, sorted, and its file's hash), the document-chunk table and
  the suggestion words' file;
- shards, search-data/s-<hash>.json: a run of consecutive terms (sorted as lunr's
  TokenSet needs them), each with its postings per field: document numbers (as gaps) and
  lunr's score x 1000 as a whole number (lunr rounds scores to three decimals, so
  score / 1000 in JavaScript is exactly lunr's number);
- document chunks, search-data/d-<hash>.json: title, URL, date, summary and passage-file
  hash of SEARCH_CHUNK_DOCUMENTS consecutive documents (numbered newest first);
- passages, search-data/p-<hash>.json, one per story: sentences of its body (each cut to
  220 characters) chosen so that every index term of the body appears in one of them, up to
  PASSAGE_BUDGET characters: a passage for any result, without the story page;
- suggestion words, search-data/w-<hash>.json: the commonest index terms, each with the word
  readers see most often for it ("gouvern": "gouvernement"), for "did you mean".

Every file but the manifest is named by a hash of its bytes, so a browser may keep it for
ever, and a build writes only the files whose bytes are new. Shards are cut along a trie
of term prefixes: a prefix whose postings fit SEARCH_SHARD_BYTES is one shard, a larger one
is split by its next letter, and neighbouring small pieces are merged; a change to one story
only moves boundaries near the terms whose postings changed size.

Scores are computed here, as lunr.py's Builder computes them (BM25, k1 = 1.2, b = 0.75,
field boosts), from each story's term counts, which are cached by content hash: an edit
tokenises only the stories that changed, then recomputes every score (cheap arithmetic).
tests/test_search.py checks the scores against lunr.py's Builder on a fixture.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from briefing.search_text import (
    MIN_PREFIX,
    analyse,
    stemmer_label,
    stopword_label,
    stopwords,
    tokenize,
)

FORMAT = "briefing-sharded-index-1"
FIELDS = (("title", 10), ("summary", 3), ("tags", 3), ("body", 1))
K1 = 1.2  # lunr's defaults (lunr.py Builder._k1, _b)
B = 0.75
DATA_DIR = "search-data"
HASH_CHARS = 12
PASSAGE_CHARS = 220  # the longest sentence a result shows
PASSAGE_BUDGET = 4000  # characters of sentences kept per story
SUGGESTION_WORDS = 3000
ANALYSIS_VERSION = 2  # part of the cache key: a change to the analysis invalidates it
_SENTENCE_RE = re.compile(r"[^.!?…]+[.!?…]*")
_SURFACE_RE = re.compile(r"[^\W_]+")


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:HASH_CHARS]


# --------------------------------------------------------------------------------------------
# One story: what it says, analysed once (and cached by the hash of its text)


@dataclass(frozen=True)
class Analysed:
    """A story's term counts per field (in order of first appearance), field lengths, the
    sentences kept for passages, and the surface words of its terms (for suggestions)."""

    counts: tuple[dict[str, int], ...]
    lengths: tuple[int, ...]
    passages: tuple[str, ...]
    surfaces: dict[str, str]  # term -> the first word (lowercased) that gave it

    def as_tuple(self) -> tuple:
        return (self.counts, self.lengths, self.passages, self.surfaces)


def content_key(document: dict[str, str], lang: str) -> str:
    text = _json([ANALYSIS_VERSION, lang, *(document[name] for name, _ in FIELDS)])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _count(text: str, lang: str) -> tuple[dict[str, int], int]:
    counts: dict[str, int] = {}
    length = 0
    for word in tokenize(text):
        term = analyse(word, lang)
        if term:
            counts[term] = counts.get(term, 0) + 1
            length += 1
    return counts, length


def _surfaces(text: str, lang: str, surfaces: dict[str, str]) -> None:
    for word in _SURFACE_RE.findall(text):
        lower = word.lower()
        term = _surface_term(lower, lang)
        if term and term not in surfaces:
            surfaces[term] = lower


@lru_cache(maxsize=200_000)
def _surface_term(word: str, lang: str) -> str | None:
    """The index term of a word as written, if it is one word once folded."""
    folded = tokenize(word)
    return analyse(folded[0], lang) if len(folded) == 1 else None


def analyse_document(document: dict[str, str], lang: str) -> Analysed:
    """Term counts and lengths of every field, as lunr's Builder would count them given
    briefing.search_text.terms as each field's extractor, the body's passages, and the
    words of the title, summary and labels, then of the body (the words suggestions
    show)."""
    counts, lengths = [], []
    surfaces: dict[str, str] = {}
    for name, _ in FIELDS[:-1]:
        field_counts, length = _count(document[name], lang)
        counts.append(field_counts)
        lengths.append(length)
        _surfaces(document[name], lang, surfaces)
    body = document["body"]
    # A term no heading or label shows is shown as the body writes it ("security", not
    # the stem "secur"): suggestions must offer words, never stems.
    _surfaces(body, lang, surfaces)
    body_counts, body_length = _count(body, lang)
    counts.append(body_counts)
    lengths.append(body_length)
    sentences = [match.group().strip() for match in _SENTENCE_RE.finditer(body)]
    shown = [_cut(sentence) for sentence in sentences]
    if sum(map(len, shown)) <= PASSAGE_BUDGET:
        passages = [text for text in shown if text]
    else:
        # A long story: sentences that bring words the earlier ones lack. Punctuation ends a
        # sentence and is never part of a word, so the sentences' words are the body's.
        passages = choose_passages([(text, set(tokenize(text))) for text in sentences])
    return Analysed(tuple(counts), tuple(lengths), tuple(passages), surfaces)


def choose_passages(sentences: list[tuple[str, set[str]]]) -> list[str]:
    """Sentences, in the story's order, each adding a word the earlier ones lack, until
    PASSAGE_BUDGET characters: the passage for any query comes from them."""
    covered: set[str] = set()
    kept: list[str] = []
    used = 0
    for text, sentence_terms in sentences:
        if not sentence_terms - covered:
            continue
        shown = _cut(text)
        if used + len(shown) > PASSAGE_BUDGET:
            break
        kept.append(shown)
        used += len(shown)
        covered |= sentence_terms
    return kept


def _cut(sentence: str) -> str:
    text = " ".join(sentence.split())
    if len(text) <= PASSAGE_CHARS:
        return text
    return re.sub(r"\s\S*$", "", text[: PASSAGE_CHARS - 3]) + " …"


# --------------------------------------------------------------------------------------------
# Scores, as lunr.py's Builder computes them


def score_postings(analysed: list[Analysed]) -> dict[str, list[list[int]]]:
    """term -> per field, a flat list [document, score x 1000, …] by document number.

    Exactly lunr.py's Builder._create_field_vectors: BM25 with lunr's k1 and b, the idf of
    lunr.idf (documents with the term summed over fields), the field boost, then
    round(score, 3). The same floating-point operations in the same order, so the same
    numbers: the length part of the denominator is computed once per document and field."""
    count = len(analysed)
    field_count = len(FIELDS)
    postings: dict[str, list[list[int]]] = {}
    norms: list[list[float]] = []
    for field in range(field_count):
        total = 0
        for story in analysed:
            total += story.lengths[field]
        average = total / count if count else 0
        norms.append(
            [
                K1 * (1 - B + B * (story.lengths[field] / average)) if average else 0.0
                for story in analysed
            ]
        )
    for number, story in enumerate(analysed):
        for field, field_counts in enumerate(story.counts):
            for term, tf in field_counts.items():
                lists = postings.get(term)
                if lists is None:
                    lists = postings[term] = [[] for _ in range(field_count)]
                lists[field] += (number, tf)
    boosts = [boost for _, boost in FIELDS]
    k1_plus_1 = K1 + 1
    scored: dict[str, list[list[int]]] = {}
    for term, lists in postings.items():
        with_term = sum(map(len, lists)) // 2
        x = (count - with_term + 0.5) / (with_term + 0.5)
        idf = math.log(1 + abs(x))
        out: list[list[int]] = []
        for field, documents in enumerate(lists):
            boost = boosts[field]
            field_norms = norms[field]
            flat: list[int] = []
            for position in range(0, len(documents), 2):
                number, tf = documents[position], documents[position + 1]
                score = idf * (k1_plus_1 * tf) / (field_norms[number] + tf)
                score *= boost
                flat += (number, _thousandths(score))
            out.append(flat)
        scored[term] = out
    return scored


def _thousandths(score: float) -> int:
    """round(score, 3) x 1000, as a whole number (round(score, 3) is correctly rounded;
    score x 1000 is not always, so a value too close to a half takes the exact path)."""
    scaled = score * 1000
    nearest = round(scaled)
    if abs(abs(scaled - nearest) - 0.5) < 1e-6:
        return round(round(score, 3) * 1000)
    return nearest


def lunr_serialized(analysed: list[Analysed], refs: list[str]) -> dict[str, Any]:
    """The postings as a lunr.py serialised index (for tests and the benchmark): the same
    invertedIndex keys and field-vector scores lunr.py's Builder produces."""
    scored = score_postings(analysed)
    terms = sorted(scored)
    names = [name for name, _ in FIELDS]
    vectors: dict[str, list] = {f"{name}/{ref}": [] for ref in refs for name in names}
    inverted = []
    for number, term in enumerate(terms):
        posting: dict[str, Any] = {"_index": number}
        for field, flat in enumerate(scored[term]):
            posting[names[field]] = {}
            for position in range(0, len(flat), 2):
                ref = refs[flat[position]]
                posting[names[field]][ref] = {}
                vectors[f"{names[field]}/{ref}"] += [number, flat[position + 1] / 1000]
        inverted.append([term, posting])
    return {
        "version": "2.3.9",
        "fields": names,
        "fieldVectors": [[key, value] for key, value in vectors.items()],
        "invertedIndex": inverted,
        "pipeline": [],
    }


# --------------------------------------------------------------------------------------------
# Shards


def _posting_text(lists: list[list[int]]) -> str:
    """A term's postings: per field, gaps between document numbers and scores."""
    fields = []
    for flat in lists:
        encoded = []
        previous = -1
        for position in range(0, len(flat), 2):
            encoded += (flat[position] - previous - 1, flat[position + 1])
            previous = flat[position]
        fields.append(encoded)
    return json.dumps(fields, separators=(",", ":"))


def shard_target(total_bytes: int) -> int:
    """Bytes of postings per shard: the query's first cost is about the manifest (one entry
    of ~22 bytes per shard) plus one shard, least when a shard holds sqrt(22 x total)."""
    return max(6_000, min(64_000, int(math.sqrt(22 * total_bytes))))


def cut_shards(terms: list[str], sizes: list[int], target: int) -> list[tuple[str, int, int]]:
    """(first key, start, end) of each shard, terms[start:end], along a trie of prefixes."""
    prefix_sums = [0]
    for size in sizes:
        prefix_sums.append(prefix_sums[-1] + size)

    def weight(lo: int, hi: int) -> int:
        return prefix_sums[hi] - prefix_sums[lo]

    def split(lo: int, hi: int, depth: int, key: str) -> list[tuple[str, int, int]]:
        if weight(lo, hi) <= target or hi - lo == 1:
            return [(key, lo, hi)]
        groups: list[tuple[str, int, int]] = []
        position = lo
        if len(terms[position]) == depth:  # the prefix itself is a term: first
            groups.append((key, position, position + 1))
            position += 1
        while position < hi:
            letter = terms[position][depth]
            end = position
            while end < hi and terms[end][depth] == letter:
                end += 1
            groups.append((key + letter, position, end))
            position = end
        pieces: list[tuple[str, int, int]] = []
        for group_key, start, end in groups:
            pieces += split(start, end, depth + 1, group_key)
        merged: list[tuple[str, int, int]] = []
        for piece in pieces:
            if merged and weight(merged[-1][1], piece[2]) <= target:
                merged[-1] = (merged[-1][0], merged[-1][1], piece[2])
            else:
                merged.append(piece)
        return merged

    return split(0, len(terms), 0, "") if terms else []


# --------------------------------------------------------------------------------------------
# The files of one language


@dataclass(frozen=True)
class SearchFiles:
    manifest: str  # the manifest's text
    files: dict[str, bytes]  # name under DATA_DIR -> bytes (hashed names)


def build_files(
    documents: list[dict[str, str]],
    analysed: list[Analysed],
    lang: str,
    *,
    chunk_documents: int = 16,
    shard_bytes: int | None = None,
) -> SearchFiles:
    """Every search file of a language, from its documents (newest first) and their
    analyses (same order)."""
    files: dict[str, bytes] = {}

    def add(kind: str, text: str) -> str:
        data = text.encode("utf-8")
        name = f"{kind}-{file_hash(data)}"
        files[f"{name}.json"] = data
        return name

    scored = score_postings(analysed)
    terms = sorted(scored)
    texts = [_posting_text(scored[term]) for term in terms]
    sizes = [
        len(text) + len(term.encode("utf-8")) + 4 for term, text in zip(terms, texts, strict=True)
    ]
    target = shard_bytes or shard_target(sum(sizes))
    keys, shard_names = [], []
    for key, start, end in cut_shards(terms, sizes, target):
        body = ",".join(texts[start:end])
        text = '{"p":[' + body + '],"t":' + _json(terms[start:end]) + "}"
        keys.append(key)
        shard_names.append(add("s", text))
    passage_names = [add("p", _json(list(story.passages))) for story in analysed]
    chunk_names = []
    for start in range(0, len(documents), chunk_documents):
        rows = [
            [doc["title"], doc["url"], doc["date"], doc["summary"], passage_names[number]]
            for number, doc in enumerate(documents[start : start + chunk_documents], start)
        ]
        chunk_names.append(add("d", _json(rows)))
    words_name = add("w", _json(suggestion_words(analysed, scored)))
    manifest = {
        "format": FORMAT,
        "lang": lang,
        "data": f"{DATA_DIR}/",
        "stopwords": sorted(stopwords(lang)),
        "pipeline": [stopword_label(lang), stemmer_label(lang)],
        "fields": [name for name, _ in FIELDS],
        "documents": len(documents),
        "minPrefix": MIN_PREFIX,
        "shards": {"keys": keys, "files": shard_names},
        "chunks": {"size": chunk_documents, "files": chunk_names},
        "words": words_name,
    }
    return SearchFiles(_json(manifest), files)


def suggestion_words(
    analysed: list[Analysed], scored: dict[str, list[list[int]]]
) -> list[list[str]]:
    """[term, word] of the SUGGESTION_WORDS terms found in most stories, sorted by term, each
    with a word readers see for it (the browser need not stem them all)."""
    frequency = {
        term: len({n for flat in lists for n in flat[::2]}) for term, lists in scored.items()
    }
    common = sorted(frequency, key=lambda term: (-frequency[term], term))[:SUGGESTION_WORDS]
    surfaces: dict[str, dict[str, int]] = {}
    wanted = set(common)
    for story in analysed:
        for term, word in story.surfaces.items():
            if term in wanted:
                forms = surfaces.setdefault(term, {})
                forms[word] = forms.get(word, 0) + 1
    pairs = []
    for term in sorted(common):
        forms = surfaces.get(term)
        pairs.append([term, min(forms, key=lambda w: (-forms[w], w)) if forms else term])
    return pairs


# --------------------------------------------------------------------------------------------
# Reading the files back (tests, benchmarks)


def read_index(manifest: dict[str, Any], read: Any) -> tuple[dict[str, Any], list[list]]:
    """The whole index a language's files stand for, as a lunr.py serialised index, and its
    documents ([title, url, date, summary, passage file]). `read(name)` returns a file's
    parsed JSON, `name` relative to the manifest's folder."""
    names = manifest["fields"]
    documents: list[list] = []
    for chunk in manifest["chunks"]["files"]:
        documents += read(f"{manifest['data']}{chunk}.json")
    refs = [str(number) for number in range(len(documents))]
    vectors: dict[str, list] = {f"{name}/{ref}": [] for ref in refs for name in names}
    inverted = []
    number = 0
    for shard in manifest["shards"]["files"]:
        data = read(f"{manifest['data']}{shard}.json")
        for term, lists in zip(data["t"], data["p"], strict=True):
            posting: dict[str, Any] = {"_index": number}
            for field, encoded in enumerate(lists):
                posting[names[field]] = {}
                document = -1
                for position in range(0, len(encoded), 2):
                    document += encoded[position] + 1
                    ref = refs[document]
                    posting[names[field]][ref] = {}
                    vectors[f"{names[field]}/{ref}"] += [number, encoded[position + 1] / 1000]
            inverted.append([term, posting])
            number += 1
    serialized = {
        "version": "2.3.9",
        "fields": names,
        "fieldVectors": [[key, value] for key, value in vectors.items()],
        "invertedIndex": inverted,
        "pipeline": manifest["pipeline"],
    }
    return serialized, documents


def data_names(manifest: dict[str, Any]) -> Iterable[str]:
    """The data files a manifest names directly (passages are named by the chunks)."""
    for name in [*manifest["shards"]["files"], *manifest["chunks"]["files"], manifest["words"]]:
        yield f"{manifest['data']}{name}.json"
