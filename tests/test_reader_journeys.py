"""What a reader does, in Chromium, on the site served under /briefing/ as GitHub Pages
serves a project site: switching languages, following links, and never meeting an error,
a stray request or a script the site did not write.

Every page a test opens in Chromium is watched (the `watched` fixture): console errors,
Content-Security-Policy violations, failed requests, error responses and requests to any
host but the local server fail the test. The crawl needs no browser, only the served
site, so `invoke test --fast` runs it too.
"""

from __future__ import annotations

import re
import shutil
import urllib.error
import urllib.request
from collections import deque
from urllib.parse import urljoin, urlparse

import pytest
from bs4 import BeautifulSoup
from conftest import BROWSER_EXTRAS, ROOT, WATCH_SCRIPT, Watch
from playwright.sync_api import Page, expect

from briefing.checker import check_content

FR_SEED = "2022/03/visite-etat-major-rwandais-en-france/"
EN_SEED = "en/2022/03/rwandan-general-staff-delegation-concludes-visit-france/"
FR_ONLY = "2023/04/senegal-nouveau-port-de-peche/"
INJECTION = "2023/02/injection-partout/"


def click_switcher(page: Page) -> None:
    with page.expect_navigation():
        page.locator(".language-switcher a").click()


@pytest.mark.browser
@pytest.mark.parametrize(
    ("start", "other"),
    [
        (FR_SEED, EN_SEED),
        ("sujet/rwanda/", "en/tag/rwanda/"),
        ("categorie/afrique/", "en/category/africa/"),
        ("archives/", "en/archives/"),
        ("a-propos/", "en/about/"),
        ("recherche/", "en/search/"),
    ],
)
def test_switcher_lands_on_the_same_page_and_back(watched, browser_site, start, other):
    watched.goto(browser_site.url(start))
    click_switcher(watched)
    assert watched.url == browser_site.url(other)
    expect(watched.locator("html")).to_have_attribute("lang", "en")
    click_switcher(watched)
    assert watched.url == browser_site.url(start)
    expect(watched.locator("html")).to_have_attribute("lang", "fr")


@pytest.mark.browser
def test_switcher_from_page_two_of_the_home_leads_to_the_other_home(watched, browser_site):
    watched.goto(browser_site.url("page/2/"))
    expect(watched.locator(".page-count")).to_contain_text("Page 2")
    click_switcher(watched)
    assert watched.url == browser_site.url("en/")
    watched.goto(browser_site.url("en/page/2/"))
    click_switcher(watched)
    assert watched.url == browser_site.url("")


@pytest.mark.browser
def test_switcher_on_the_404_page_leads_to_the_other_404(watched, browser_site):
    missing = browser_site.url("une/page/qui/n-existe-pas/")
    watched.watch.expected_404.add(missing)
    response = watched.goto(missing)
    assert response.status == 404
    # The English words are in the page too, hidden (language.js shows them under /en/).
    expect(watched.locator("h1:visible")).to_have_text("Page introuvable")
    # Served at any depth, the 404 page still has its stylesheet: links are path-absolute.
    expect(watched.locator(".site-header")).to_have_css("border-top-style", "solid")
    click_switcher(watched)
    assert watched.url == browser_site.url("en/404.html")
    expect(watched.locator("h1:visible")).to_have_text("Page not found")
    click_switcher(watched)
    assert watched.url == browser_site.url("404.html")


@pytest.mark.browser
def test_untranslated_story_switches_to_the_other_home_with_a_visible_notice(watched, browser_site):
    watched.goto(browser_site.url(FR_ONLY))
    expect(watched.locator(".story-header .notice")).to_have_text(
        "Cet article n’existe qu’en français."
    )
    click_switcher(watched)
    # The address carries the way back to the story (see test_newsroom_browser.py).
    assert watched.url == browser_site.url(f"en/?from={FR_ONLY}#only-in-fr")
    notice = watched.locator("#only-in-fr")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("The story you were reading is only available in French.")
    watched.goto(browser_site.url("en/"))
    expect(watched.locator("#only-in-fr")).to_be_hidden()


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:
        return error.code, "", b""


