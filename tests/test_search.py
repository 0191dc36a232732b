"""Search: the sharded index the build writes answers exactly as one unsharded lunr index
of the same stories, in Python (lunr.py) and in Node (lunr.js with the site's pipeline,
loading only the shards a query needs); French is handled as a French reader expects; each
language's index holds only its own stories; the files are deterministic, and an edit
re-indexes and rewrites only what changed.

The site is the real content/ plus tests/sites/search/extra/ (a story that mentions
"Tuesday", which the seed story does not, and stories carrying injection payloads).
"""

from __future__ import annotations

import functools
import importlib.util
import json
import pickle
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, TESTS, WITHOUT_RULEBOOK, BuiltSite, build_site
from lunr.index import Index

from briefing import search_shards
from briefing.search_shards import analyse_document, lunr_serialized, read_index
from briefing.search_text import (
    register_pipeline,
    search,
    stemmer,
    stopwords,
    tokenize,
)

BENCHMARKS = TESTS / "benchmarks"

# Results link to each story's page as the build links it: a preview build (this site)
# names the file, so that it also opens from the file system.
FR_SEED = "2022/03/visite-etat-major-rwandais-en-france/index.html"
EN_SEED = "2022/03/rwandan-general-staff-delegation-concludes-visit-france/index.html"
EN_TUESDAY = "2023/02/sahel-ministers-joint-patrol-plan/index.html"

# (language, query, typing, the story it must find)
QUERY_TABLE = [
    ("fr", "Kazura", False, FR_SEED),
    ("fr", "kazura", False, FR_SEED),
    ("fr", "état-major", False, FR_SEED),
    ("fr", "etat major", False, FR_SEED),
    ("fr", "sécurité", False, FR_SEED),
    ("fr", "securite", False, FR_SEED),
    ("fr", "SÉCURITÉ", False, FR_SEED),
    ("fr", "l'état", False, FR_SEED),
    ("fr", "l’état", False, FR_SEED),
    ("fr", "TotalEnergies", False, FR_SEED),
    ("fr", "Minusma", False, FR_SEED),
    ("fr", "sécu*", False, FR_SEED),
    ("fr", "secu*", False, FR_SEED),
    ("fr", "déployés", False, FR_SEED),
    ("fr", "« très bonnes »", False, FR_SEED),
    ("fr", "kazu", True, FR_SEED),
    ("fr", "chefs d’état-major rwandais", False, FR_SEED),
    ("en", "deploying", False, EN_SEED),
    ("en", "security", False, EN_SEED),
    ("en", "cooperation", False, EN_SEED),
    ("en", "Kazura", False, EN_SEED),
    ("en", "TotalEnergies", False, EN_SEED),
    ("en", "Rwanda's", False, EN_SEED),
    ("en", "secur", True, EN_SEED),
    # The seed story says Wednesday; "Tuesday" is checked on a story that says it.
    ("en", "Tuesday", False, EN_TUESDAY),
    ("en", "tuesdays", False, EN_TUESDAY),
]


def site_extra(stories: Path) -> dict[str, object]:
    """The injection stories are refused by the rulebook: built without it, they show that
    the search files keep payloads as text by themselves. The benchmark's bench_documents
    plugin writes what each story says, for the reference index."""
    return {
        **WITHOUT_RULEBOOK,
        "PLUGIN_PATHS": [str(ROOT / "plugins"), str(BENCHMARKS)],
        "PLUGINS": [*WITHOUT_RULEBOOK["PLUGINS"], "bench_documents"],
        "BENCH_DOCUMENTS_DIR": str(stories),
    }


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    work = tmp_path_factory.mktemp("search")
    content = work / "content"
    shutil.copytree(ROOT / "content", content)
    shutil.copytree(TESTS / "sites" / "search" / "extra", content, dirs_exist_ok=True)
    return build_site(content, work / "output", extra=site_extra(work / "stories"))


def root(lang: str) -> str:
    return "en/" if lang == "en" else ""


def manifest(site: BuiltSite, lang: str) -> dict:
    return json.loads(site.path(f"{root(lang)}search-index.json").read_text(encoding="utf-8"))


def whole_index(site: BuiltSite, lang: str) -> tuple[dict, list[list]]:
    return _whole_index(site.output / root(lang), lang)


