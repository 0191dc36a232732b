"""The real content/: the seed story in both languages, linked, dated and fed correctly,
in a preview build and in a publish build for a GitHub Pages project site."""

from __future__ import annotations

import os
import shutil
import xml.etree.ElementTree as ET

import feedparser
import pytest
from conftest import ROOT, TESTS, BuiltSite, build_site

FR_SEED = "2022/03/visite-etat-major-rwandais-en-france/"
EN_SEED = "en/2022/03/rwandan-general-staff-delegation-concludes-visit-france/"
PROJECT = "https://example.org/briefing"


def switch_target(site: BuiltSite, page: str) -> str | None:
    href = site.html(page).select_one(".language-switcher a")["href"]
    return site.resolve(page, href)


def test_both_subsites_exist_with_their_language(real_site):
    assert real_site.html("").html["lang"] == "fr"
    assert real_site.html("en/").html["lang"] == "en"
    for file in real_site.pages():
        expected = "en" if file.relative_to(real_site.output).parts[0] == "en" else "fr"
        assert real_site.html(real_site.url_path_of(file)).html["lang"] == expected, file


def test_seed_story_pages_link_to_each_other(real_site):
    assert switch_target(real_site, FR_SEED) == EN_SEED
    assert switch_target(real_site, EN_SEED) == FR_SEED
    for page, other in ((FR_SEED, EN_SEED), (EN_SEED, FR_SEED)):
        links = real_site.html(page).select('head link[rel="alternate"][hreflang]:not([type])')
        targets = {link["hreflang"]: real_site.resolve(page, link["href"]) for link in links}
        assert targets == {"fr": FR_SEED, "en": EN_SEED, "x-default": FR_SEED}
        assert all(real_site.exists(target) for target in targets.values())
        assert other in targets.values()


def test_seed_story_is_dated_to_the_month(real_site):
    fr = real_site.html(FR_SEED).select_one(".story-meta time")
    en = real_site.html(EN_SEED).select_one(".story-meta time")
    assert (fr.get_text(), fr["datetime"]) == ("mars 2022", "2022-03")
    assert (en.get_text(), en["datetime"]) == ("March 2022", "2022-03")


def test_seed_story_reads_as_edited(real_site):
    fr = real_site.html(FR_SEED)
    en = real_site.html(EN_SEED)
    assert en.select_one("h1").get_text() == (
        "The Rwandan General Staff Delegation concludes its visit to France"
    )
    assert fr.select_one("h1").get_text() == (
        "Fin de la visite d’une délégation de l’état-major rwandais en France"
    )
    en_text = en.select_one(".story-body").get_text()
    assert "cookies" not in en_text and "Read also" not in en_text
    assert "“very good”" in en_text
    assert "«\u00a0très bonnes\u00a0»" in fr.select_one(".story-body").get_text()
    assert fr.select_one(".story-source").get_text(strip=True) == "Source\u00a0: RFI"
    assert [a.get_text() for a in en.select(".tag-list a")] == [
        "Rwanda",
        "France",
        "Defence",
        "Mozambique",
    ]


def test_seed_category_and_tags_switch_across_languages(real_site):
    assert switch_target(real_site, "categorie/afrique/") == "en/category/africa/"
    assert switch_target(real_site, "sujet/defense/") == "en/tag/defence/"
    assert switch_target(real_site, "en/tag/defence/") == "sujet/defense/"


def test_about_pages_are_translations(real_site):
    assert switch_target(real_site, "a-propos/") == "en/about/"
    assert switch_target(real_site, "en/about/") == "a-propos/"


def test_no_french_text_is_published_in_the_english_site(real_site):
    english = [p.read_text() for p in (real_site.output / "en").rglob("*.html")]
    assert not any("Le chef d’état-major rwandais" in page for page in english)


@pytest.fixture(scope="module")
def paginated_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    return build_site(
        TESTS / "sites" / "bilingual" / "content",
        tmp_path_factory.mktemp("paginated") / "output",
        extra={"DEFAULT_PAGINATION": 1},
    )


def test_pagination_uses_page_folders_and_switches_to_the_other_home(paginated_site):
    site = paginated_site
    assert site.exists("page/2/") and site.exists("en/page/2/")
    assert not list(site.output.glob("index2.html"))
    next_link = site.html("").select_one('.pagination a[rel="next"]')["href"]
    assert site.resolve("", next_link) == "page/2/"
    assert switch_target(site, "page/2/") == "en/"
    assert switch_target(site, "en/page/2/") == ""
    page2 = site.html("page/2/")
    assert page2.select('link[rel="alternate"][hreflang]:not([type])') == []
    assert page2.select_one('link[rel="canonical"]')["href"] == "http://localhost:8000/page/2/"


