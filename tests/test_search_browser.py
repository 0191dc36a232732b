"""Search in a real browser: the site served under a GitHub Pages-like subpath, driven in
Chromium as a reader would use it. A query fetches the manifest, then only the index shards
it needs, the result data of the results shown and one passage file per result: never a
story page."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, TESTS, WITHOUT_RULEBOOK, ServedSite, serve_built_site
from lunr.index import Index
from playwright.sync_api import Page, expect

from briefing.search_shards import read_index
from briefing.search_text import query_terms, register_pipeline, search

pytestmark = pytest.mark.browser  # every test here drives Chromium

FR_SEED = "2022/03/visite-etat-major-rwandais-en-france/"
EN_SEED = "en/2022/03/rwandan-general-staff-delegation-concludes-visit-france/"
FR_TITLE = "Fin de la visite d’une délégation de l’état-major rwandais en France"
EN_TITLE = "The Rwandan General Staff Delegation concludes its visit to France"


@pytest.fixture
def served(browser_site: ServedSite) -> ServedSite:
    return browser_site


@pytest.fixture
def page(watched):
    """A watched page: console errors, CSP violations, failed or foreign requests and
    dialogs (which an injected alert() would open) fail the test."""
    return watched


def search_box(page: Page):
    return page.locator("form.search-form input[name=q]")


def test_index_is_requested_only_when_the_reader_starts_searching(page, served):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(served.url(FR_SEED))
    page.wait_for_load_state("networkidle")
    assert not [url for url in requested if "search-" in url or "lunr" in url]
    with page.expect_request(re.compile(r"/briefing/search-index\.json$")):
        search_box(page).focus()
    page.wait_for_load_state("networkidle")
    # Focus loads the manifest and the libraries: no shard before a query.
    assert not [url for url in requested if "/search-data/" in url]


def test_typing_shows_results_with_the_seed_story_and_highlights(page, served):
    page.goto(served.url(FR_SEED))
    search_box(page).press_sequentially("securite")
    first = page.locator("#search-results li").first
    expect(first.locator(".search-result-title")).to_have_text(FR_TITLE)
    expect(page.locator("#search-status")).to_have_text("1 article trouvé")
    expect(first.locator("mark").first).to_have_text(re.compile("sécurité", re.I))
    expect(first.locator(".search-result-date")).to_have_text("mars 2022")


def test_arrow_keys_and_enter_open_a_result(page, served):
    page.goto(served.url(""))
    box = search_box(page)
    box.press_sequentially("kazura")
    expect(page.locator("#search-results li")).to_have_count(1)
    box.press("ArrowDown")
    expect(page.locator("#search-results [role=option]").first).to_have_attribute(
        "aria-selected", "true"
    )
    expect(box).to_have_attribute("aria-activedescendant", "search-result-0")
    box.press("Enter")
    page.wait_for_url(served.url(FR_SEED))


@pytest.mark.parametrize("query", ["deploying", "security"])
def test_english_search_finds_the_english_seed(page, served, query):
    page.goto(served.url("en/"))
    search_box(page).press_sequentially(query)
    titles = page.locator("#search-results .search-result-title")
    expect(titles.filter(has_text=EN_TITLE)).to_have_count(1)
    expect(page.locator("#search-results mark").first).to_be_visible()


def test_other_language_line_opens_that_languages_search(page, served):
    page.goto(served.url(FR_SEED))
    search_box(page).press_sequentially("Kazura ")
    other = page.locator("#search-other a")
    expect(other).to_have_text("1 résultat en anglais")
    other.click()
    page.wait_for_url(re.compile(r"/briefing/en/search/\?q=Kazura"))
    expect(page.locator("main #search-results .search-result-title")).to_have_text([EN_TITLE])


def test_injection_payloads_show_as_text_and_never_run(page, served):
    page.goto(served.url(""))
    search_box(page).press_sequentially("piégé")
    title = page.locator("#search-results .search-result-title").first
    expect(title).to_have_text("<img src=x onerror=alert(1)> Un titre piégé")
    expect(
        page.locator("#search-results img, #search-results svg, #search-results script")
    ).to_have_count(0)
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.pwned") == "undefined"


def test_search_page_answers_a_query_in_the_address(page, served):
    page.goto(served.url("recherche/?q=" + "état-major"))
    expect(page.locator("main #search-results .search-result-title").first).to_have_text(FR_TITLE)
    expect(search_box(page)).to_have_value("état-major")


def test_without_javascript_the_search_page_says_it_needs_it(browser, served):  # unwatched
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served.url("en/search/?q=security"))
    expect(page.locator("main .notice")).to_contain_text("Search needs JavaScript")
    expect(page.locator("[data-search-page]")).to_be_hidden()
    context.close()


def test_with_javascript_the_search_page_invites_typing(page, served):
    page.goto(served.url("en/search/"))
    expect(page.locator("[data-search-needs-js]")).to_be_hidden()
    expect(page.locator("[data-search-page]")).to_have_text(
        "Type what you are looking for: results appear as you type."
    )


def test_no_result_says_so(page, served):
    page.goto(served.url("en/"))
    search_box(page).press_sequentially("zzzyx ")
    expect(page.locator("#search-status")).to_have_text("No story matches “zzzyx ”.")


def test_results_show_passages_as_text_and_no_story_page_is_fetched(page, served):
    page.goto(served.url("en/"))
    page.wait_for_load_state("networkidle")
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    search_box(page).press_sequentially("kazura", delay=80)
    snippet = page.locator("#search-results .search-result-snippet").first
    expect(snippet.locator("mark").first).to_be_visible()
    page.wait_for_load_state("networkidle")
    # The passage is a sentence of the story's text, not its summary.
    assert "Kazura" in snippet.inner_text()
    assert not [url for url in fetched if url.endswith((".html", "/"))], fetched
    data = [url.rsplit("/", 1)[1][:2] for url in fetched if "/search-data/" in url]
    assert set(data) <= {"s-", "d-", "p-"} and "p-" in data, fetched
    expect(page.locator("#search-results img, #search-results script")).to_have_count(0)


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("l'état", FR_TITLE),  # elision split, accent folded
        ("l’etat-major", FR_TITLE),
        ("déployés", FR_TITLE),  # stemmed: déploy
        ("SÉCURITÉ rwandais", FR_TITLE),
        ("sécu", FR_TITLE),  # a prefix, as typed
    ],
)
def test_french_queries_find_the_french_seed(page, served, query, title):
    page.goto(served.url(""))
    search_box(page).press_sequentially(query)
    expect(
        page.locator("#search-results .search-result-title").filter(has_text=title)
    ).to_have_count(1)


def test_a_misspelt_word_gets_a_did_you_mean_from_the_index_words(page, served):
    page.goto(served.url(""))
    search_box(page).press_sequentially("kazuru ")
    expect(page.locator("#search-suggest a").first).to_have_text("kazura")
    page.locator("#search-suggest a").first.click()
    page.wait_for_url(re.compile(r"/briefing/recherche/\?q=kazura"))
    expect(page.locator("main #search-results .search-result-title").first).to_have_text(FR_TITLE)


# --- A site whose index is cut into many small shards -----------------------------------


# A story of about 1 MB whose every sentence holds the word searched for.
LONG_STORY = (
    "Title: Le grand inventaire des baobabs\nDate: 2023-04-02\nLang: fr\n"
    "Slug: inventaire-baobabs\nTranslation_key: 2023-04-baobab-census\nCategory: Afrique\n"
    "Tags: Rwanda\nSummary: Un inventaire sans fin des baobabs.\nAuthor:\nSource: RFI\n"
    "Source_url:\n\n"
    + "\n\n".join(
        f"Le baobab numéro {n} pousse lentement au bord de la piste {n % 97}."
        for n in range(16_000)
    )
    + "\n"
)


@pytest.fixture(scope="module")
def sharded(tmp_path_factory: pytest.TempPathFactory):
    """The search fixture with shards of ~300 bytes: dozens of them per language."""
    work = tmp_path_factory.mktemp("sharded")
    content = work / "content"
    shutil.copytree(ROOT / "content", content)
    shutil.copytree(TESTS / "sites" / "search" / "extra", content, dirs_exist_ok=True)
    (content / "fr" / "2023" / "long.md").write_text(LONG_STORY, encoding="utf-8")
    yield from serve_built_site(
        content,
        work,
        extra={**WITHOUT_RULEBOOK, "SEARCH_SHARD_BYTES": 300, "SEARCH_CHUNK_DOCUMENTS": 1},
    )


def manifest_of(site_root: Path) -> dict:
    return json.loads((site_root / "search-index.json").read_text(encoding="utf-8"))


def shards_needed(manifest: dict, lang: str, query: str, typing: bool) -> set[str]:
    """The shard files covering the query's terms (search-pipeline.js's shardsFor)."""
    keys = manifest["shards"]["keys"]
    needed = set()
    for item in query_terms(query, lang, typing=typing):
        first = max(n for n, key in enumerate(keys) if key <= item.term)
        numbers = [first]
        if item.prefix:
            numbers += [
                n for n in range(first + 1, len(keys))
                if keys[n] < item.term or keys[n].startswith(item.term)
            ]  # fmt: skip
        needed |= {manifest["shards"]["files"][n] + ".json" for n in numbers}
    return needed


def reference_urls(site_root: Path, lang: str, query: str, typing: bool) -> list[str]:
    """The ranking of the whole index put back together in lunr.py (one unsharded index)."""
    register_pipeline(lang)
    serialized, documents = read_index(
        manifest_of(site_root), lambda name: json.loads((site_root / name).read_text("utf-8"))
    )
    return [
        documents[int(ref)][1] for ref in search(Index.load(serialized), query, lang, typing=typing)
    ]


@pytest.mark.parametrize(
    ("lang", "query", "typing"),
    [("fr", "kazura ", False), ("fr", "rwanda sécurité ", False), ("fr", "sécu", True),
     ("en", "security ", False), ("en", "staff deleg", True)],
)  # fmt: skip
def test_a_query_loads_only_the_shards_it_needs_and_ranks_as_one_index(
    browser, sharded, lang, query, typing
):
    site_root = sharded.site.output / ("en" if lang == "en" else "")
    manifest = manifest_of(site_root)
    assert len(manifest["shards"]["files"]) > 20
    context = browser.new_context()
    page = context.new_page()
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(sharded.url("en/" if lang == "en" else ""))
    search_box(page).press_sequentially(query)
    links = page.locator("#search-results a[role=option]")
    expect(links.first).to_be_visible()
    page.wait_for_load_state("networkidle")
    own = [url for url in fetched if "/search-data/s-" in url and ("/en/" in url) == (lang == "en")]
    assert {url.rsplit("/", 1)[1] for url in own} == shards_needed(manifest, lang, query, typing)
    assert len(own) == len(set(own))  # each once
    expected = reference_urls(site_root, lang, query, typing)
    shown = [link.get_attribute("href") for link in links.all()]
    assert [
        sharded.site.siteurl + "/" + ("en/" if lang == "en" else "") + url for url in expected
    ] == shown
    # The same query again, and a query of the same words: nothing new is fetched.
    before = len(fetched)
    search_box(page).fill("")
    search_box(page).press_sequentially(query)
    expect(links.first).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert [url for url in fetched[before:] if "/search-data/" in url] == []
    context.close()


def test_a_huge_matching_story_costs_a_small_passage_file_not_its_page(browser, sharded):
    """A 1 MB story matching every keystroke: the reader's browser fetches its result data
    and a passage file of a few kB, never the story (which took seconds per keystroke)."""
    story = sharded.site.output / "2023" / "04" / "inventaire-baobabs" / "index.html"
    assert story.stat().st_size > 1_000_000
    context = browser.new_context()
    page = context.new_page()
    sizes: dict[str, int] = {}
    page.on("response", lambda response: sizes.__setitem__(response.url, len(response.body())))
    page.goto(sharded.url(""))
    page.wait_for_load_state("networkidle")
    sizes.clear()
    search_box(page).press_sequentially("baobab", delay=100)
    title = page.locator("#search-results .search-result-title").first
    expect(title).to_have_text("Le grand inventaire des baobabs")
    snippet = page.locator("#search-results .search-result-snippet").first
    expect(snippet).to_contain_text("Le baobab numéro")
    page.wait_for_load_state("networkidle")
    assert not [url for url in sizes if "inventaire-baobabs" in url]
    passages = {url: size for url, size in sizes.items() if "/search-data/p-" in url}
    assert passages and max(passages.values()) < 6_000, sizes
    data = [size for url, size in sizes.items() if "/search-data/" in url]
    assert sum(data) < 30_000, sizes
    context.close()
