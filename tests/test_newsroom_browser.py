"""What a reader sees, in Chromium, of the news pages: the story page with its standfirst,
byline, correction and related stories; the search page's own box, its ways forward when
nothing matches and its query kept across languages; the way back from an untranslated
story; the 404 page of /en/; the offer to switch to the browser's language; and a header
that leaves the phone's screen to the news.

The site is the browser tests' one (tests/conftest.py `browser_site`), served under
/briefing/ as GitHub Pages serves a project site; every page is watched for console
errors, CSP violations and stray requests.
"""

from __future__ import annotations

import re

import pytest
from conftest import ServedSite
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser  # every test here drives Chromium

FR_SEED = "2022/03/visite-etat-major-rwandais-en-france/"
EN_SEED = "en/2022/03/rwandan-general-staff-delegation-concludes-visit-france/"
FR_ONLY = "2023/04/senegal-nouveau-port-de-peche/"
CORRECTED = "en/2023/01/kigali-airport-opens/"
PHONE = {"width": 390, "height": 844}
HEADER_SHARE = 0.15


def test_a_corrected_story_reads_as_a_news_story(watched: Page, browser_site: ServedSite):
    watched.goto(browser_site.url(CORRECTED))
    expect(watched.locator("h1")).to_have_text("Kigali’s “new” airport opens – a year late")
    header = watched.locator(".story-header")
    expect(header.locator(".kicker")).to_have_text("Africa")
    expect(header.locator(".standfirst")).to_have_text(
        "The airport’s first flights landed on Tuesday – a year after the planned date."
    )
    expect(header.locator(".author")).to_have_text("By Jane Reporter")
    expect(header.locator(".updated")).to_have_text("Updated January 12, 2023")
    expect(header.locator(".reading-time")).to_have_text("1 min read")
    correction = watched.locator(".story-footer .correction")
    expect(correction).to_be_visible()
    expect(correction).to_contain_text("Correction January 12, 2023")
    expect(correction).to_contain_text("An earlier version gave the wrong opening year.")
    source = watched.locator(".story-source a")
    expect(source).to_have_text("Test agency")
    expect(source).to_have_attribute("href", "https://example.com/kigali")
    related = watched.locator(".related-list a")
    expect(related.first).to_have_text(
        "The Rwandan General Staff Delegation concludes its visit to France"
    )
    with watched.expect_navigation():
        related.first.click()
    assert watched.url == browser_site.url(EN_SEED)
    expect(watched.locator(".story-header .author")).to_have_text("By the newsroom")


def test_a_section_offers_its_feed(watched: Page, browser_site: ServedSite):
    watched.goto(browser_site.url("en/category/africa/"))
    follow = watched.locator(".follow a")
    expect(follow).to_have_text("Follow Africa (Atom feed)")
    expect(follow).to_have_attribute("href", browser_site.url("en/feeds/category/africa.atom.xml"))
    response = watched.request.get(follow.get_attribute("href"))
    assert response.status == 200 and b"<feed" in response.body()


def search_box(page: Page):
    return page.locator("main form.search-form input[name=q]")


def test_the_search_page_has_its_own_box_and_keeps_the_query_across_languages(
    watched: Page, browser_site: ServedSite
):
    watched.goto(browser_site.url("recherche/"))
    expect(watched.locator("header form.search-form")).to_have_count(0)
    box = search_box(watched)
    expect(box).to_be_visible()
    box.press_sequentially("kazura")
    expect(watched.locator("main #search-results li")).to_have_count(1)
    expect(watched).to_have_url(re.compile(r"/briefing/recherche/\?q=kazura$"))
    switcher = watched.locator(".language-switcher a")
    expect(switcher).to_have_attribute("href", re.compile(r"/en/search/\?q=kazura$"))
    with watched.expect_navigation():
        switcher.click()
    assert watched.url == browser_site.url("en/search/?q=kazura")
    expect(search_box(watched)).to_have_value("kazura")
    expect(watched.locator("main #search-results .search-result-title")).to_have_text(
        ["The Rwandan General Staff Delegation concludes its visit to France"]
    )


def test_no_result_on_the_search_page_offers_a_spelling_sections_and_topics(
    watched: Page, browser_site: ServedSite
):
    watched.goto(browser_site.url("recherche/?q=kazuro"))
    expect(watched.locator("#search-status")).to_have_text(
        "Aucun article ne correspond à «\u00a0kazuro\u00a0»."
    )
    suggestion = watched.locator("#search-suggest a")
    expect(suggestion).to_have_text("kazura")
    browse = watched.locator("[data-search-browse]")
    expect(browse).to_be_visible()
    expect(browse.locator("a", has_text="Afrique")).to_have_count(1)
    expect(browse.locator("a", has_text="Rwanda")).to_have_count(1)
    with watched.expect_navigation():
        suggestion.click()
    expect(watched.locator("main #search-results li")).to_have_count(1)
    expect(browse).to_be_hidden()


def test_no_result_in_the_header_panel_offers_a_way_forward(
    watched: Page, browser_site: ServedSite
):
    watched.goto(browser_site.url("en/"))
    watched.locator("#search-q").press_sequentially("securty ")
    expect(watched.locator("#search-status")).to_have_text("No story matches “securty ”.")
    line = watched.locator("#search-suggest")
    expect(line.locator("a").first).to_have_text("security")
    expect(line.locator("a", has_text="sections")).to_have_attribute(
        "href", browser_site.url("en/categories/")
    )
    expect(line.locator("a", has_text="topics")).to_have_attribute(
        "href", browser_site.url("en/tags/")
    )


