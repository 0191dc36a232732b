"""Search benchmark: what search costs to build, and what a reader's browser fetches and
waits for, for the project and for Pagefind on the same story pages.

For each corpus size (stories per language; corpus.py, whose distinct index terms are
printed) it makes the site, then:

- up to --pelican-max pairs (default 5,000), the project's publish build (`pelican`, as
  `invoke publish` runs it), whose search_index plugin reports its indexing time; above it,
  "direct": a Pelican build of a 10-pair corpus gives the pages with the search box (home,
  search page, theme), and the plugin's own indexing code (search_direct.py: index_files and
  write_outputs, as a build runs them) indexes the big corpus into it, beside a plain page per
  story (title, summary, labels, text) at the address a build gives it;
- index: the indexing time, the files' bytes (manifest, shards, result-data chunks,
  passages, suggestion words; raw and gzipped), Node's time to load the manifest, the
  shards a first query needs and its results' data (search_load.cjs);
- Pagefind 1.5 (requirements-bench.txt) indexes the same story pages (`pagefind --site`,
  story pages only, each story's <article>): its time, peak memory and bundle;
- an edit (French, with the plugin's indexing code on the corpus' documents): a cold index,
  an unchanged one (analysis cache warm), one word of a story changed, one sentence added
  to a story: time, files written of all, and whether the files equal a cold build's;
- in Chromium (search_browser.py), served by a gzipping server on 127.0.0.1: for one-word,
  multi-word, elided French, prefix and rare-word queries in both languages, each in a fresh
  browser (empty cache), the bytes sent from the first interaction (a click in the box) to
  the first result and until the page stops fetching, plus the search files the page itself
  loaded beforehand; the time to the first result; the longest main-thread task (Long Tasks
  API). Then a session: the same queries typed one after the other in one page, where a later
  query fetches only what it has not fetched yet. Then as-you-type: a word typed one key
  every 250 ms, each keystroke a search of its own (bytes, time to results, longest task).

Pagefind runs its default UI (pagefind-ui.js) on a page of its own per language, with the
project's 60 ms debounce. Bytes are response bodies as the server sent them (gzip level 6
for text, scripts and JSON; Pagefind's index files are compressed by Pagefind itself),
headers left out. Ratios are project / Pagefind: below 1 the project costs less.

A script that prints figures, not a test:
    .venv/bin/python tests/benchmarks/search_size.py --pairs 1000 5000 20000
Pagefind comes from `make bench-install`; without it its columns are left out.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def _load_benchlib() -> Any:
    """benchlib.py beside this file, by path: nothing is added to the import path."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("benchlib", HERE / "benchlib.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["benchlib"] = module
    spec.loader.exec_module(module)
    return module


benchlib = sys.modules.get("benchlib") or _load_benchlib()
corpus = benchlib.load("corpus", HERE / "corpus.py")
browser = benchlib.load("search_browser", HERE / "search_browser.py")
direct = benchlib.load("search_direct", HERE / "search_direct.py")

LANGS = ("fr", "en")
LIBRARIES = {
    "fr": [
        "vendor/lunr.min.js",
        "js/search-pipeline.js",
        "vendor/lunr.stemmer.support.min.js",
        "vendor/lunr.fr.min.js",
    ],
    "en": ["vendor/lunr.min.js", "js/search-pipeline.js"],
}
# (kind, query) per language; the rare word is picked from the corpus (rare_word()).
QUERIES = {
    "fr": [
        ("one word", "sécurité"),
        ("one word", "gouvernement"),
        ("multi-word", "ministre de la santé"),
        ("elided", "l'état"),
        ("elided", "d’Abidjan"),
        ("prefix", "gouv"),
        ("prefix", "écono"),
    ],
    "en": [
        ("one word", "security"),
        ("one word", "government"),
        ("multi-word", "health minister"),
        ("elided", "country’s"),
        ("multi-word", "central bank"),
        ("prefix", "gover"),
        ("prefix", "econo"),
    ],
}
AS_YOU_TYPE = {"fr": "gouvernement", "en": "government"}
KEYSTROKE_MS = 250
FIRST_QUERY = {"fr": "sécurité", "en": "security"}
# Story pages only (not lists, tags or the search page), as Pagefind's docs advise for a
# blog; <article class="story"> holds what the project indexes: title, labels, text.
PAGEFIND_GLOB = "{20[0-9][0-9]/*/*/index.html,en/20[0-9][0-9]/*/*/index.html}"
PAGEFIND_ROOT = "article.story"