@functools.cache
def _whole_index(folder: Path, lang: str) -> tuple[dict, list[list]]:
    data = json.loads((folder / "search-index.json").read_text(encoding="utf-8"))
    return read_index(data, lambda name: json.loads((folder / name).read_text(encoding="utf-8")))


def documents(site: BuiltSite, lang: str) -> list[dict]:
    rows = whole_index(site, lang)[1]
    return [
        dict(zip(("title", "url", "date", "summary", "passage"), row, strict=True)) for row in rows
    ]


def index_terms(site: BuiltSite, lang: str) -> set[str]:
    return {term for term, _ in whole_index(site, lang)[0]["invertedIndex"]}


def python_index(site: BuiltSite, lang: str) -> Index:
    """The site's shards put back together: one lunr.py index."""
    register_pipeline(lang)
    return Index.load(whole_index(site, lang)[0])


# --- The reference: one unsharded index built by lunr.py's Builder --------------------------


def _reference_module():
    """The benchmark's reference (tests/benchmarks/search_answers.py), by path: the
    reference lives in the benchmark, and the tests use that very one."""
    if "search_answers" in sys.modules:
        return sys.modules["search_answers"]
    path = TESTS / "benchmarks" / "search_answers.py"
    spec = importlib.util.spec_from_file_location("search_answers", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


REFERENCE = _reference_module()


def stories(site: BuiltSite, lang: str) -> list[dict[str, str]]:
    """What the build indexed (bench_documents' dump), newest first, as the plugin orders it."""
    dump = site.output.parent / "stories" / f"{lang}.json"
    return REFERENCE.reference_documents(json.loads(dump.read_text(encoding="utf-8")))


def builder_index(docs: list[dict[str, str]], lang: str) -> dict:
    """lunr.py's own Builder over `docs`, analysed by the project's pipeline."""
    return REFERENCE.reference_index(docs, lang)


def vectors_by_term(serialized: dict) -> dict[str, dict[str, float]]:
    names = {posting["_index"]: term for term, posting in serialized["invertedIndex"]}
    return {
        field_ref: dict(zip((names[n] for n in elements[::2]), elements[1::2], strict=True))
        for field_ref, elements in serialized["fieldVectors"]
    }


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_scores_are_exactly_those_of_lunr_py_builder(site, lang):
    """The build computes BM25 itself; on the fixture's stories every term and every
    field-vector score equals lunr.py's Builder's (not a rounding of it)."""
    docs = stories(site, lang)
    reference = builder_index(docs, lang)
    mine = lunr_serialized([analyse_document(doc, lang) for doc in docs], [d["ref"] for d in docs])
    assert [t for t, _ in mine["invertedIndex"]] == sorted(dict(reference["invertedIndex"]))
    assert vectors_by_term(mine) == vectors_by_term(reference)


def test_scores_equal_the_builders_on_a_larger_varied_fixture():
    """Many stories of varied lengths (empty fields included), where field-length averages
    and idf take many values."""
    lines = (BENCHMARKS / "sentences_fr.txt").read_text(encoding="utf-8").splitlines()
    lines = [line for line in lines if line.strip() and not line.startswith("#")]
    rng = random.Random(12)
    docs = [
        {
            "ref": str(number),
            "title": rng.choice(lines)[:90],
            "summary": rng.choice(lines) if number % 7 else "",
            "tags": rng.choice(["Politique Sécurité", "Économie", ""]),
            "body": " ".join(rng.choice(lines) for _ in range(rng.randint(0, 60))),
        }
        for number in range(400)
    ]
    reference = builder_index(docs, "fr")
    mine = lunr_serialized([analyse_document(doc, "fr") for doc in docs], [d["ref"] for d in docs])
    assert vectors_by_term(mine) == vectors_by_term(reference)


def node(request: dict, tmp_path) -> dict:
    file = tmp_path / "request.json"
    file.write_text(json.dumps(request), encoding="utf-8")
    script = TESTS / "search" / "run_queries.cjs"
    result = subprocess.run(
        ["node", str(script), str(file)], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return json.loads(result.stdout)


def index_paths(site: BuiltSite) -> dict[str, str]:
    return {lang: str(site.path(f"{root(lang)}search-index.json")) for lang in ("fr", "en")}


def many_queries(site: BuiltSite, lang: str) -> list[tuple[str, bool]]:
    """The query table's, plus every word of the stories' titles alone, pairs of them, and
    their first three to five letters typed."""
    rows = [(text, typing) for row_lang, text, typing, _ in QUERY_TABLE if row_lang == lang]
    rng = random.Random(lang)
    for doc in stories(site, lang):
        words = [w for w in re.findall(r"[^\W_]+", doc["title"]) if len(w) > 2]
        rows += [(word, False) for word in words]
        if len(words) > 1:
            rows.append((" ".join(rng.sample(words, 2)), False))
        rows += [(word[: rng.randint(3, 5)], True) for word in words[:3]]
    return rows


@pytest.fixture(scope="module")
def node_results(site, tmp_path_factory) -> dict:
    queries = [
        {"lang": lang, "text": text, "typing": typing}
        for lang in ("fr", "en")
        for text, typing in many_queries(site, lang)
    ]
    out = node({"indexes": index_paths(site), "queries": queries}, tmp_path_factory.mktemp("node"))
    return {"queries": queries, **out}


def test_sharded_search_in_node_ranks_exactly_as_one_unsharded_lunr_index(site, node_results):
    """lunr.js over the shards a query loads, against lunr.py over one index built by its
    own Builder: the same stories, in the same order, with the same scores."""
    references = {}
    for lang in ("fr", "en"):
        register_pipeline(lang)
        references[lang] = Index.load(builder_index(stories(site, lang), lang))
    from briefing.search_text import build_query

    compared = 0
    for query, found in zip(node_results["queries"], node_results["results"], strict=True):
        index = references[query["lang"]]
        built = build_query(index, query["text"], query["lang"], typing=query["typing"])
        expected = index.query(built) if built.clauses else []
        assert [url for _, _, url in found] == [r["ref"] for r in expected], query
        assert [score for _, score, _ in found] == pytest.approx(
            [r["score"] for r in expected], abs=1e-9
        )
        compared += bool(expected)
    assert compared > 30


def test_a_query_reads_only_the_shards_it_needs(site, node_results):
    for lang in ("fr", "en"):
        data = manifest(site, lang)
        keys = data["shards"]["keys"]
        for query, read in zip(node_results["queries"], node_results["read"], strict=True):
            if query["lang"] != lang:
                continue
            shards = [name for name in read if "/s-" in name]
            # Each shard at most once per searcher, and never more shards than the query's
            # terms can need.
            assert len(shards) == len(set(shards))
            assert len(shards) <= len(keys)
            assert not [name for name in read if name.endswith(".html")]


@pytest.mark.parametrize(
    "row", range(len(QUERY_TABLE)), ids=[f"{q[0]}:{q[1]}" for q in QUERY_TABLE]
)
def test_python_and_javascript_return_the_same_stories_in_the_same_order(site, node_results, row):
    lang, text, typing, _ = QUERY_TABLE[row]
    expected = search(python_index(site, lang), text, lang, typing=typing)
    position = node_results["queries"].index({"lang": lang, "text": text, "typing": typing})
    assert [ref for ref, _, _ in node_results["results"][position]] == expected
    assert expected, f"{text!r} found nothing"


@pytest.mark.parametrize(
    "row", range(len(QUERY_TABLE)), ids=[f"{q[0]}:{q[1]}" for q in QUERY_TABLE]
)
def test_every_query_finds_its_story(site, row):
    lang, text, typing, story = QUERY_TABLE[row]
    refs = search(python_index(site, lang), text, lang, typing=typing)
    urls = [documents(site, lang)[int(ref)]["url"] for ref in refs]
    assert story in urls, (text, urls)


def test_every_indexed_word_stems_the_same_in_python_and_javascript(site, tmp_path):
    vocabulary = {}
    for lang in ("fr", "en"):
        words = set()
        for file in (site.output / ("en" if lang == "en" else "")).rglob("index.html"):
            if lang == "fr" and file.relative_to(site.output).parts[0] == "en":
                continue
            body = site.html(site.url_path_of(file)).select_one(".story-body")
            if body is not None:
                words.update(tokenize(body.get_text(" ")))
        for doc in documents(site, lang):
            words.update(tokenize(f"{doc['title']} {doc['summary']}"))
        vocabulary[lang] = sorted(words)
    stems = node({"indexes": index_paths(site), "queries": [], "vocabulary": vocabulary}, tmp_path)[
        "stems"
    ]
    for lang, words in vocabulary.items():
        assert len(words) > 150
        python = {w: (None if w in stopwords(lang) else stemmer(lang)(w)) for w in words}
        assert stems[lang] == python
        assert {s for s in python.values() if s} <= index_terms(site, lang)


def test_each_index_holds_only_its_own_language(site):
    fr_urls = {doc["url"] for doc in documents(site, "fr")}
    en_urls = {doc["url"] for doc in documents(site, "en")}
    assert FR_SEED in fr_urls and EN_SEED in en_urls
    assert not fr_urls & en_urls
    for lang, urls in (("fr", fr_urls), ("en", en_urls)):
        prefix = "en/" if lang == "en" else ""
        assert all(site.exists(prefix + url) for url in urls)
    fr_terms = index_terms(site, "fr")
    en_terms = index_terms(site, "en")
    assert "soudan" in fr_terms and "soudan" not in en_terms
    assert "wednesdai" not in fr_terms and "wednesday" not in fr_terms
    assert "wednesday" in en_terms


def test_documents_show_title_url_localised_date_and_summary(site):
    fr = next(doc for doc in documents(site, "fr") if doc["url"] == FR_SEED)
    en = next(doc for doc in documents(site, "en") if doc["url"] == EN_SEED)
    assert fr["date"] == "mars 2022" and en["date"] == "March 2022"
    assert fr["title"].startswith("Fin de la visite")
    assert en["summary"].startswith("Rwanda’s Chief of Staff")
    assert set(fr) == {"title", "url", "date", "summary", "passage"}


def words_a_reader_sees(site: BuiltSite, lang: str) -> set[str]:
    """The words of every indexed story as its page shows them: title, summary, category,
    tags and body text (never the markup around them)."""
    prefix = "en/" if lang == "en" else ""
    words: set[str] = set()
    for doc in documents(site, lang):
        page = site.html(prefix + doc["url"])
        shown = [
            doc["title"],
            doc["summary"],
            page.select_one(".story-header .kicker a").get_text(),
            *(tag.get_text() for tag in page.select(".tag-list a")),
            page.select_one(".story-body").get_text(" "),
        ]
        words.update(tokenize(" ".join(shown)))
    return words


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_index_holds_exactly_the_words_readers_see(site, lang):
    """Markup (tags, attributes, entities such as &amp;) never becomes a search term; the
    injection stories show `<img src=x onerror=…>` as text, so those words are terms."""
    expected = {
        stemmer(lang)(word)
        for word in words_a_reader_sees(site, lang)
        if word not in stopwords(lang)
    }
    assert index_terms(site, lang) == expected


def test_injection_payloads_stay_text_in_the_documents(site):
    for lang in ("fr", "en"):
        titles = [doc["title"] for doc in documents(site, lang)]
        assert any(title.startswith("<img src=x onerror=alert(1)>") for title in titles)


def search_files(output: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(output)): path.read_bytes()
        for pattern in (
            "search-index.json",
            "search-data/*",
            "en/search-index.json",
            "en/search-data/*",
        )
        for path in sorted(output.glob(pattern))
    }


def test_search_files_are_sharded_hashed_and_named_by_the_manifest(site):
    for lang in ("fr", "en"):
        data = manifest(site, lang)
        folder = site.output / root(lang)
        listed = {*search_shards.data_names(data)}
        for chunk in data["chunks"]["files"]:
            rows = json.loads((folder / f"search-data/{chunk}.json").read_text(encoding="utf-8"))
            listed |= {f"search-data/{row[4]}.json" for row in rows}
        on_disk = {str(p.relative_to(folder)) for p in (folder / "search-data").iterdir()}
        assert listed == on_disk, lang
        for name in on_disk:  # each named by the hash of its bytes
            assert (
                name.split("-", 2)[-1]
                == search_shards.file_hash((folder / name).read_bytes()) + ".json"
            )
        assert data["shards"]["keys"] == sorted(data["shards"]["keys"])
        assert len(documents(site, lang)) == data["documents"]


def test_search_files_are_byte_identical_when_rebuilt(site, tmp_path):
    again = build_site(site.output.parent / "content", tmp_path / "again", extra=WITHOUT_RULEBOOK)
    assert search_files(again.output) == search_files(site.output)


def test_an_edit_reindexes_and_rewrites_only_what_changed_and_equals_a_cold_build(tmp_path):
    """Small shards, so that one story's change leaves most of them alone; the second build
    analyses one story, writes only new files, and its files equal a cold build's.

    The edit swaps one word for another, so field lengths (whose averages weigh every score,
    as in lunr) stay the same: only the shards of the two words, the story's result data
    and passages, and the suggestion words change."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    shutil.copytree(TESTS / "sites" / "search" / "extra", content, dirs_exist_ok=True)
    extra = {**WITHOUT_RULEBOOK, "SEARCH_SHARD_BYTES": 400, "SEARCH_CHUNK_DOCUMENTS": 1}
    first = build_site(content, tmp_path / "output", extra=extra)
    before = search_files(first.output)
    story = content / "fr" / "2023" / "injection.md"
    story.write_text(
        story.read_text(encoding="utf-8").replace("piégé", "corrigé"), encoding="utf-8"
    )
    mtimes = {name: (first.output / name).stat().st_mtime_ns for name in before}
    caches = {
        lang: tmp_path / "output-cache" / root(lang) / "search-analysis.pickle"
        for lang in ("fr", "en")
    }
    cached = {lang: pickle.loads(path.read_bytes()) for lang, path in caches.items()}
    cache_times = {lang: path.stat().st_mtime_ns for lang, path in caches.items()}
    second = build_site(content, tmp_path / "output", extra=extra)
    # The French cache gained the edited story (and lost its old text); English was left alone.
    new_cache = pickle.loads(caches["fr"].read_bytes())
    assert len(set(new_cache) - set(cached["fr"])) == 1 and len(new_cache) == len(cached["fr"])
    assert caches["en"].stat().st_mtime_ns == cache_times["en"]
    after = search_files(second.output)
    rewritten = {
        name
        for name in after
        if name not in before or (second.output / name).stat().st_mtime_ns != mtimes[name]
    }
    english = {name for name in after if name.startswith("en/")}
    # English did not change: only its manifest is written again.
    assert rewritten & english == {"en/search-index.json"}
    french_data = {name for name in after if name.startswith("search-data/")}
    assert 0 < len(rewritten & french_data) < len(french_data) / 3
    assert set(before) - set(after)  # the old story's files are gone
    cold = build_site(content, tmp_path / "cold", extra=extra)
    assert search_files(cold.output) == after


@pytest.mark.parametrize(
    ("shipped", "installed"),
    [
        ("lunr.min.js", "lunr/lunr.min.js"),
        ("lunr.stemmer.support.min.js", "lunr-languages/min/lunr.stemmer.support.min.js"),
        ("lunr.fr.min.js", "lunr-languages/min/lunr.fr.min.js"),
    ],
)
def test_browser_libraries_are_the_files_npm_installed(site, shipped, installed):
    """The site ships the libraries package-lock.json pins, unchanged (the stemmer must be
    the one the Python side matches, see test_every_indexed_word_stems_the_same…)."""
    built = site.output / "theme" / "vendor" / shipped
    assert built.read_bytes() == (ROOT / "node_modules" / installed).read_bytes()


def test_every_page_has_the_search_box_and_each_language_a_search_page(site):
    for page in ("", FR_SEED, "404.html", "en/", "en/" + EN_SEED, "en/404.html"):
        form = site.html(page).select_one("form.search-form[role=search]")
        assert form is not None and form.select_one("input[type=text][name=q]"), page
    fr_form = site.html(FR_SEED).select_one("form.search-form")
    assert site.resolve(FR_SEED, fr_form["action"]) == "recherche/"
    assert site.resolve(FR_SEED, fr_form["data-search-index"]) == "search-index.json"
    assert not fr_form.has_attr("data-search-documents")
    assert site.resolve(FR_SEED, fr_form["data-other-index"]) == "en/search-index.json"
    en_page = site.html("en/search/")
    assert en_page.html["lang"] == "en"
    assert "Search needs JavaScript" in en_page.select_one("[data-search-needs-js]").get_text()
    fr_notice = site.html("recherche/").select_one("[data-search-needs-js]").get_text()
    assert "La recherche a besoin de JavaScript" in fr_notice


def test_a_damaged_analysis_cache_means_analysing_again(tmp_path):
    from search_index.search_index import load_cache

    path = tmp_path / "search-analysis.pickle"
    path.write_bytes(b"\x80\x05truncated")
    data, note = load_cache(path)
    assert data == {} and "analysing again" in note
    assert load_cache(tmp_path / "absent.pickle") == ({}, None)
