"""A compact file format for lunr indexes, unpacked in the browser before lunr.Index.load.

A serialised lunr index repeats itself: every (term, field, document) posting of the
inverted index is also an entry of that document's field vector, and vector entries are
absolute term numbers with three-decimal scores, which gzip compresses poorly. The packed
form keeps only what cannot be derived:

- the terms, sorted (a term's number is its position, so numbers follow the sort order
  lunr's TokenSet needs anyway);
- per field, one row per document: the document ref, then (gap to the previous term
  number, score) pairs, ascending;
- scores of the fields named in `quantized` (the body, by far the largest) as positions
  in `book`, a table of log-spaced score levels stored in the file itself, so Python and
  JavaScript rebuild exactly the same numbers. Other fields keep lunr's exact scores.

`unpack_index` rebuilds the serialised lunr index, inverted index included, for lunr.py;
`loadPackedIndex` in theme/static/js/search-pipeline.js builds the same lunr.Index in the
browser (making postings as queries ask for them): both sides search the very same index.
Which documents match a query never changes; only the body's share of a score is rounded
to the nearest of the book's levels.
"""

from __future__ import annotations

import bisect
import math
from typing import Any

FORMAT = "briefing-packed-index-1"
BOOK_LEVELS = 64
QUANTIZED_FIELDS = ("body",)


def pack_index(
    serialized: dict[str, Any],
    *,
    levels: int = BOOK_LEVELS,
    quantized: tuple[str, ...] = QUANTIZED_FIELDS,
) -> dict[str, Any]:
    """The packed form of a serialised lunr index."""
    fields = list(serialized["fields"])
    postings = dict(serialized["invertedIndex"])
    terms = sorted(postings)
    renumber = {postings[term]["_index"]: position for position, term in enumerate(terms)}
    book = score_book(serialized, quantized, levels)
    log_book = [math.log(level) for level in book]
    vectors: dict[str, list[list[Any]]] = {field: [] for field in fields}
    for field_ref, elements in serialized["fieldVectors"]:
        field, _, ref = field_ref.partition("/")
        numbers, scores = elements[::2], elements[1::2]
        pairs = sorted(zip((renumber[n] for n in numbers), scores, strict=True))
        row: list[Any] = [ref]
        previous = -1
        for number, score in pairs:
            row.append(number - previous - 1)
            row.append(_nearest(log_book, score) if field in quantized else score)
            previous = number
        vectors[field].append(row)
    return {
        "format": FORMAT,
        "version": serialized["version"],
        "pipeline": serialized["pipeline"],
        "fields": fields,
        "terms": terms,
        "quantized": [field for field in fields if field in quantized],
        "book": book,
        "vectors": vectors,
    }


def score_book(serialized: dict[str, Any], quantized: tuple[str, ...], levels: int) -> list[float]:
    """Log-spaced score levels spanning the quantized fields' scores, three decimals each."""
    scores = [
        score
        for field_ref, elements in serialized["fieldVectors"]
        if field_ref.partition("/")[0] in quantized
        for score in elements[1::2]
        if score > 0
    ]
    if not scores:
        return []
    low, high = min(scores), max(scores)
    if low == high:
        return [round(low, 3)]
    ratio = (high / low) ** (1 / (levels - 1))
    return sorted({max(round(low * ratio**step, 3), 0.001) for step in range(levels)})


def _nearest(log_book: list[float], score: float) -> int:
    """The position of the level nearest to `score`, on a log scale."""
    target = math.log(max(score, 0.001))
    above = bisect.bisect_left(log_book, target)
    if above == 0:
        return 0
    if above == len(log_book):
        return above - 1
    return above if log_book[above] - target < target - log_book[above - 1] else above - 1


def unpack_index(packed: dict[str, Any]) -> dict[str, Any]:
    """The serialised lunr index a packed index stands for (loadPackedIndex in JS)."""
    if packed.get("format") != FORMAT:
        raise ValueError(f"search_pack: not a {FORMAT} file")
    fields = packed["fields"]
    terms = packed["terms"]
    book = packed["book"]
    quantized = set(packed["quantized"])
    no_metadata: dict[str, Any] = {}  # lunr only reads it; one object serves every posting
    postings: list[dict[str, Any]] = [
        {"_index": number, **{field: {} for field in fields}} for number in range(len(terms))
    ]
    field_vectors = []
    for field in fields:
        for row in packed["vectors"][field]:
            ref = row[0]
            elements: list[Any] = []
            number = -1
            for position in range(1, len(row), 2):
                number += row[position] + 1
                value = row[position + 1]
                elements += [number, book[value] if field in quantized else value]
                postings[number][field][ref] = no_metadata
            field_vectors.append([f"{field}/{ref}", elements])
    return {
        "version": packed["version"],
        "fields": fields,
        "fieldVectors": field_vectors,
        "invertedIndex": [[term, postings[number]] for number, term in enumerate(terms)],
        "pipeline": packed["pipeline"],
    }