def gz(data: bytes, level: int = browser.GZIP_LEVEL) -> int:
    return len(gzip.compress(data, compresslevel=level, mtime=0))


@dataclass
class Size:
    """Everything measured on one corpus size."""

    pairs: int
    stats: dict[str, dict[str, int]]
    mode: str = "Pelican"
    build: Any = None  # benchlib.Run
    index_s: dict[str, float] = field(default_factory=dict)
    files: dict[str, dict[str, int]] = field(default_factory=dict)  # lang -> sizes
    node: dict[str, dict[str, Any]] = field(default_factory=dict)
    pagefind: Any = None  # benchlib.Run, or None
    pagefind_bundle: tuple[int, int] = (0, 0)  # bytes, files
    answers: dict[tuple[str, str, str], Any] = field(default_factory=dict)  # engine, lang, q
    kinds: dict[tuple[str, str], str] = field(default_factory=dict)  # (lang, query) -> kind
    sessions: dict[tuple[str, str], list[Any]] = field(default_factory=dict)
    typing: dict[tuple[str, str], Any] = field(default_factory=dict)
    edit: list[tuple[str, Any, bool | None]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def build_site(
    content: Path, output: Path, siteurl: str, extra: list[str]
) -> tuple[Any, dict[str, float]]:
    """The project's publish build for `siteurl` (as `invoke publish` runs Pelican, verbose to
    read the plugin's timings); return the run and each language's index time.

    A publish build, not a preview: the site is served over HTTP as a reader meets it, and
    a preview build's search links from the home page are broken when served (their site
    root is "index.html")."""
    command = [
        sys.executable, "-m", "pelican", str(content),
        "-s", str(ROOT / "publishconf.py"), "-o", str(output),
        "--fatal", "errors", "-v", "-e", f'CACHE_PATH="{output}-cache"', *extra,
    ]  # fmt: skip
    # Whole log lines, to read the plugin's timings.
    env = {**os.environ, "COLUMNS": "300", "SITEURL": siteurl}
    env.pop("CI", None)
    run = benchlib.measure(command, env=env)
    timings = {
        lang: float(seconds)
        for _, lang, seconds in re.findall(
            r"indexed (\d+) (fr|en) stories in ([\d.]+) s", run.output
        )
    }
    return run, timings


def node_load(index: Path, query: str) -> dict[str, Any]:
    script = HERE / "search_load.cjs"
    out = subprocess.run(
        ["node", str(script), str(index), query], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def measure_files(size: Size, output: Path) -> None:
    for lang in LANGS:
        site = output / ("en" if lang == "en" else "")
        manifest_bytes = (site / "search-index.json").read_bytes()
        manifest = json.loads(manifest_bytes)
        data = site / "search-data"

        def sizes(names: list[str], data: Path = data) -> list[int]:
            return [gz((data / f"{name}.json").read_bytes()) for name in names]

        shards = sizes(manifest["shards"]["files"])
        chunk_names = manifest["chunks"]["files"]
        chunks = sizes(chunk_names)
        passage_names = [
            row[4]
            for name in chunk_names[:: max(1, len(chunk_names) // 50)]
            for row in json.loads((data / f"{name}.json").read_bytes())
        ]
        libraries = sum(gz((output / "theme" / name).read_bytes()) for name in LIBRARIES[lang])
        size.files[lang] = {
            "stories": manifest["documents"],
            "manifest_gz": gz(manifest_bytes),
            "shards": len(shards),
            "shard_gz_median": statistics.median(shards) if shards else 0,
            "shard_gz_max": max(shards, default=0),
            "shards_gz": sum(shards),
            "chunk_gz_median": statistics.median(chunks) if chunks else 0,
            "passage_gz_median": statistics.median(sizes(passage_names)) if passage_names else 0,
            "words_gz": sizes([manifest["words"]])[0],
            "files": sum(1 for _ in data.iterdir()),
            "libs_gz": libraries,
        }
        size.node[lang] = node_load(site / "search-index.json", FIRST_QUERY[lang])


def build_direct(
    size: Size, content: Path, work: Path, port: int, args: argparse.Namespace
) -> Path:
    """The shell of a 10-pair Pelican build, the corpus' story pages and the search files of
    the plugin's own indexing code (see the module's docstring); return the output folder."""
    shell = corpus.generate_corpus(work / "shell-content", 10, seed=args.seed)
    output = work / "output"
    size.build, _ = build_site(shell, output, f"http://127.0.0.1:{port}", args.extra_settings)
    size.mode = "direct"
    for lang in LANGS:
        site = output / ("en" if lang == "en" else "")
        for folder in [*site.glob("20[0-9][0-9]"), site / "search-data"]:
            shutil.rmtree(folder, ignore_errors=True)
        documents = direct.corpus_documents(content, lang)
        direct.write_story_pages(documents, site, lang)
        indexed = direct.index(documents, lang, site, work / f"analysis-{lang}.pickle")
        size.index_s[lang] = indexed.seconds + indexed.write_seconds
    return output


def measure_edit(size: Size, content: Path, work: Path) -> None:
    """Index the French stories cold, again unchanged, then after one word of one story is
    changed, then after a sentence is added to one; compare each with a cold build."""
    documents = direct.corpus_documents(content, "fr")
    site, cache = work / "edit" / "site", work / "edit" / "analysis.pickle"
    size.edit.append(("cold", direct.index(documents, "fr", site, cache), None))
    size.edit.append(("unchanged", direct.index(documents, "fr", site, cache), None))
    middle = len(documents) // 2
    story = dict(documents[middle])
    words = story["body"].split()
    position = next(i for i, word in enumerate(words) if len(word) > 6 and word.isalpha())
    changed = [
        (
            "one word changed",
            " ".join([*words[:position], words[position] + "x", *words[position + 1 :]]),
        ),
        ("one sentence added", story["body"] + " Le ministre a démenti ces informations."),
    ]
    for name, body in changed:
        documents = [*documents]
        documents[middle] = {**story, "body": body}
        indexed = direct.index(documents, "fr", site, cache)
        cold_site = work / "edit" / f"cold-{len(size.edit)}"
        direct.index(documents, "fr", cold_site, work / "edit" / f"cold-{len(size.edit)}.pickle")
        size.edit.append((name, indexed, _same_tree(site, cold_site)))
        shutil.rmtree(cold_site)


def _same_tree(a: Path, b: Path) -> bool:
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    other = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    return files == other and all((a / f).read_bytes() == (b / f).read_bytes() for f in files)


def run_pagefind(size: Size, output: Path) -> None:
    binary = benchlib.pagefind_binary()
    if binary is None:
        size.notes.append(benchlib.missing_peer("Pagefind"))
        return
    size.pagefind = benchlib.measure(
        [binary, "--site", output, "--glob", PAGEFIND_GLOB, "--root-selector", PAGEFIND_ROOT]
    )
    bundle = [path for path in (output / "pagefind").rglob("*") if path.is_file()]
    size.pagefind_bundle = (sum(path.stat().st_size for path in bundle), len(bundle))
    browser.write_pagefind_pages(output)


def rare_word(content: Path, lang: str) -> str:
    """A capitalised word (an invented name, mostly) found in exactly two stories: the kind
    of query a big index answers from its long tail."""
    counts: Counter[str] = Counter()
    for text in corpus.story_texts(content, lang):
        counts.update(set(re.findall(r"\b[A-Z][a-z]{5,}\b", text)))
    twice = sorted(word for word, count in counts.items() if count == 2)
    return twice[len(twice) // 2] if twice else "Kazura"


def drive(size: Size, output: Path, content: Path, port: int, *, quick: bool) -> None:
    """Every query in Chromium, for the project and (when indexed) Pagefind. `quick`: the
    first query of each language, and three keystrokes as you type."""
    engines = [browser.PROJECT] + ([browser.PAGEFIND] if size.pagefind else [])
    queries = {lang: [*QUERIES[lang], ("rare", rare_word(content, lang))] for lang in LANGS}
    if quick:
        queries = {lang: rows[:1] for lang, rows in queries.items()}
    for lang in LANGS:
        for kind, query in queries[lang]:
            size.kinds[(lang, query)] = kind
    with browser.serve(output, port) as (base, log), browser.chromium() as chromium:
        for engine in engines:
            for lang in LANGS:
                benchlib_progress(f"{size.pairs} pairs: {engine.name}, {lang} queries")
                for _, query in queries[lang]:
                    session = browser.Session(chromium, base, log, engine, lang)
                    size.answers[(engine.name, lang, query)] = session.ask(query)
                    session.close()
                session = browser.Session(chromium, base, log, engine, lang)
                answers = []
                for _, query in queries[lang]:
                    answers.append(session.ask(query))
                    session.clear()
                size.sessions[(engine.name, lang)] = answers
                session.close()
                session = browser.Session(chromium, base, log, engine, lang)
                word = AS_YOU_TYPE[lang][: 3 if quick else None]
                size.typing[(engine.name, lang)] = session.ask(
                    word, keystroke_delay_ms=KEYSTROKE_MS
                )
                session.close()


def benchlib_progress(message: str) -> None:
    print(f"  {message}…", file=sys.stderr, flush=True)


def measure_size(pairs: int, args: argparse.Namespace) -> Size:
    with tempfile.TemporaryDirectory(prefix=f"search-size-{pairs}-") as temporary:
        work = args.keep / str(pairs) if args.keep else Path(temporary)
        content = corpus.generate_corpus(work / "content", pairs, seed=args.seed)
        size = Size(pairs, corpus.corpus_stats(content))
        port = browser.free_port()
        if pairs <= args.pelican_max:
            benchlib_progress(f"{pairs} pairs: building")
            output = work / "output"
            size.build, size.index_s = build_site(
                content, output, f"http://127.0.0.1:{port}", args.extra_settings
            )
        else:
            benchlib_progress(f"{pairs} pairs: shell site, story pages, indexing directly")
            output = build_direct(size, content, work, port, args)
        measure_files(size, output)
        if not args.no_edit:
            benchlib_progress(f"{pairs} pairs: edits")
            measure_edit(size, content, work)
        if not args.no_pagefind:
            benchlib_progress(f"{pairs} pairs: Pagefind")
            run_pagefind(size, output)
        if not args.no_browser:
            drive(size, output, content, port, quick=args.quick)
        return size


# --------------------------------------------------------------------------------------------
# Reporting


def kb(value: float) -> str:
    return f"{value / 1000:,.0f}"


def index_table(sizes: list[Size]) -> list[str]:
    header = (
        f"{'pairs':>6} {'lang':>4} {'stories':>7} {'terms':>7} {'index s':>7} {'manifest':>8} "
        f"{'shards':>6} {'shard med':>9} {'max':>6} {'all shards':>10} {'chunk':>6} "
        f"{'passage':>7} {'words':>6} {'files':>6} {'libs':>5} {'node ms':>7}"
    )
    lines = [
        "Index files, kB gzipped (level 6): manifest; shards: how many, median and largest, "
        "all together; median result-data chunk and passage file; suggestion words; files "
        "in search-data/; libraries. node ms: manifest, first query's shards, lunr.Index, "
        "query and ten results' data, in Node",
        header,
        "-" * len(header),
    ]
    for s in sizes:
        for lang in LANGS:
            f, stats = s.files[lang], s.stats[lang]
            lines.append(
                f"{s.pairs:>6} {lang:>4} {f['stories']:>7} {stats['terms']:>7} "
                f"{s.index_s.get(lang, float('nan')):>7.2f} {f['manifest_gz'] / 1000:>8.1f} "
                f"{f['shards']:>6} {f['shard_gz_median'] / 1000:>9.1f} "
                f"{f['shard_gz_max'] / 1000:>6.0f} {kb(f['shards_gz']):>10} "
                f"{f['chunk_gz_median'] / 1000:>6.1f} {f['passage_gz_median'] / 1000:>7.1f} "
                f"{f['words_gz'] / 1000:>6.1f} {f['files']:>6} {f['libs_gz'] / 1000:>5.1f} "
                f"{s.node[lang]['total_ms']:>7.1f}"
            )
    return lines


def build_table(sizes: list[Size]) -> list[str]:
    header = (
        f"{'pairs':>6} {'site made by':>12} {'site s':>7} {'index s fr+en':>13} "
        f"{'Pagefind s':>10} {'Pagefind MB':>11} {'project/Pagefind':>16} {'bundle MB':>9} "
        f"{'files':>6}"
    )
    lines = [
        "Building the index: the project (its indexing, in the build or run directly) against "
        "Pagefind (reading the same story pages, after the build)",
        header,
        "-" * len(header),
    ]
    for s in sizes:
        index_s = sum(s.index_s.values())
        pf = s.pagefind
        ratio = f"{index_s / pf.seconds:.2f}x" if pf else "-"
        lines.append(
            f"{s.pairs:>6} {s.mode:>12} {s.build.seconds:>7.1f} {index_s:>13.2f} "
            + (
                f"{pf.seconds:>10.2f} {pf.peak_tree_mb:>11,.0f} {ratio:>16} "
                f"{s.pagefind_bundle[0] / 1e6:>9.1f} {s.pagefind_bundle[1]:>6}"
                if pf
                else f"{'not run':>10}"
            )
        )
    return lines


def edit_table(sizes: list[Size]) -> list[str]:
    lines = [
        "An edit re-indexes only what changed (French; the plugin's indexing code on the "
        "corpus' documents): seconds, stories analysed, data files written of all, equal to "
        "a cold build"
    ]
    for s in sizes:
        for name, indexed, same in s.edit:
            verdict = "" if same is None else ("  = cold build" if same else "  DIFFERS")
            lines.append(
                f"{s.pairs:>6} {name:<20} {indexed.seconds + indexed.write_seconds:>6.2f} s "
                f"analysed {indexed.analysed:>5} wrote {indexed.written:>6} of "
                f"{indexed.files:>6}{verdict}"
            )
    return lines


def _first(answer: Any) -> int:
    """Bytes to the first result, counting the search files the page loaded beforehand."""
    return answer.to_first_result + answer.with_page


def _ms(value: float | None) -> str:
    return f"{value:,.0f}" if value is not None else "none"


def answers_table(sizes: list[Size]) -> list[str]:
    header = (
        f"{'pairs':>6} {'lang':>4} {'kind':<10} {'query':<22} "
        f"{'project kB':>10} {'ms':>6} {'settled kB':>10} {'long ms':>7} "
        f"{'Pagefind kB':>11} {'ms':>6} {'settled kB':>10} {'kB ratio':>8} {'ms ratio':>8}"
    )
    lines = [
        "First query in a fresh browser: kB to the first result (with the search files the "
        "page loaded itself) and until the page stops fetching; ms to the first result; "
        "longest main-thread task",
        header,
        "-" * len(header),
    ]
    for s in sizes:
        for (lang, query), kind in s.kinds.items():
            p = s.answers.get(("project", lang, query))
            f = s.answers.get(("Pagefind", lang, query))
            if p is None:
                continue
            row = (
                f"{s.pairs:>6} {lang:>4} {kind:<10} {query:<22} {kb(_first(p)):>10} "
                f"{_ms(p.first_result_ms):>6} {kb(p.settled + p.with_page):>10} "
                f"{p.max_long_task_ms:>7.0f}"
            )
            if f is not None:
                ratio = _first(p) / _first(f) if _first(f) else float("nan")
                ms_ratio = (
                    p.first_result_ms / f.first_result_ms
                    if p.first_result_ms and f.first_result_ms
                    else float("nan")
                )
                row += (
                    f" {kb(_first(f)):>11} {_ms(f.first_result_ms):>6} "
                    f"{kb(f.settled + f.with_page):>10} {ratio:>7.2f}x {ms_ratio:>7.2f}x"
                )
            lines.append(row)
    return lines


def session_table(sizes: list[Size]) -> list[str]:
    lines = [
        "Session: the queries above typed one after the other in one page "
        "(kB to first result / until settled, per query; the first counts the page's own)"
    ]
    for s in sizes:
        for (engine, lang), answers in s.sessions.items():
            cells = ", ".join(f"{kb(_first(a))}/{kb(a.settled + a.with_page)}" for a in answers)
            total = sum(a.settled + a.with_page for a in answers)
            lines.append(f"{s.pairs:>6} {lang} {engine:<9} {cells}  total {kb(total)} kB")
    return lines


def typing_table(sizes: list[Size]) -> list[str]:
    lines = [
        f"As you type: one key every {KEYSTROKE_MS} ms, each a search "
        "(per keystroke: kB fetched / ms to results / longest task ms)"
    ]
    for s in sizes:
        for (engine, lang), answer in s.typing.items():
            cells = " ".join(
                f"{char}:{kb(size)}/{_ms(ms)}/{longest:.0f}"
                for char, (ms, size, longest) in zip(answer.query, answer.keystrokes, strict=False)
            )
            total = sum(size for _, size, _ in answer.keystrokes)
            lines.append(f"{s.pairs:>6} {lang} {engine:<9} {cells}  total {kb(total)} kB")
    return lines


def print_report(sizes: list[Size]) -> None:
    for s in sizes:
        print(f"{s.pairs} pairs: {corpus.stats_line(s.stats)}")
    blocks = [index_table(sizes), build_table(sizes), edit_table(sizes)]
    if any(s.answers for s in sizes):
        blocks += [answers_table(sizes), session_table(sizes), typing_table(sizes)]
    for block in blocks:
        print()
        print("\n".join(block))
    for s in sizes:
        for note in s.notes:
            print(f"\n{s.pairs} pairs: {note}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, nargs="+", default=[1000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-pagefind", action="store_true", help="leave Pagefind out")
    parser.add_argument("--no-browser", action="store_true", help="sizes and timings only")
    parser.add_argument("--no-edit", action="store_true", help="leave the edit timings out")
    parser.add_argument(
        "--pelican-max", type=int, default=5000,
        help="above this many pairs, index the corpus directly instead of building it",
    )  # fmt: skip
    parser.add_argument(
        "--quick", action="store_true", help="one query per language in the browser (smoke test)"
    )
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    parser.add_argument(
        "-e", "--extra-settings", nargs="*", default=[],
        help="Pelican overrides, e.g. SEARCH_BODY_WORDS=200",
    )  # fmt: skip
    args = parser.parse_args(argv)
    print(f"Search: at start: {benchlib.load_averages()}")
    pagefind = benchlib.pagefind_binary()
    print(f"Pagefind: {benchlib.version(pagefind) if pagefind else 'not installed'}")
    sizes = [measure_size(pairs, args) for pairs in args.pairs]
    print_report(sizes)
    print(f"\nAt the end: {benchlib.load_averages()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
