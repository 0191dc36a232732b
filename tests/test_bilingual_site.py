"""A small bilingual site (tests/sites/bilingual): linked subsites, untranslated stories,
a draft, feeds and sitemap, compared with the expected output kept beside its content
(goldens: `invoke goldens` rewrites them)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import feedparser
import pytest
from conftest import BuiltSite
from goldens import BILINGUAL, bilingual_goldens, build_bilingual
from goldens import BILINGUAL_SITEURL as SITEURL

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}

FR_STORY = "2023/05/port-de-dakar-double-sa-capacite/"
EN_STORY = "en/2023/05/dakar-port-doubles-capacity/"
FR_ONLY = "2023/06/breve-seulement-en-francais/"
EN_ONLY = "en/2023/07/brief-in-english-only/"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    return build_bilingual(tmp_path_factory.mktemp("bilingual") / "output")


def switcher(site: BuiltSite, page: str) -> tuple[str | None, str]:
    """Where the language switcher of `page` leads (a site path) and its fragment."""
    link = site.html(page).select_one(".language-switcher a")
    assert link is not None, f"{page} has no language switcher"
    href = link["href"]
    path, _, fragment = href.partition("#")
    return site.resolve(page, path or "./"), fragment


def hreflangs(site: BuiltSite, page: str) -> dict[str, str]:
    links = site.html(page).select('head link[rel="alternate"][hreflang]:not([type])')
    return {link["hreflang"]: link["href"] for link in links}


@pytest.mark.parametrize("golden", ["files.txt", "sitemap.xml"])
def test_output_is_the_expected_one(site, golden):
    """files.txt: exactly the files built, no more, no fewer; sitemap.xml: byte for byte."""
    expected = (BILINGUAL / "expected" / golden).read_text(encoding="utf-8")
    assert bilingual_goldens(site)[golden] == expected, "`invoke goldens`, then review the diff"


@pytest.mark.parametrize("page", ["", FR_STORY, "a-propos/", "archives/", "404.html"])
def test_french_pages_say_they_are_french(site, page):
    assert site.html(page).html["lang"] == "fr"


@pytest.mark.parametrize("page", ["en/", EN_STORY, "en/about/", "en/archives/", "en/404.html"])
def test_english_pages_say_they_are_english(site, page):
    assert site.html(page).html["lang"] == "en"


@pytest.mark.parametrize(
    ("page", "counterpart"),
    [
        (FR_STORY, EN_STORY),
        (EN_STORY, FR_STORY),
        ("a-propos/", "en/about/"),
        ("en/about/", "a-propos/"),
        ("", "en/"),
        ("en/", ""),
        ("archives/", "en/archives/"),
        ("en/archives/", "archives/"),
        ("categories/", "en/categories/"),
        ("sujets/", "en/tags/"),
        ("categorie/economie/", "en/category/economy/"),
        ("en/category/economy/", "categorie/economie/"),
        ("categorie/monde/", "en/category/world/"),
        ("sujet/energie/", "en/tag/energy/"),
        ("en/tag/energy/", "sujet/energie/"),
        ("404.html", "en/404.html"),
        ("en/404.html", "404.html"),
        ("recherche/", "en/search/"),
        ("en/search/", "recherche/"),
    ],
)
def test_switcher_lands_on_the_same_page_in_the_other_language(site, page, counterpart):
    target, fragment = switcher(site, page)
    assert (target, fragment) == (counterpart, "")
    assert site.exists(target)


def test_tag_without_counterpart_leads_to_the_other_languages_topics(site):
    assert switcher(site, "sujet/quais/") == ("en/tags/", "")


def test_translated_story_lists_both_languages_and_x_default(site):
    expected = {
        "fr": f"{SITEURL}/{FR_STORY}",
        "en": f"{SITEURL}/{EN_STORY}",
        "x-default": f"{SITEURL}/{FR_STORY}",
    }
    assert hreflangs(site, FR_STORY) == expected
    assert hreflangs(site, EN_STORY) == expected
    for url in expected.values():
        assert site.exists(site.resolve("", url)), url


def test_canonical_is_the_page_itself(site):
    canonical = site.html(EN_STORY).select_one('link[rel="canonical"]')["href"]
    assert canonical == f"{SITEURL}/{EN_STORY}"


def test_untranslated_story_is_absent_from_the_other_language(site):
    english = [site.path(p).read_text() for p in ("en/", "en/archives/", "en/category/world/")]
    assert not any("seulement" in page for page in english)
    assert not (site.output / "en" / "2023" / "06").exists()
    assert "Une brève publiée seulement en français" in site.path("").read_text()


def test_a_draft_is_nowhere_in_the_site(site):
    """fr/2023/brouillon.md has Status: draft: no page, list, feed, sitemap or search file
    may carry a word of it."""
    carrying = [
        file.relative_to(site.output).as_posix()
        for file in site.output.rglob("*")
        if file.is_file() and "confidentiel" in file.read_text(encoding="utf-8", errors="replace")
    ]
    assert carrying == []


def test_untranslated_story_switches_to_the_other_home_with_a_notice(site):
    assert switcher(site, FR_ONLY) == ("en/", "only-in-fr")
    notice = site.html("en/").select_one("#only-in-fr")
    assert notice is not None
    assert "only available in French" in notice.get_text()
    assert "notice-target" in notice["class"]
    story_notice = site.html(FR_ONLY).select_one(".story-header .notice")
    assert story_notice.get_text(strip=True) == "Cet article n’existe qu’en français."
    assert switcher(site, EN_ONLY) == ("", "only-in-en")
    assert "n’existe qu’en anglais" in site.html("").select_one("#only-in-en").get_text()


def test_untranslated_story_lists_only_itself_in_hreflang(site):
    assert hreflangs(site, FR_ONLY) == {
        "fr": f"{SITEURL}/{FR_ONLY}",
        "x-default": f"{SITEURL}/{FR_ONLY}",
    }


def test_dates_are_localised_to_the_precision_given(site):
    fr_time = site.html(FR_STORY).select_one(".story-meta time")
    en_time = site.html(EN_STORY).select_one(".story-meta time")
    month = site.html(FR_ONLY).select_one(".story-meta time")
    assert (fr_time.get_text(), fr_time["datetime"]) == ("17 mai 2023", "2023-05-17")
    assert (en_time.get_text(), en_time["datetime"]) == ("May 17, 2023", "2023-05-17")
    assert (month.get_text(), month["datetime"]) == ("juin 2023", "2023-06")


def test_french_typography_uses_no_break_spaces(site):
    page = site.html(FR_STORY)
    title = page.select_one("h1").get_text()
    body = page.select_one(".story-body").get_text()
    assert (
        title == "Le port de Dakar double sa capacité\u00a0: un chantier «\u00a0historique\u00a0»"
    )
    assert "«\u00a0historique\u00a0»\u202f; il durera trois ans\u202f! Qui paiera\u202f?" in body
    assert "Réponse\u00a0: l’État." in body
    english = site.html(EN_STORY).select_one(".story-body").get_text()
    assert "“historic”; they" in english


def test_interface_strings_come_from_the_catalogs(site):
    fr, en = site.html(""), site.html("en/")
    assert fr.select_one(".skip-link").get_text() == "Aller au contenu"
    assert en.select_one(".skip-link").get_text() == "Skip to content"
    assert fr.select_one(".language-switcher .switch-long").get_text() == "Read in English"
    assert en.select_one(".language-switcher .switch-long").get_text() == "Lire en français"
    assert site.html("404.html").select_one("h1").get_text() == "Page introuvable"
    assert site.html("en/404.html").select_one("h1").get_text() == "Page not found"


def test_no_link_goes_down_into_a_language_and_back_up(site):
    for page in site.pages():
        text = page.read_text()
        assert "/en/../" not in text and "en/.." not in text, page


def test_every_internal_link_and_asset_exists(site):
    for file in site.pages():
        page = site.url_path_of(file)
        if file.name == "404.html":
            continue  # path-absolute links, checked in test_publish
        soup = site.html(page)
        for element in soup.select("[href], [src]"):
            href = element.get("href") or element.get("src")
            target = site.resolve(page, href.partition("#")[0] or "./")
            if target is not None:
                assert site.exists(target), f"{page}: broken link {href}"


def test_404_pages_link_from_the_server_root(site):
    for page in ("404.html", "en/404.html"):
        soup = site.html(page)
        stylesheet = soup.select_one('link[rel="stylesheet"]')["href"]
        assert stylesheet == "/theme/css/site.css"
        assert all(a["href"].startswith("/") for a in soup.select("a[href]") if a["href"][0] != "#")
        assert soup.select_one('meta[name="robots"]')["content"] == "noindex"


def test_each_feed_holds_its_own_language_with_correct_links(site):
    fr = feedparser.parse(site.path("feeds/all.atom.xml").read_bytes())
    en = feedparser.parse(site.path("en/feeds/all.atom.xml").read_bytes())
    assert fr.bozo == 0 and en.bozo == 0
    assert fr.feed.title == "Le Briefing"
    assert en.feed.title == "The Briefing"
    self_links = {
        name: [link.href for link in feed.feed.links if link.rel == "self"]
        for name, feed in (("fr", fr), ("en", en))
    }
    assert self_links == {
        "fr": [f"{SITEURL}/feeds/all.atom.xml"],
        "en": [f"{SITEURL}/en/feeds/all.atom.xml"],
    }
    assert [link.href for link in en.feed.links if link.rel == "alternate"] == [f"{SITEURL}/en/"]
    # Entries link to the page; a preview build names its file (index.html).
    assert sorted(entry.link.removesuffix("index.html") for entry in fr.entries) == [
        f"{SITEURL}/{FR_STORY}",
        f"{SITEURL}/{FR_ONLY}",
    ]
    assert sorted(entry.link.removesuffix("index.html") for entry in en.entries) == [
        f"{SITEURL}/{EN_STORY}",
        f"{SITEURL}/{EN_ONLY}",
    ]


def test_feeds_are_announced_in_head(site):
    links = site.html("en/").select('head link[type="application/atom+xml"]')
    hrefs = {link.get("hreflang", "self"): site.resolve("en/", link["href"]) for link in links}
    assert hrefs == {"self": "en/feeds/all.atom.xml", "fr": "feeds/all.atom.xml"}


def test_sitemap_lists_every_page_once_with_its_alternates(site):
    root = ET.fromstring(site.path("sitemap.xml").read_bytes())
    locs = [url.findtext("s:loc", namespaces=NS) for url in root.findall("s:url", NS)]
    pages = {f"{SITEURL}/{site.url_path_of(p)}" for p in site.pages() if p.name != "404.html"}
    assert sorted(locs) == sorted(pages)
    story = next(
        u
        for u in root.findall("s:url", NS)
        if u.findtext("s:loc", namespaces=NS).endswith(FR_STORY)
    )
    alternates = {link.get("hreflang"): link.get("href") for link in story.findall("x:link", NS)}
    assert alternates == hreflangs(site, FR_STORY)


def test_pages_carry_a_strict_content_security_policy_and_no_inline_code(site):
    for file in site.pages():
        soup = site.html(site.url_path_of(file))
        csp = soup.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
        assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
        assert "script-src 'self'" in csp
        # The only inline <script> is a story's JSON-LD, a data block CSP does not run,
        # whose JSON escapes every "<" so no text can close it.
        inline = [s for s in soup.select("script") if not s.get("src")]
        assert all(s["type"] == "application/ld+json" and "<" not in s.string for s in inline)
        assert not soup.select("[style], style"), file
