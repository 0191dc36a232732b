"""Lighthouse (npm, pinned in package.json) scores 100 in performance, accessibility, best
practices and SEO on the home page, a story, a section and the search page of each
language, in a publish build of the real content/ served under /briefing/ as GitHub Pages
serves a project site.

One Lighthouse run per page, the four categories at once, with the Chromium the other
browser tests use (a second run only when performance alone fell short: it is timed, on
a shared machine). About 20 s a page here: the tests carry the `lighthouse` marker as well
as `browser`, so `invoke test --fast` leaves them out and `-m "not lighthouse"` can too.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import CHROMIUM_ARGS, ROOT, ServedSite, serve_built_site

pytestmark = [pytest.mark.browser, pytest.mark.lighthouse]

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAGES = {
    "fr-home": "",
    "en-home": "en/",
    "fr-story": "2022/03/visite-etat-major-rwandais-en-france/",
    "en-story": "en/2022/03/rwandan-general-staff-delegation-concludes-visit-france/",
    "fr-section": "categorie/afrique/",
    "en-section": "en/category/africa/",
    "fr-search": "recherche/",
    "en-search": "en/search/",
}


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    yield from serve_built_site(ROOT / "content", tmp_path_factory.mktemp("lighthouse-site"))


def run_lighthouse(url: str, report: Path, chromium: str) -> dict:
    if not LIGHTHOUSE.exists():
        pytest.fail(f"{LIGHTHOUSE} is missing: run `npm ci` (lighthouse is a devDependency)")
    flags = ["--headless=new", "--no-sandbox", "--disable-gpu", *CHROMIUM_ARGS]
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={' '.join(flags)}",
        "--quiet",
    ]
    if not Path(chromium).exists():
        pytest.fail(f"Lighthouse needs Chromium: {chromium} is missing (set CHROMIUM_PATH)")
    env = {**os.environ, "CHROME_PATH": chromium}
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=240)
    if result.returncode != 0:
        pytest.fail(f"lighthouse failed on {url}:\n{result.stderr[-3000:]}")
    return json.loads(report.read_text(encoding="utf-8"))


def shortfalls(data: dict) -> list[str]:
    """Each weighted audit that did not pass, by category, with what Lighthouse saw."""
    lines = []
    for category in data["categories"].values():
        for ref in category["auditRefs"]:
            audit = data["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                shown = audit.get("displayValue", "")
                lines.append(f"{category['id']}: {audit['id']} {audit['score']} {shown}")
    return lines


def scores(data: dict) -> dict[str, float]:
    assert "runtimeError" not in data, data.get("runtimeError")
    return {key: data["categories"][key]["score"] for key in CATEGORIES}


@pytest.mark.parametrize("name", list(PAGES))
def test_lighthouse_scores_100_in_every_category(published, chromium_path, tmp_path, name):
    data = run_lighthouse(published.url(PAGES[name]), tmp_path / f"{name}.json", chromium_path)
    found = scores(data)
    if found["performance"] < 1 and all(found[key] == 1 for key in CATEGORIES[1:]):
        # Performance is timed, on two cores shared with other builds: a busy moment can
        # cost a point of total blocking time. One more run tells noise from a regression;
        # the other categories are not timed and get no second chance.
        first = shortfalls(data)
        again = tmp_path / f"{name}-again.json"
        data = run_lighthouse(published.url(PAGES[name]), again, chromium_path)
        found = scores(data)
        print(f"{name}: performance ran twice; first run: {first}")
    assert found == dict.fromkeys(CATEGORIES, 1), "\n".join(shortfalls(data))
