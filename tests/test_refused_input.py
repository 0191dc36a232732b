"""The second line of defence: with the rulebook off (tests/test_rules.py shows that it
refuses these stories), raw HTML is still published as text, Markdown of any extension
goes through the safe reader, and a story Pelican skips still fails the build. One
scenario folder per case under tests/sites/."""

from __future__ import annotations

import pytest
from conftest import TESTS, WITHOUT_RULEBOOK, BuiltSite, build_site

SITES = TESTS / "sites"


@pytest.fixture(scope="module")
def raw_html_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    return build_site(
        SITES / "raw-html" / "content",
        tmp_path_factory.mktemp("raw") / "out",
        extra=WITHOUT_RULEBOOK,
    )


STORY = "2023/05/html-brut/"


def test_raw_html_in_a_story_shows_as_text(raw_html_site):
    soup = raw_html_site.html(STORY)
    body = soup.select_one(".story-body")
    assert body.select("script, img, iframe, div[onclick], svg") == []
    text = body.get_text()
    assert "<script>window.pwned = true</script>" in text
    assert '<div onclick="alert(1)">bloc</div>' in text
    assert "<img src=x onerror=alert(1)>" in text


THEME_SCRIPTS = ("theme/js/search.js", "theme/js/language.js")


def foreign_elements(soup):
    """Elements a payload could have injected: any image, SVG or script but the theme's
    (its scripts, and a story's JSON-LD data block, whose JSON holds no "<" at all)."""
    scripts = [
        s
        for s in soup.select("script")
        if not s.get("src", "").endswith(THEME_SCRIPTS)
        and not (s.get("type") == "application/ld+json" and "<" not in s.string)
    ]
    return soup.select("img, svg, iframe") + scripts


def test_raw_html_in_metadata_shows_as_text(raw_html_site):
    soup = raw_html_site.html(STORY)
    assert soup.select_one("h1").get_text() == "<img src=x onerror=alert(1)> «\u00a0titre\u00a0»"
    assert foreign_elements(soup) == []
    assert '"><svg onload=alert(1)>' in soup.select_one(".story-source").get_text()
    home = raw_html_site.html("")
    assert foreign_elements(home) == []
    assert "<script>alert(1)</script>" in home.select_one(".summary").get_text()
    feed = raw_html_site.path("feeds/all.atom.xml").read_text()
    assert "<script>" not in feed and "<img" not in feed


def test_a_story_pelican_skips_fails_the_build_even_when_errors_are_not_fatal(tmp_path):
    """Pelican logs a file it cannot read and carries on; the nothing_lost plugin does not."""
    result = build_site(
        SITES / "unreadable-story" / "content",
        tmp_path / "out",
        expect_success=False,
        fatal=None,
        extra=WITHOUT_RULEBOOK,
    )
    assert result.returncode != 0
    log = " ".join(result.log.split())
    expected = (SITES / "unreadable-story" / "expected-errors.txt").read_text().strip()
    assert expected in log
    assert "Could not process fr/illisible.md" in log


def test_markdown_of_any_extension_goes_through_the_safe_reader_and_html_is_not_read(tmp_path):
    site = build_site(
        SITES / "unsafe-formats" / "content", tmp_path / "out", extra=WITHOUT_RULEBOOK
    )
    page = site.html("2023/05/extension-mkd/")
    assert foreign_elements(page) == []
    assert "<script>window.pwned = 1</script>" in page.select_one(".story-body").get_text()
    assert "pwned" not in " ".join(
        p.read_text() for p in site.pages() if "extension-mkd" not in str(p)
    )
