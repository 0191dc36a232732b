"""Same answers: the project's search against one unsharded lunr index of the same content.

For each corpus size it builds the site with the project's settings plus a benchmark-only
plugin (bench_documents.py) that writes what every story says. From that, this script builds
its own reference: one lunr.py index per language over the same documents (title boosted 10,
summary 3, category and tags 3, body 1, as README's "Search" describes), built by lunr.py's
own Builder and analysed by the project's pipeline (briefing.search_text). It draws at least
200 queries per language from the corpus (one word, frequent and rare; several words;
prefixes typed as you type; elided French forms and English possessives), runs them through
the project's search as the browser does (search_answers.cjs: the site's own sharded files
and JavaScript, in Node, loading only the shards each query needs) and through the
reference (lunr.py), and prints how many rankings are identical:

- same results: the same stories match;
- same order: in the same order as the reference (stories whose scores differ by less than
  1e-6 may come in either order: the sum of a score is the same, its last bit may not be);
- same scores: every score equal to the reference's within 1e-9 (both sides add the same
  three-decimal numbers);
- top 10: the first ten results in the same order (what the search box shows).

The site's index stores lunr's own scores (three decimals, as lunr rounds them), sharded by
term: every ranking should be identical (100 %).

A script that prints figures, not a test:
    .venv/bin/python tests/benchmarks/search_answers.py --pairs 1000 [--queries 200]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lunr.builder import Builder
from lunr.index import Index
from markupsafe import Markup

from briefing.search_text import build_query, register_pipeline, stopwords, terms, tokenize

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
LANGS = ("fr", "en")
FIELDS = (("title", 10), ("summary", 3), ("tags", 3), ("body", 1))
TIE = 1e-6  # scores closer than this are a tie, whose order is nobody's choice


def _load(name: str, path: Path) -> Any:
    import importlib.util

    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


corpus = _load("corpus", HERE / "corpus.py")


# --------------------------------------------------------------------------------------------
# The site, and what its stories say


def project_plugins() -> list[str]:
    from pelican.settings import get_settings_from_file

    return list(get_settings_from_file(str(ROOT / "pelicanconf.py"))["PLUGINS"])


def build_site(content: Path, output: Path, documents: Path) -> None:
    """The project's build, plus bench_documents writing every story into `documents`."""
    overrides = {
        "CACHE_PATH": f"{output}-cache",
        "PLUGIN_PATHS": [str(ROOT / "plugins"), str(HERE)],
        "PLUGINS": [*project_plugins(), "bench_documents"],
        "BENCH_DOCUMENTS_DIR": str(documents),
    }
    command = [
        sys.executable, "-m", "pelican", str(content), "-s", str(ROOT / "pelicanconf.py"),
        "-o", str(output), "--fatal", "errors", "-q", "-e",
        *(f"{name}={json.dumps(value)}" for name, value in overrides.items()),
    ]  # fmt: skip
    env = {name: value for name, value in os.environ.items() if name != "CI"}
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env)
    if result.returncode != 0:
        raise SystemExit(result.stdout + result.stderr)


def plain_text(html: str) -> str:
    return " ".join(Markup(html).striptags().split())


def reference_documents(stories: list[dict[str, Any]]) -> list[dict[str, str]]:
    """What the reference indexes, newest story first (the order decides nothing but is
    the site's too), each story's ref being its URL."""
    ordered = sorted(stories, key=lambda s: (s["date"], s["url"]), reverse=True)
    return [
        {
            "ref": story["url"],
            "title": " ".join(story["title"].split()),
            "summary": plain_text(story["summary"]),
            "tags": " ".join([story["category"], *story["tags"]] if story["category"] else []),
            "body": plain_text(story["content"]),
        }
        for story in ordered
    ]


def reference_index(documents: list[dict[str, str]], lang: str) -> dict[str, Any]:
    """One unsharded lunr.py index of `documents`, serialised, analysed by the project's
    pipeline (documents analysed by briefing.search_text.terms; queries by its functions)."""
    drop_stopword, stem = register_pipeline(lang)
    builder = Builder()
    builder.search_pipeline.add(drop_stopword, stem)
    builder.ref("ref")
    for name, boost in FIELDS:
        builder.field(name, boost=boost, extractor=lambda doc, name=name: terms(doc[name], lang))
    for document in documents:
        builder.add(document)
    return builder.build().serialize()


