"""Screenshots for review: the pages a reader sees most, on a phone (390 px) and a desktop
(1280 px), in the light and the dark colour schemes, full page.

They are written to tests/screenshots/ (git-ignored), e.g. fr-story-1280-dark.png, for a
person to look at; the tests only check that each one was written and is a real PNG.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TESTS, ServedSite

pytestmark = pytest.mark.browser  # every test here drives Chromium

FOLDER = TESTS / "screenshots"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MIN_BYTES = 10_000  # a blank or broken page compresses far below this

WIDTHS = (390, 1280)
SCHEMES = ("light", "dark")

# Name, site path, and the query to type into the header search box (None: no search).
SHOTS = {
    "fr-story": ("2022/03/visite-etat-major-rwandais-en-france/", None),
    "en-story": ("en/2022/03/rwandan-general-staff-delegation-concludes-visit-france/", None),
    "fr-search": ("", "securite"),
    "fr-home": ("", None),
    "en-home": ("en/", None),
}


@pytest.fixture(scope="module")
def folder(request) -> Path:
    FOLDER.mkdir(exist_ok=True)
    # Printed once, past pytest's output capture, so the reviewer knows where to look.
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    with capture.global_and_fixture_disabled():
        print(f"\nScreenshots: {FOLDER}")
    return FOLDER


@pytest.fixture(scope="module")
def pages(browser):
    """One page per (width, scheme), reused by the module's tests."""
    contexts = {
        (width, scheme): browser.new_context(
            viewport={"width": width, "height": 800}, color_scheme=scheme
        )
        for width in WIDTHS
        for scheme in SCHEMES
    }
    yield {key: context.new_page() for key, context in contexts.items()}
    for context in contexts.values():
        context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(SHOTS))
def test_screenshot(pages, folder, browser_site: ServedSite, name, width, scheme):
    path, query = SHOTS[name]
    page = pages[width, scheme]
    response = page.goto(browser_site.url(path))
    assert response is not None and response.status == 200
    if query:
        page.locator("#search-q").press_sequentially(query)
        page.wait_for_selector("#search-results li")
        page.wait_for_load_state("networkidle")  # the passages around the matches
        assert page.locator("#search-panel").is_visible()
    file = folder / f"{name}-{width}-{scheme}.png"
    file.unlink(missing_ok=True)
    page.screenshot(path=file, full_page=True, animations="disabled")
    assert file.is_file(), file
    data = file.read_bytes()
    assert data.startswith(PNG_SIGNATURE), f"{file} is not a PNG"
    assert len(data) > MIN_BYTES, f"{file} is only {len(data)} bytes"
