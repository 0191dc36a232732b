"""Accessibility gate: axe-core finds no serious or critical violation on the pages a reader
meets, in French and English, in the light and the dark colour schemes.

axe-core comes from npm (package.json, exact pin) and is injected into each page. Colour
contrast is checked in both schemes, since the dark scheme swaps every colour.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, ServedSite

pytestmark = pytest.mark.browser  # every test here drives Chromium

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
FAILING_IMPACTS = {"serious", "critical"}
SCHEMES = ("light", "dark")

FR_SEED = "2022/03/visite-etat-major-rwandais-en-france/"
EN_SEED = "en/2022/03/rwandan-general-staff-delegation-concludes-visit-france/"

# Site path, and what to wait for before checking (results are rendered by search.js).
PAGES = {
    "fr-home": ("", None),
    "en-home": ("en/", None),
    "fr-story": (FR_SEED, None),
    "en-story": (EN_SEED, None),
    "fr-tag": ("sujet/rwanda/", None),
    "en-tag": ("en/tag/rwanda/", None),
    "fr-archives": ("archives/", None),
    "en-archives": ("en/archives/", None),
    "fr-search": ("recherche/?q=kazura", "#search-results li"),
    "en-search": ("en/search/?q=kazura", "#search-results li"),
    # A corrected story (correction note, byline, related stories) and the ways forward
    # of a search that finds nothing.
    "en-corrected": ("en/2023/01/kigali-airport-opens/", None),
    "fr-search-none": ("recherche/?q=kazuro", "#search-suggest a"),
    "fr-404": ("404.html", None),
    "en-404": ("en/404.html", None),
}


@pytest.fixture(scope="module")
def axe_script() -> Path:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `npm ci` (axe-core is a devDependency)")
    return AXE


@pytest.fixture(scope="module")
def pages(browser, axe_script: Path):
    """One browser context and page per colour scheme, shared by the module's tests (each
    test navigates afresh), with axe-core loaded into every document."""
    # axe is added as an init script, which Playwright runs in each new document before
    # the page's own scripts and which the page's Content-Security-Policy does not apply
    # to: unlike an inline <script> tag, it needs no bypass_csp, so axe checks the pages
    # exactly as a reader gets them, with the real policy in force.
    contexts = {scheme: browser.new_context(color_scheme=scheme) for scheme in SCHEMES}
    for context in contexts.values():
        context.add_init_script(path=str(axe_script))
    yield {scheme: context.new_page() for scheme, context in contexts.items()}
    for context in contexts.values():
        context.close()


def axe_violations(page) -> list[dict]:
    """Runs axe-core on the whole document; returns its violations."""
    results = page.evaluate("() => axe.run(document, { resultTypes: ['violations'] })")
    return results["violations"]


def describe(violations: list[dict]) -> str:
    """Each failing rule with its impact, help, link and the failing nodes' targets."""
    lines = []
    for violation in violations:
        lines.append(
            f"{violation['id']} ({violation['impact']}): {violation['help']}"
            f"\n    {violation['helpUrl']}"
        )
        for node in violation["nodes"]:
            lines.append(f"    - {' '.join(map(str, node['target']))}")
            summary = " ".join((node.get("failureSummary") or "").split())
            if summary:
                lines.append(f"      {summary}")
    return "\n".join(lines)


def assert_styled_in(page, scheme: str) -> None:
    """The stylesheet applies and the scheme is the one asked for: otherwise colour
    contrast would be checked on the wrong colours."""
    dark, background = page.evaluate(
        """() => [matchMedia("(prefers-color-scheme: dark)").matches,
                  getComputedStyle(document.body).backgroundColor]"""
    )
    assert dark == (scheme == "dark")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent"), "the stylesheet did not apply"


def assert_no_serious_violations(page, what: str) -> None:
    violations = [v for v in axe_violations(page) if v["impact"] in FAILING_IMPACTS]
    if violations:
        pytest.fail(f"axe-core on {what}:\n{describe(violations)}", pytrace=False)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("name", list(PAGES))
def test_page_has_no_serious_accessibility_violation(pages, browser_site: ServedSite, name, scheme):
    path, wait_for = PAGES[name]
    page = pages[scheme]
    response = page.goto(browser_site.url(path))
    assert response is not None and response.status == 200, f"{path}: {response}"
    if wait_for:
        page.wait_for_selector(wait_for)
    assert_styled_in(page, scheme)
    assert_no_serious_violations(page, f"/{path} ({scheme} scheme)")


@pytest.mark.parametrize("scheme", SCHEMES)
def test_open_search_panel_has_no_serious_accessibility_violation(
    pages, browser_site: ServedSite, scheme
):
    page = pages[scheme]
    page.goto(browser_site.url(""))
    assert_styled_in(page, scheme)
    box = page.locator("#search-q")
    box.press_sequentially("kazura")
    page.wait_for_selector("#search-results li")
    assert page.locator("#search-panel").is_visible()
    # The option chosen with the arrow keys has its own colours: check them too.
    box.press("ArrowDown")
    page.wait_for_selector("#search-results [aria-selected=true]")
    assert_no_serious_violations(
        page, f"the French home with the search panel open ({scheme} scheme)"
    )