# --------------------------------------------------------------------------------------------
# Queries drawn from the corpus

ELIDED_FR = re.compile(r"\b(?:[LlDdNnSsJjCc]|[Qq]u|[Jj]usqu|[Ll]orsqu|[Pp]uisqu)['’][^\W\d_]{3,}")
POSSESSIVE_EN = re.compile(r"\b[^\W\d_]{3,}['’]s\b")


@dataclass(frozen=True)
class Query:
    kind: str
    text: str
    typing: bool = False


def draw_queries(documents: list[dict[str, str]], lang: str, count: int, seed: int) -> list[Query]:
    """At least `count` queries, deterministic for a seed: every kind in fixed shares."""
    rng = random.Random(f"{seed}-{lang}")
    texts = [f"{d['title']} {d['summary']} {d['body']}" for d in documents]
    stop = stopwords(lang)
    tokens = [[w for w in tokenize(t) if w not in stop and len(w) >= 3] for t in texts]
    vocabulary = sorted({w for words in tokens for w in words})
    share = max(count // 5, 1)
    queries: list[Query] = []
    for _ in range(share):  # frequent words: a word of running text
        words = rng.choice(tokens)
        queries.append(Query("one word", rng.choice(words)))
    for _ in range(share):  # any word of the vocabulary: mostly rare ones
        queries.append(Query("rare word", rng.choice(vocabulary)))
    for _ in range(share):  # two or three neighbouring words of one story
        words = rng.choice(tokens)
        start, length = rng.randrange(max(len(words) - 3, 1)), rng.choice((2, 3))
        queries.append(Query("multi-word", " ".join(words[start : start + length])))
    for _ in range(share):  # a word being typed: its first 3 to 6 letters
        word = rng.choice(rng.choice(tokens))
        queries.append(Query("prefix", word[: rng.randint(3, min(6, len(word)))], typing=True))
    pattern = ELIDED_FR if lang == "fr" else POSSESSIVE_EN
    forms = sorted({m.group() for t in texts for m in pattern.finditer(t)})
    for _ in range(count - len(queries)):
        queries.append(Query("elided", rng.choice(forms)) if forms else Query("elided", "l'état"))
    return queries


# --------------------------------------------------------------------------------------------
# Running both sides


def reference_results(index: Index, queries: list[Query], lang: str) -> list[list[tuple]]:
    results = []
    for query in queries:
        built = build_query(index, query.text, lang, typing=query.typing)
        found = index.query(built) if built.clauses else []
        results.append([(r["ref"], r["score"]) for r in found])
    return results


def project_results(
    output: Path, queries: dict[str, list[Query]], work: Path
) -> tuple[dict[str, Any], dict[str, list[int]]]:
    """The project's answers, from its own files and JavaScript (search_answers.cjs)."""
    flat = [(lang, q) for lang in LANGS for q in queries[lang]]
    request = {
        "sites": {"fr": str(output), "en": str(output / "en")},
        "queries": [{"lang": lang, "text": q.text, "typing": q.typing} for lang, q in flat],
    }
    path = work / "requests.json"
    path.write_text(json.dumps(request, ensure_ascii=False), encoding="utf-8")
    out = subprocess.run(
        ["node", str(HERE / "search_answers.cjs"), str(path)],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    data = json.loads(out.stdout)
    answers, shards = iter(data["results"]), iter(data["shards"])
    return (
        {lang: [next(answers) for _ in queries[lang]] for lang in LANGS},
        {lang: [next(shards) for _ in queries[lang]] for lang in LANGS},
    )


def same_order(project: list, reference: list) -> bool:
    """The same stories in the same order, stories of tied reference scores in any order."""
    if [url for url, _ in project] == [ref for ref, _ in reference]:
        return True
    if sorted(url for url, _ in project) != sorted(ref for ref, _ in reference):
        return False
    groups: list[set[str]] = []
    previous = None
    for ref, score in reference:
        if previous is None or abs(score - previous) > TIE:
            groups.append(set())
        groups[-1].add(ref)
        previous = score
    position = 0
    for group in groups:
        if {url for url, _ in project[position : position + len(group)]} != group:
            return False
        position += len(group)
    return True


@dataclass
class Tally:
    queries: int = 0
    with_results: int = 0
    same_results: int = 0
    same_order: int = 0
    same_scores: int = 0
    exact_top10: int = 0
    shards: list[int] = field(default_factory=list)


def compare(
    project: list, exact: list, queries: list[Query], shards: list[int]
) -> tuple[Tally, list]:
    tally, differences = Tally(), []
    for query, mine, theirs, read in zip(queries, project, exact, shards, strict=True):
        tally.queries += 1
        tally.with_results += bool(theirs)
        tally.shards.append(read)
        results = sorted(u for u, _ in mine) == sorted(r for r, _ in theirs)
        order = same_order(mine, theirs)
        tally.same_results += results
        tally.same_order += order
        tally.same_scores += order and all(
            abs(a - b) < 1e-9 for (_, a), (_, b) in zip(mine, theirs, strict=True)
        )
        tally.exact_top10 += same_order(mine[:10], theirs[:10])
        if not order:
            differences.append((query, len(mine), len(theirs)))
    return tally, differences


def measure(pairs: int, args: argparse.Namespace) -> list[str]:
    lines = []
    with tempfile.TemporaryDirectory(prefix=f"search-answers-{pairs}-") as temporary:
        work = args.keep / str(pairs) if args.keep else Path(temporary)
        content = corpus.generate_corpus(work / "content", pairs, seed=args.seed)
        lines.append(f"{pairs} pairs: {corpus.stats_line(corpus.corpus_stats(content))}")
        output = work / "output"
        build_site(content, output, work / "documents")
        queries: dict[str, list[Query]] = {}
        references: dict[str, Index] = {}
        for lang in LANGS:
            stories = json.loads((work / "documents" / f"{lang}.json").read_text("utf-8"))
            documents = reference_documents(stories)
            queries[lang] = draw_queries(documents, lang, args.queries, args.seed)
            references[lang] = Index.load(reference_index(documents, lang))
        project, shards = project_results(output, queries, work)
        for lang in LANGS:
            tally, differences = compare(
                project[lang],
                reference_results(references[lang], queries[lang], lang),
                queries[lang],
                shards[lang],
            )
            lines.append(row(pairs, lang, tally))
            lines += [
                f"    differs: {q.kind} {q.text!r} (project {mine} results, reference {theirs})"
                for q, mine, theirs in differences[:5]
            ]
    return lines


def row(pairs: int, lang: str, t: Tally) -> str:
    def share(value: int) -> str:
        return f"{value:>4} ({value / t.queries:>4.0%})"

    shards = sorted(t.shards)
    return (
        f"{pairs:>6} {lang:>4} {t.queries:>7} {t.with_results:>12} {share(t.same_results):>14} "
        f"{share(t.same_order):>14} {share(t.same_scores):>14} {share(t.exact_top10):>14} "
        f"{shards[len(shards) // 2]:>6} {shards[-1]:>6}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, nargs="+", default=[1000])
    parser.add_argument("--queries", type=int, default=200, help="per language (at least)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args(argv)
    header = (
        f"{'pairs':>6} {'lang':>4} {'queries':>7} {'with results':>12} {'same results':>14} "
        f"{'same order':>14} {'same scores':>14} {'top 10':>14} {'shards':>6} {'max':>6}"
    )
    print(
        "Same answers: the project's search (its files and JavaScript, in Node) against "
        "one unsharded lunr.py index of the same stories, built by lunr.py's Builder"
    )
    print(header)
    print("-" * len(header))
    for pairs in args.pairs:
        print("\n".join(measure(pairs, args)), flush=True)
    print(
        "same order: the reference's order, scores within 1e-6 in either order; same scores: "
        "every score within 1e-9 too; top 10: the first ten results, what the search box "
        "shows; shards: median and most shard files a query loaded"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