def test_publish_build_uses_the_project_subpath_everywhere(published_site):
    site = published_site
    for file in site.pages():
        soup = site.html(site.url_path_of(file))
        for element in soup.select("[href], [src]"):
            url = element.get("href") or element.get("src")
            if url.startswith("#") or url.startswith(("https://example.com", "mailto:")):
                continue
            if file.name == "404.html":
                assert url.startswith(("/briefing/", PROJECT + "/")), (file, url)
            else:
                assert url.startswith(PROJECT + "/"), (file, url)
            assert "/../" not in url and "/./" not in url, (file, url)
            target = site.resolve(site.url_path_of(file), url.partition("#")[0])
            if target is not None:
                assert site.exists(target), (file, url)


def test_publish_build_feeds_point_at_their_own_language(published_site):
    fr = feedparser.parse(published_site.path("feeds/all.atom.xml").read_bytes())
    en = feedparser.parse(published_site.path("en/feeds/all.atom.xml").read_bytes())
    assert [link.href for link in fr.feed.links if link.rel == "self"] == [
        f"{PROJECT}/feeds/all.atom.xml"
    ]
    assert [link.href for link in en.feed.links if link.rel == "self"] == [
        f"{PROJECT}/en/feeds/all.atom.xml"
    ]
    assert [entry.link for entry in fr.entries] == [f"{PROJECT}/{FR_SEED}"]
    assert [entry.link for entry in en.entries] == [f"{PROJECT}/{EN_SEED}"]
    assert en.entries[0].title.startswith("The Rwandan General Staff")


def test_publish_sitemap_has_the_seed_story_with_alternates(published_site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.fromstring(published_site.path("sitemap.xml").read_bytes())
    entries = {
        url.findtext("s:loc", namespaces=ns): {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)
        }
        for url in root.findall("s:url", ns)
    }
    expected = {"fr": f"{PROJECT}/{FR_SEED}", "en": f"{PROJECT}/{EN_SEED}"}
    expected["x-default"] = expected["fr"]
    assert entries[f"{PROJECT}/{FR_SEED}"] == expected
    assert entries[f"{PROJECT}/{EN_SEED}"] == expected
    assert f"{PROJECT}/404.html" not in entries


def test_a_rebuild_from_the_content_cache_gives_the_same_site(tmp_path):
    cache = {"CACHE_PATH": str(tmp_path / "cache")}
    first = build_site(ROOT / "content", tmp_path / "first", extra=cache)
    assert (tmp_path / "cache" / "ArticlesGenerator-Readers").is_file()
    assert (tmp_path / "cache" / "en" / "ArticlesGenerator-Readers").is_file()
    second = build_site(ROOT / "content", tmp_path / "second", extra=cache)
    files = sorted(p.relative_to(first.output) for p in first.output.rglob("*") if p.is_file())
    assert files == sorted(
        p.relative_to(second.output) for p in second.output.rglob("*") if p.is_file()
    )
    for name in files:
        assert (first.output / name).read_bytes() == (second.output / name).read_bytes(), name


def test_the_content_cache_follows_what_files_say_not_their_times(tmp_path):
    """CI restores the cache into a fresh checkout, where every file time is new and an
    edited file's time says nothing: only an edit may make a story be read again."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    cache = {"CACHE_PATH": str(tmp_path / "cache")}
    first = build_site(content, tmp_path / "first", extra=cache)

    story = content / "fr" / "2022" / "visite-etat-major-rwandais-en-france.md"
    times = story.stat()
    story.write_text(
        story.read_text(encoding="utf-8").replace(
            "Une délégation de très haut niveau.", "Une délégation de haut niveau."
        ),
        encoding="utf-8",
    )
    os.utime(story, ns=(times.st_atime_ns, times.st_mtime_ns))  # edited, same time
    later = times.st_mtime_ns + 3_600 * 10**9
    for file in content.rglob("*"):
        if file != story:
            os.utime(file, ns=(later, later))  # untouched, new time
    second = build_site(content, tmp_path / "second", extra=cache)

    body = second.html(FR_SEED).select_one(".story-body").get_text()
    assert "Une délégation de haut niveau." in body
    assert "très haut niveau." not in body
    assert second.path(EN_SEED).read_bytes() == first.path(EN_SEED).read_bytes()
