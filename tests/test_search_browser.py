"""Search in a real browser: the site served under a GitHub Pages-like subpath, driven in
Chromium as a reader would use it."""

from __future__ import annotations

import re

import pytest
from conftest import ServedSite
from playwright.sync_api import Page, expect

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
    assert not [url for url in requested if "search-index" in url or "lunr" in url]
    with page.expect_request(re.compile(r"/briefing/search-index\.json$")):
        search_box(page).focus()


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


def test_typing_fetches_each_shown_story_once_for_its_passage(page, served):
    page.goto(served.url("en/"))
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    search_box(page).press_sequentially("kazura", delay=80)
    expect(page.locator("#search-results .search-result-snippet mark").first).to_be_visible()
    story = served.url(EN_SEED)
    assert fetched.count(story) == 1, fetched
