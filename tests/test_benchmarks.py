"""The benchmark scripts (tests/benchmarks/) still run, at a tiny size: they print figures
and are no tests themselves, so nothing else would notice them rot. The peers (Hugo,
Pagefind) are used when `make bench-install` has installed them, and left out otherwise."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BENCHMARKS = ROOT / "tests" / "benchmarks"
PAIRS = "10"


def run_script(name: str, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, str(BENCHMARKS / name), *args],
        capture_output=True, text=True, cwd=ROOT, timeout=600,
    )  # fmt: skip
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    return result.stdout


def load_corpus():
    spec = importlib.util.spec_from_file_location("bench_corpus", BENCHMARKS / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_corpus"] = module
    spec.loader.exec_module(module)
    return module


def test_corpus_is_deterministic_translated_and_passes_the_check(tmp_path):
    corpus = load_corpus()
    first = corpus.generate_corpus(tmp_path / "a", 20, seed=3)
    second = corpus.generate_corpus(tmp_path / "b", 20, seed=3)
    files = sorted(p.relative_to(first) for p in first.rglob("*.md"))
    assert files == sorted(p.relative_to(second) for p in second.rglob("*.md"))
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)
    check = subprocess.run(
        [sys.executable, "-m", "briefing.checker", str(first)], capture_output=True, text=True
    )
    assert (check.returncode, check.stdout + check.stderr) == (0, "")
    stats = corpus.corpus_stats(first)
    # Invented words grow both languages alike: the translation stays a translation.
    assert abs(stats["fr"]["terms"] - stats["en"]["terms"]) < 0.1 * stats["fr"]["terms"]


@pytest.mark.benchmark
def test_build_speed_runs_and_compares_edited_output(tmp_path):
    out = run_script("build_speed.py", "--pairs", PAIRS, "--repeat", "1", "--keep", str(tmp_path))
    assert "edit one story" in out
    assert "identical (" in out  # an edit's output was compared with a cold build
    assert "distinct index terms" in out


@pytest.mark.benchmark
@pytest.mark.browser
def test_search_size_runs_in_chromium(tmp_path):
    out = run_script("search_size.py", "--pairs", PAIRS, "--quick", "--keep", str(tmp_path))
    assert "First query in a fresh browser" in out
    assert "As you type" in out
    assert "one word changed" in out and "= cold build" in out and "DIFFERS" not in out


@pytest.mark.benchmark
def test_search_size_indexes_a_corpus_directly(tmp_path):
    """Above --pelican-max pairs the plugin's indexing code runs on the corpus itself."""
    out = run_script(
        "search_size.py", "--pairs", PAIRS, "--pelican-max", "5", "--no-browser",
        "--keep", str(tmp_path),
    )  # fmt: skip
    assert "direct" in out and "= cold build" in out and "DIFFERS" not in out


@pytest.mark.benchmark
def test_search_answers_match_the_reference(tmp_path):
    out = run_script("search_answers.py", "--pairs", PAIRS, "--queries", "20")
    rows = [line.split() for line in out.splitlines() if line.startswith(f"{PAIRS:>6} ")]
    assert [row[1] for row in rows] == ["fr", "en"]
    for row in rows:
        queries, same_results, same_order, same_scores = row[2], row[4], row[6], row[8]
        assert same_results == same_order == same_scores == queries, out