def test_a_crawl_from_both_homes_reaches_every_story_without_a_broken_link(browser_site):
    base = browser_site.base
    queue = deque([base, base + "en/"])
    seen_pages: set[str] = set()
    checked: dict[str, int] = {}
    while queue:
        url = queue.popleft()
        if url in seen_pages:
            continue
        seen_pages.add(url)
        status, kind, body = fetch(url)
        assert status == 200, f"{url}: HTTP {status}"
        if kind != "text/html":
            continue
        soup = BeautifulSoup(body, "html.parser")
        for element in soup.select("a[href], link[href], script[src], img[src]"):
            target = urljoin(url, element.get("href") or element.get("src")).partition("#")[0]
            if not target.startswith(base):
                continue
            if element.name == "a" and target.endswith("/"):
                queue.append(target)
            elif target not in checked:
                checked[target] = fetch(target)[0]
    broken = {url: status for url, status in checked.items() if status != 200}
    assert broken == {}
    stories = {
        base + browser_site.site.url_path_of(path)
        for path in browser_site.site.output.rglob("index.html")
        if re.search(
            r"(^|/)\d{4}/\d{2}/[^/]+/index.html$",
            path.relative_to(browser_site.site.output).as_posix(),
        )
    }
    sources = [
        p for folder in (ROOT / "content", *BROWSER_EXTRAS)
        for lang in ("fr", "en") for p in (folder / lang).rglob("*.md")
    ]  # fmt: skip
    assert len(stories) == len(sources)
    assert stories <= seen_pages, sorted(stories - seen_pages)


@pytest.mark.browser
def test_no_page_of_the_site_runs_an_injected_script(browser, browser_site):
    """Every built page, including the story full of payloads, opened in the browser."""
    watch = Watch(origin="{0.scheme}://{0.netloc}/".format(urlparse(browser_site.base)))
    context = browser.new_context()
    context.add_init_script(WATCH_SCRIPT)
    page = context.new_page()
    watch.attach(page)
    pages = [browser_site.site.url_path_of(p) for p in browser_site.site.pages()]
    assert INJECTION in pages
    for path in pages:
        page.goto(browser_site.url(path))
        assert page.evaluate("typeof window.pwned") == "undefined", path
        assert page.evaluate("window.__cspViolations") == [], path
    page.goto(browser_site.url(INJECTION))
    expect(page.locator("h1")).to_contain_text('"><svg onload=window.pwned=1>')
    expect(page.locator(".story-body")).to_contain_text("<script>window.pwned=1</script>")
    expect(page.locator(".story-source a")).to_have_count(0)  # javascript: is never a link
    context.close()
    assert watch.problems == []


@pytest.mark.browser
@pytest.mark.parametrize("payload", ["svg onload", "onerror", "<script>", "piégé", "guillemets"])
def test_searching_for_payloads_shows_them_as_text(watched, browser_site, payload):
    watched.goto(browser_site.url(""))
    watched.locator("#search-q").press_sequentially(payload)
    expect(watched.locator("#search-status")).not_to_have_text("")
    watched.wait_for_timeout(300)
    assert (
        watched.locator("#search-results img, #search-results svg, #search-results script").count()
        == 0
    )
    assert watched.evaluate("typeof window.pwned") == "undefined"


def test_the_checker_refuses_what_the_injection_story_should_not_carry(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    for extra in BROWSER_EXTRAS:
        shutil.copytree(extra, content, dirs_exist_ok=True)
    problems = [p for p in check_content(content) if "injection-partout" in p.path and p.is_error]
    fields = sorted({p.field for p in problems})
    assert fields == ["Source_url", "body"], [str(p) for p in problems]
    messages = " ".join(p.message for p in problems)
    assert "javascript:" in messages and "<script>" in messages and "onerror=" in messages
