"""Search benchmark: what the search index costs to build, to download and to load.

For each corpus size it generates a synthetic bilingual corpus (tests/benchmarks/corpus.py),
builds it with the project's settings, and prints per language:
- index build time (as the search_index plugin reports it),
- index and documents bytes, raw and gzipped,
- the bytes a reader downloads before the first result (the libraries search.js loads,
  the index and the documents file, gzipped as a static host serves them),
- Node's time to parse and load the index and answer a first query (median of 5).

A script that prints figures, not a test:
    .venv/bin/python tests/benchmarks/search_size.py --pairs 1000 5000
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def _load_corpus() -> Any:
    """The corpus generator beside this file, by path: nothing is added to the import path."""
    spec = importlib.util.spec_from_file_location("corpus", Path(__file__).with_name("corpus.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules["corpus"] = module
    spec.loader.exec_module(module)
    return module


generate_corpus = _load_corpus().generate_corpus

FIRST_QUERY = {"fr": "sécurité", "en": "security"}
LIBRARIES = {
    "fr": [
        "vendor/lunr.min.js",
        "js/search-pipeline.js",
        "vendor/lunr.stemmer.support.min.js",
        "vendor/lunr.fr.min.js",
    ],
    "en": ["vendor/lunr.min.js", "js/search-pipeline.js"],
}
TARGET_BYTES = 600_000
TARGET_MS = 150.0


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def build(content: Path, output: Path, extra: list[str]) -> tuple[float, dict[str, float]]:
    command = [
        sys.executable, "-m", "pelican", str(content),
        "-s", str(ROOT / "pelicanconf.py"), "-o", str(output),
        "--fatal", "errors", "-v", "-e", f'CACHE_PATH="{output}-cache"', *extra,
    ]  # fmt: skip
    started = time.perf_counter()
    env = {**os.environ, "COLUMNS": "300"}  # whole log lines, to read the plugin's timings
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(result.stdout + result.stderr)
    timings = {
        lang: float(seconds)
        for _, lang, seconds in re.findall(
            r"indexed (\d+) (fr|en) stories in ([\d.]+) s", result.stdout + result.stderr
        )
    }
    return elapsed, timings


def node_load(index: Path, query: str) -> dict:
    script = Path(__file__).parent / "search_load.cjs"
    out = subprocess.run(
        ["node", str(script), str(index), query],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(out.stdout)


def measure(pairs: int, extra: list[str]) -> list[dict]:
    with tempfile.TemporaryDirectory() as work:
        content = generate_corpus(Path(work) / "content", pairs)
        output = Path(work) / "output"
        build_s, index_s = build(content, output, extra)
        rows = []
        for lang in ("fr", "en"):
            site = output / ("en" if lang == "en" else "")
            index = (site / "search-index.json").read_bytes()
            documents = (site / "search-documents.json").read_bytes()
            libraries = sum(gz((output / "theme" / name).read_bytes()) for name in LIBRARIES[lang])
            stories = len(json.loads(documents)["documents"])
            load = node_load(site / "search-index.json", FIRST_QUERY[lang])
            rows.append(
                {
                    "pairs": pairs,
                    "lang": lang,
                    "stories": stories,
                    "build_s": build_s,
                    "index_s": index_s.get(lang, float("nan")),
                    "index_raw": len(index),
                    "index_gz": gz(index),
                    "docs_raw": len(documents),
                    "docs_gz": gz(documents),
                    "libs_gz": libraries,
                    "first_result_gz": libraries + gz(index) + gz(documents),
                    "node_ms": load["total_ms"],
                    "node_load_ms": load["load_ms"],
                    "hits": load["hits"],
                }
            )
        return rows


def print_table(rows: list[dict]) -> None:
    header = (
        f"{'pairs':>6} {'lang':>4} {'stories':>7} {'build s':>8} {'index s':>8} "
        f"{'index raw':>10} {'index gz':>9} {'docs gz':>8} {'libs gz':>8} "
        f"{'1st result gz':>13} {'node ms':>8} {'hits':>5}"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        flag = " " if r["first_result_gz"] <= TARGET_BYTES and r["node_ms"] <= TARGET_MS else "*"
        print(
            f"{r['pairs']:>6} {r['lang']:>4} {r['stories']:>7} {r['build_s']:>8.2f} "
            f"{r['index_s']:>8.2f} {r['index_raw'] / 1e3:>8.0f}kB {r['index_gz'] / 1e3:>7.0f}kB "
            f"{r['docs_gz'] / 1e3:>6.0f}kB {r['libs_gz'] / 1e3:>6.1f}kB "
            f"{r['first_result_gz'] / 1e3:>11.0f}kB {r['node_ms']:>8.1f} {r['hits']:>5}{flag}"
        )
    print(
        f"targets at 1,000 stories per language: <= {TARGET_BYTES / 1e3:.0f} kB gzipped before "
        f"the first result, <= {TARGET_MS:.0f} ms to load and answer in Node (* = missed)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, nargs="+", default=[1000])
    parser.add_argument(
        "-e", "--extra-settings", nargs="*", default=[],
        help="Pelican overrides, e.g. SEARCH_BODY_WORDS=200",
    )  # fmt: skip
    args = parser.parse_args()
    rows = []
    for pairs in args.pairs:
        rows.extend(measure(pairs, args.extra_settings))
    print_table(rows)


if __name__ == "__main__":
    main()
