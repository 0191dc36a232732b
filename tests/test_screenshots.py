"""The pages a reader sees most, on a phone (390 px) and a desktop (1280 px), in the light
and the dark colour schemes, as a reader would first see them: nothing wider than the
screen, the headline (or the search results) on the first screen, and the colours of the
scheme asked for.

Each test also saves a full-page screenshot for a person to review, e.g.
fr-story-1280-dark.png, in a temporary folder (pytest's, kept for the last three runs)
whose path the run prints: never in the source tree or in output/, which is deployed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ServedSite
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser  # every test here drives Chromium

WIDTHS = (390, 1280)
HEIGHT = 800
SCHEMES = ("light", "dark")

# Name, site path, and the query to type into the header search box (None: no search).
SHOTS = {
    "fr-story": ("2022/03/visite-etat-major-rwandais-en-france/", None),
    "en-story": ("en/2022/03/rwandan-general-staff-delegation-concludes-visit-france/", None),
    "fr-search": ("", "securite"),
    "fr-home": ("", None),
    "en-home": ("en/", None),
}
# The headline a reader must see first: the page's h1, or on a front page (whose h1 names
# the site for screen readers) the lead story's headline.
HEADLINE = {"fr-home": ".lead-title", "en-home": ".lead-title"}

# The relative luminance (WCAG) the page background must stay under in the dark scheme
# and over in the light one: "dark" means a dark page, not a stylesheet that was ignored.
DARK_AT_MOST = 0.1
LIGHT_AT_LEAST = 0.8


@pytest.fixture(scope="module")
def folder(request, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("screenshots", numbered=False)
    # Printed past pytest's output capture, so the reviewer knows where to look.
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    with capture.global_and_fixture_disabled():
        print(f"\nScreenshots: {folder}")
    return folder


@pytest.fixture(scope="module")
def pages(browser):
    """One page per (width, scheme), reused by the module's tests."""
    contexts = {
        (width, scheme): browser.new_context(
            viewport={"width": width, "height": HEIGHT}, color_scheme=scheme
        )
        for width in WIDTHS
        for scheme in SCHEMES
    }
    yield {key: context.new_page() for key, context in contexts.items()}
    for context in contexts.values():
        context.close()


def luminance(css_colour: str) -> float:
    """WCAG relative luminance of an opaque computed colour such as "rgb(21, 23, 26)"."""
    assert css_colour.startswith("rgb("), f"not an opaque colour: {css_colour}"
    channels = [int(part) / 255 for part in css_colour[4:-1].split(",")]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def horizontal_overflow(page: Page) -> int:
    """How many pixels the page is wider than the window: a reader would scroll sideways."""
    return page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(SHOTS))
def test_first_screen_fits_shows_the_headline_and_follows_the_scheme(
    pages, folder, browser_site: ServedSite, name, width, scheme
):
    path, query = SHOTS[name]
    page = pages[width, scheme]
    response = page.goto(browser_site.url(path))
    assert response is not None and response.status == 200
    if query:
        page.locator("#search-q").press_sequentially(query)
        page.wait_for_load_state("networkidle")  # the passages around the matches
        first_seen = page.locator("#search-results li").first
    else:
        first_seen = page.locator(HEADLINE.get(name, "h1"))
    page.screenshot(path=folder / f"{name}-{width}-{scheme}.png", full_page=True)

    assert horizontal_overflow(page) <= 0, "the page is wider than the screen"
    # Wholly on the first screen: not pushed below it, nor cut by its edge.
    expect(first_seen).to_be_in_viewport(ratio=1)
    expect(first_seen).to_be_visible()
    background = luminance(page.evaluate("getComputedStyle(document.body).backgroundColor"))
    if scheme == "dark":
        assert background <= DARK_AT_MOST, f"the dark scheme's page has luminance {background}"
    else:
        assert background >= LIGHT_AT_LEAST, f"the light scheme's page has luminance {background}"
