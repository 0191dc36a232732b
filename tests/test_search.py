"""Search: the indexes lunr.py builds answer the same in Python and in Node (lunr.js with
the site's pipeline), French is handled as a French reader expects, and each language's
index holds only its own stories.

The site is the real content/ plus tests/sites/search/extra/ (a story that mentions
"Tuesday", which the seed story does not, and stories carrying injection payloads).
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from conftest import ROOT, TESTS, WITHOUT_RULEBOOK, BuiltSite, build_site
from lunr.index import Index

from briefing.search_pack import unpack_index
from briefing.search_text import register_pipeline, search, stemmer, stopwords, tokenize

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


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    work = tmp_path_factory.mktemp("search")
    content = work / "content"
    shutil.copytree(ROOT / "content", content)
    shutil.copytree(TESTS / "sites" / "search" / "extra", content, dirs_exist_ok=True)
    # The injection stories are refused by the rulebook: built without it, they show that
    # the search files keep payloads as text by themselves.
    return build_site(content, work / "output", extra=WITHOUT_RULEBOOK)


def payload(site: BuiltSite, lang: str) -> dict:
    prefix = "en/" if lang == "en" else ""
    return json.loads(site.path(f"{prefix}search-index.json").read_text(encoding="utf-8"))


def documents(site: BuiltSite, lang: str) -> list[dict]:
    prefix = "en/" if lang == "en" else ""
    data = json.loads(site.path(f"{prefix}search-documents.json").read_text(encoding="utf-8"))
    return data["documents"]


def python_index(site: BuiltSite, lang: str) -> Index:
    register_pipeline(lang)
    return Index.load(unpack_index(payload(site, lang)["index"]))


def node(request: dict, tmp_path) -> dict:
    file = tmp_path / "request.json"
    file.write_text(json.dumps(request), encoding="utf-8")
    script = TESTS / "search" / "run_queries.cjs"
    result = subprocess.run(
        ["node", str(script), str(file)], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return json.loads(result.stdout)


def index_paths(site: BuiltSite) -> dict[str, str]:
    return {
        lang: str(site.path(("en/" if lang == "en" else "") + "search-index.json"))
        for lang in ("fr", "en")
    }


@pytest.fixture(scope="module")
def node_results(site, tmp_path_factory) -> list[list[str]]:
    request = {
        "indexes": index_paths(site),
        "queries": [
            {"lang": lang, "text": text, "typing": typing} for lang, text, typing, _ in QUERY_TABLE
        ],
    }
    return node(request, tmp_path_factory.mktemp("node"))["results"]


@pytest.mark.parametrize(
    "row", range(len(QUERY_TABLE)), ids=[f"{q[0]}:{q[1]}" for q in QUERY_TABLE]
)
def test_python_and_javascript_return_the_same_stories_in_the_same_order(site, node_results, row):
    lang, text, typing, _ = QUERY_TABLE[row]
    expected = search(python_index(site, lang), text, lang, typing=typing)
    assert node_results[row] == expected
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
        indexed = set(payload(site, lang)["index"]["terms"])
        assert {s for s in python.values() if s} <= indexed


def test_each_index_holds_only_its_own_language(site):
    fr_urls = {doc["url"] for doc in documents(site, "fr")}
    en_urls = {doc["url"] for doc in documents(site, "en")}
    assert FR_SEED in fr_urls and EN_SEED in en_urls
    assert not fr_urls & en_urls
    for lang, urls in (("fr", fr_urls), ("en", en_urls)):
        prefix = "en/" if lang == "en" else ""
        assert all(site.exists(prefix + url) for url in urls)
    fr_terms = set(payload(site, "fr")["index"]["terms"])
    en_terms = set(payload(site, "en")["index"]["terms"])
    assert "soudan" in fr_terms and "soudan" not in en_terms
    assert "wednesdai" not in fr_terms and "wednesday" not in fr_terms
    assert "wednesday" in en_terms


def test_documents_show_title_url_localised_date_and_summary(site):
    fr = next(doc for doc in documents(site, "fr") if doc["url"] == FR_SEED)
    en = next(doc for doc in documents(site, "en") if doc["url"] == EN_SEED)
    assert fr["date"] == "mars 2022" and en["date"] == "March 2022"
    assert fr["title"].startswith("Fin de la visite")
    assert en["summary"].startswith("Rwanda’s Chief of Staff")
    assert set(fr) == {"title", "url", "date", "summary"}


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
    assert set(payload(site, lang)["index"]["terms"]) == expected


def test_injection_payloads_stay_text_in_the_documents(site):
    for lang in ("fr", "en"):
        titles = [doc["title"] for doc in documents(site, lang)]
        assert any(title.startswith("<img src=x onerror=alert(1)>") for title in titles)


def test_indexes_are_byte_identical_when_rebuilt(site, tmp_path):
    again = build_site(site.output.parent / "content", tmp_path / "again", extra=WITHOUT_RULEBOOK)
    for name in (
        "search-index.json",
        "search-documents.json",
        "en/search-index.json",
        "en/search-documents.json",
    ):
        assert again.path(name).read_bytes() == site.path(name).read_bytes(), name


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
    assert site.resolve(FR_SEED, fr_form["data-other-index"]) == "en/search-index.json"
    en_page = site.html("en/search/")
    assert en_page.html["lang"] == "en"
    assert "Search needs JavaScript" in en_page.select_one("[data-search-needs-js]").get_text()
    fr_notice = site.html("recherche/").select_one("[data-search-needs-js]").get_text()
    assert "La recherche a besoin de JavaScript" in fr_notice


def test_packed_index_matches_exactly_what_lunrs_own_index_matches(site):
    """The packed file loses nothing but the body's score precision."""
    from search_index.search_index import build_index

    from briefing.search_pack import pack_index

    docs = [
        {
            "id": str(number),
            "title": doc["title"],
            "summary": doc["summary"],
            "tags": "",
            "body": site.html(doc["url"]).select_one(".story-body").get_text(" "),
        }
        for number, doc in enumerate(documents(site, "fr"))
    ]
    exact = build_index(docs, "fr")
    unpacked = unpack_index(pack_index(exact, levels=32))
    assert dict(unpacked["invertedIndex"]).keys() == dict(exact["invertedIndex"]).keys()
    exact_index, packed_index = Index.load(exact), Index.load(unpacked)
    for _, text, typing, _ in (row for row in QUERY_TABLE if row[0] == "fr"):
        assert set(search(packed_index, text, "fr", typing=typing)) == set(
            search(exact_index, text, "fr", typing=typing)
        )
    exact_vectors = dict(exact["fieldVectors"])
    for field_ref, elements in unpacked["fieldVectors"]:
        if not field_ref.startswith("body/"):
            assert sorted(elements[1::2]) == sorted(exact_vectors[field_ref][1::2])
