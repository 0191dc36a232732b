"""A preview opens from the file system: the CI's site-preview folder, or output/ opened in
a browser, with no server. Every link names its page (…/index.html), so clicking works;
search says plainly how to use it instead of failing."""

from __future__ import annotations

import pytest
from conftest import ROOT, build_site
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory):
    return build_site(ROOT / "content", tmp_path_factory.mktemp("preview") / "output")


def test_home_story_counterpart_and_category_open_by_clicking(browser, preview):
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(preview.path("").as_uri())
    expect(page.locator("h1, .site-title").first).to_be_visible()

    page.locator("main a[href$='visite-etat-major-rwandais-en-france/index.html']").first.click()
    assert page.url.endswith("/2022/03/visite-etat-major-rwandais-en-france/index.html")
    expect(page.locator("h1")).to_contain_text("délégation de l’état-major rwandais")

    page.locator("[data-switch-lang=en]").first.click()
    assert page.url.endswith(
        "/en/2022/03/rwandan-general-staff-delegation-concludes-visit-france/index.html"
    )
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_contain_text("Rwandan General Staff")

    page.locator("main a[href$='category/africa/index.html']").first.click()
    assert page.url.endswith("/en/category/africa/index.html")
    expect(page.locator("h1")).to_contain_text("Africa")

    page.locator("[data-switch-lang=fr]").first.click()
    assert page.url.endswith("/categorie/afrique/index.html")
    assert errors == []
    page.close()


def test_search_from_files_says_how_to_search(browser, preview):
    page = browser.new_page()
    page.goto(preview.path("").as_uri())
    page.locator("form.search-form input[name=q]").first.fill("sécurité")
    expect(page.locator(".search-status").first).to_contain_text("make serve")
    page.close()