def test_an_untranslated_story_says_so_and_the_other_home_leads_back(
    watched: Page, browser_site: ServedSite
):
    watched.goto(browser_site.url(FR_ONLY))
    switch = watched.locator(".language-switcher a")
    expect(switch).to_have_text("No English version")
    with watched.expect_navigation():
        switch.click()
    assert watched.url.startswith(browser_site.url("en/?from="))
    notice = watched.locator("#only-in-fr")
    expect(notice).to_be_visible()
    back = notice.locator(".notice-back-story")
    expect(back).to_have_text("Back to the story")
    with watched.expect_navigation():
        back.click()
    assert watched.url == browser_site.url(FR_ONLY)


def test_a_forged_way_back_leads_nowhere_else(watched: Page, browser_site: ServedSite):
    for forged in ("//evil.example/", "javascript:alert(1)", "../../../etc/", "x/../../y/"):
        watched.goto(browser_site.url(f"en/?from={forged}#only-in-fr"))
        expect(watched.locator("#only-in-fr .notice-back-story")).to_be_hidden()


def test_a_mistyped_english_address_gets_the_english_404(watched: Page, browser_site: ServedSite):
    missing = browser_site.url("en/no/such/page/")
    watched.watch.expected_404.add(missing)
    response = watched.goto(missing)
    assert response.status == 404
    expect(watched.locator("html")).to_have_attribute("lang", "en")
    expect(watched.locator("main h1:visible")).to_have_text("Page not found")
    expect(watched).to_have_title("Page not found — The Briefing")
    home = watched.locator("main a:visible", has_text="Go to the home page")
    expect(home).to_have_attribute("href", "/briefing/en/")
    french = browser_site.url("pas/de/page/")
    watched.watch.expected_404.add(french)
    watched.goto(french)
    expect(watched.locator("main h1:visible")).to_have_text("Page introuvable")


@pytest.mark.parametrize(
    ("locale", "page", "offered"),
    [
        ("en-US", FR_SEED, "en"),
        ("fr-FR", EN_SEED, "fr"),
        ("fr-FR", FR_SEED, None),  # already in the preferred language
        ("en-US", FR_ONLY, None),  # no English version to offer
        ("de-DE", FR_SEED, None),  # a language the site does not have
    ],
)
def test_the_browsers_language_is_offered_once_and_never_imposed(
    browser, browser_site: ServedSite, locale, page, offered
):
    context = browser.new_context(locale=locale)
    tab = context.new_page()
    tab.goto(browser_site.url(page))
    offer = tab.locator(".language-offer:visible")
    if offered is None:
        tab.wait_for_timeout(200)
        expect(offer).to_have_count(0)
        context.close()
        return
    expect(offer).to_have_attribute("lang", offered)
    assert tab.url == browser_site.url(page)  # an offer, never a redirect
    offer.locator("button").click()
    expect(offer).to_have_count(0)
    tab.reload()
    tab.wait_for_timeout(200)
    expect(tab.locator(".language-offer:visible")).to_have_count(0)
    assert context.cookies() == []
    stored = tab.evaluate("Object.keys(localStorage)")
    assert stored == ["briefing-language-offer"]
    context.close()


@pytest.mark.parametrize(
    "page", ["", "en/", FR_SEED, EN_SEED, FR_ONLY, CORRECTED, "recherche/", "en/search/"]
)
def test_on_a_phone_the_header_takes_at_most_15_percent_of_the_screen(
    browser, browser_site: ServedSite, page
):
    context = browser.new_context(viewport=PHONE, locale="en-US")
    tab = context.new_page()
    tab.goto(browser_site.url(page))
    height = tab.evaluate("document.querySelector('.site-header').getBoundingClientRect().height")
    assert height <= HEADER_SHARE * PHONE["height"], f"{page}: header {height:.0f} px"
    # Everything in it still reachable: the switcher and the navigation are on screen.
    expect(tab.locator(".language-switcher a")).to_be_in_viewport()
    expect(tab.locator(".site-nav a").nth(1)).to_be_in_viewport()
    context.close()


def test_the_front_page_leads_with_one_story_then_sections(watched: Page, browser_site: ServedSite):
    watched.goto(browser_site.url(""))
    lead = watched.locator(".lead-story")
    expect(lead.locator(".kicker")).to_have_text("À la une")
    expect(lead.locator(".lead-title")).to_be_in_viewport()
    expect(lead.locator(".standfirst")).to_be_visible()
    sections = watched.locator(".front-section h2")
    expect(sections.first).to_be_visible()
    # The lead's headline is the largest on the page: the hierarchy a reader sees.
    sizes = watched.evaluate(
        """() => [...document.querySelectorAll('.lead-title, .front-list h3')]
                 .map(e => parseFloat(getComputedStyle(e).fontSize))"""
    )
    assert sizes[0] > max(sizes[1:])


@pytest.mark.parametrize(("page", "lang"), [("", "fr"), (EN_SEED, "en")])
def test_the_browser_finds_the_icons_and_the_manifest(
    watched: Page, browser_site: ServedSite, page, lang
):
    watched.goto(browser_site.url(page))
    found = watched.evaluate(
        """async () => {
            const get = async (selector) => {
                const response = await fetch(document.querySelector(selector).href);
                return [response.status, response.headers.get("content-type")];
            };
            const link = document.querySelector('link[rel=manifest]');
            const manifest = await (await fetch(link.href)).json();
            return {
                ico: await get('link[rel=icon][sizes]'),
                touch: await get('link[rel=apple-touch-icon]'),
                manifest: [manifest.lang, manifest.start_url, manifest.icons.length],
            };
        }"""
    )
    assert found["ico"][0] == 200 and found["touch"] == [200, "image/png"]
    assert found["manifest"] == [lang, "./", 2]
