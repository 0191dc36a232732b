"""A newsroom's pages (tests/sites/newsroom): what readers, search engines, social networks
and feed readers get from a corrected, translated story, its sections and topics, and the
files every site is asked for. Built twice: as a preview and for a GitHub Pages project
site; OpenGraph and JSON-LD are read with extruct, as crawlers read them."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from collections import Counter

import extruct
import feedparser
import pytest
from conftest import ROOT, SITES, BuiltSite, build_site
from PIL import Image

NEWSROOM = SITES / "newsroom" / "content"
IMAGE = ROOT / "tests" / "checker" / "good" / "content" / "images" / "carte.png"
PREVIEW_URL = "https://example.org"
PUBLISH_URL = "https://example.org/briefing"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}

FR_STORY = "2023/05/port-de-dakar-double-sa-capacite/"
EN_STORY = "en/2023/05/dakar-port-doubles-capacity/"
EN_ONLY = "en/2023/07/brief-in-english-only/"
FR_QUAYS = "2023/04/nouveaux-quais-abidjan/"
FR_SOLAR = "2023/03/centrale-solaire-sahel/"
FR_UNRELATED = "2023/02/breve-sans-sujet-commun/"
STORIES = (FR_STORY, EN_STORY, EN_ONLY, FR_QUAYS, FR_SOLAR, FR_UNRELATED)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    return build_site(NEWSROOM, tmp_path_factory.mktemp("newsroom") / "output", siteurl=PREVIEW_URL)


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    output = tmp_path_factory.mktemp("newsroom-published") / "output"
    return build_site(NEWSROOM, output, settings="publishconf.py", siteurl=PUBLISH_URL)


def metadata(site: BuiltSite, page: str) -> dict:
    html = site.path(page).read_text(encoding="utf-8")
    return extruct.extract(
        html, base_url=f"{site.siteurl}/{page}", syntaxes=["opengraph", "json-ld"], uniform=True
    )


def opengraph(site: BuiltSite, page: str) -> dict[str, list[str]]:
    """Every OpenGraph property of a page, with all its values in order."""
    found: dict[str, list[str]] = {}
    soup = site.html(page)
    for meta in soup.select("meta[property]"):
        found.setdefault(meta["property"], []).append(meta["content"])
    return found


def news_article(site: BuiltSite, page: str) -> dict:
    items = metadata(site, page)["json-ld"]
    assert [item["@type"] for item in items] == ["NewsArticle"], page
    return items[0]


# --- Titles and descriptions ------------------------------------------------------------


def test_every_page_has_its_own_title_and_description(site):
    pages = [site.url_path_of(p) for p in site.pages() if p.name != "404.html"]
    titles = Counter(site.html(p).title.get_text() for p in pages)
    descriptions = Counter(
        site.html(p).select_one('meta[name="description"]')["content"] for p in pages
    )
    assert [t for t, n in titles.items() if n > 1] == []
    assert [d for d, n in descriptions.items() if n > 1 or not d.strip()] == []


@pytest.mark.parametrize(
    ("page", "title", "description"),
    [
        ("categorie/economie/", "Économie — Le Briefing", "rubrique Économie\u00a0: 2 articles"),
        ("en/category/economy/", "Economy — The Briefing", "1 story in the section Economy"),
        ("sujet/ports/", "Ports — Le Briefing", "sujet Ports\u00a0: 2 articles"),
        ("en/tag/energy/", "Energy — The Briefing", "1 story on the topic Energy"),
        ("en/about/", "About — The Briefing", "Who publishes The Briefing, and how."),
        ("archives/", "Archives — Le Briefing", "tous les articles"),
    ],
)
def test_list_pages_describe_themselves_in_their_language(site, page, title, description):
    soup = site.html(page)
    assert soup.title.get_text() == title
    assert description in soup.select_one('meta[name="description"]')["content"]


# --- OpenGraph, Twitter and JSON-LD -------------------------------------------------------


@pytest.mark.parametrize("page", STORIES)
def test_every_story_has_opengraph_a_twitter_card_and_a_news_article(site, page):
    og = opengraph(site, page)
    url = f"{PREVIEW_URL}/{page}"
    assert og["og:type"] == ["article"]
    assert og["og:url"] == [url]
    assert og["og:title"] == [site.html(page).select_one("h1").get_text()]
    assert og["article:published_time"][0][:4] == "2023"
    assert og["og:image"][0].startswith(PREVIEW_URL + "/")
    assert site.html(page).select_one('meta[name="twitter:card"]')["content"] == (
        "summary_large_image"
    )
    article = news_article(site, page)
    assert article["@id"] == url and article["mainEntityOfPage"] == url
    # (extruct turns no-break spaces into spaces in JSON-LD; the words must be the same.)
    assert article["headline"].split() == og["og:title"][0].split()
    assert article["description"].split() == og["og:description"][0].split()
    assert article["inLanguage"] == ("en" if page.startswith("en/") else "fr")
    assert article["publisher"]["name"] in ("Le Briefing", "The Briefing")


def test_the_translated_story_names_its_translation_both_ways(site):
    fr, en = news_article(site, FR_STORY), news_article(site, EN_STORY)
    # The English file has Translated_from: it is the translation of the French original.
    assert fr["workTranslation"]["@id"] == f"{PREVIEW_URL}/{EN_STORY}"
    assert fr["workTranslation"]["inLanguage"] == "en"
    assert en["translationOfWork"]["@id"] == f"{PREVIEW_URL}/{FR_STORY}"
    assert "translationOfWork" not in fr and "workTranslation" not in en
    assert opengraph(site, FR_STORY)["og:locale"] == ["fr_FR"]
    assert opengraph(site, FR_STORY)["og:locale:alternate"] == ["en_US"]
    assert opengraph(site, EN_STORY)["og:locale:alternate"] == ["fr_FR"]


def test_an_untranslated_story_names_no_translation(site):
    article = news_article(site, EN_ONLY)
    assert "workTranslation" not in article and "translationOfWork" not in article
    assert "og:locale:alternate" not in opengraph(site, EN_ONLY)


def test_dates_keep_the_precision_the_story_has(site):
    corrected = news_article(site, EN_STORY)
    assert corrected["datePublished"] == "2023-05-17T09:30+02:00"
    assert corrected["dateModified"] == "2023-05-19"
    og = opengraph(site, EN_STORY)
    assert og["article:published_time"] == ["2023-05-17T09:30+02:00"]
    assert og["article:modified_time"] == ["2023-05-19"]
    month = news_article(site, FR_SOLAR)
    assert month["datePublished"] == month["dateModified"] == "2023-03"


def test_author_source_section_tags_and_correction_are_named(site):
    article = news_article(site, FR_STORY)
    assert article["author"] == {"@type": "Person", "name": "Awa Diop"}
    assert article["isBasedOn"] == {
        "@type": "CreativeWork",
        "name": "Agence de test",
        "url": "https://example.com/dakar?lang=fr&id=1",
    }
    assert article["articleSection"] == "Économie"
    assert article["keywords"] == ["Ports", "Énergie"]
    assert article["correction"]["datePublished"] == "2023-05-19"
    assert "trois ans" in article["correction"]["text"]
    unsigned = news_article(site, FR_QUAYS)
    assert unsigned["author"]["@type"] == "Organization"
    assert opengraph(site, FR_STORY)["article:tag"] == ["Ports", "Énergie"]
    assert opengraph(site, FR_STORY)["article:section"] == ["Économie"]


def test_list_pages_are_websites_with_their_own_description(site):
    og = opengraph(site, "en/category/economy/")
    assert og["og:type"] == ["website"]
    assert og["og:url"] == [f"{PREVIEW_URL}/en/category/economy/"]
    description = site.html("en/category/economy/").select_one('meta[name="description"]')
    assert og["og:description"] == [description["content"]]
    assert metadata(site, "en/category/economy/")["json-ld"] == []


def test_json_ld_cannot_be_closed_by_a_headline():
    from structured_data.structured_data import json_for_html

    text = str(json_for_html({"headline": "</script><script>alert(1)</script> & <!--"}))
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["headline"] == "</script><script>alert(1)</script> & <!--"


# --- Share image, icons, manifest, robots.txt --------------------------------------------


@pytest.mark.parametrize(("prefix", "name"), [("", "Le Briefing"), ("en/", "The Briefing")])
def test_each_language_has_a_share_image_and_a_manifest(site, prefix, name):
    og = opengraph(site, prefix)
    assert og["og:image"] == [f"{PREVIEW_URL}/{prefix}share.png"]
    with Image.open(site.path(f"{prefix}share.png")) as image:
        assert image.size == (1200, 630) and image.format == "PNG"
    manifest_href = site.html(prefix).select_one('link[rel="manifest"]')["href"]
    manifest_path = site.resolve(prefix, manifest_href)
    manifest = json.loads(site.path(manifest_path).read_text(encoding="utf-8"))
    assert (manifest["name"], manifest["lang"]) == (name, prefix.rstrip("/") or "fr")
    for icon in manifest["icons"]:
        target = site.resolve(manifest_path, icon["src"])
        with Image.open(site.path(target)) as image:
            assert f"{image.width}x{image.height}" == icon["sizes"]


def test_favicon_and_touch_icon_are_at_the_root_and_linked(site):
    with Image.open(site.path("favicon.ico")) as icon:
        assert icon.format == "ICO"
        assert {(16, 16), (32, 32), (48, 48)} <= icon.info["sizes"]
    with Image.open(site.path("apple-touch-icon.png")) as touch:
        assert touch.size == (180, 180) and touch.mode == "RGB"
    for page in ("", EN_STORY):
        soup = site.html(page)
        for rel in ("icon", "apple-touch-icon"):
            href = soup.select_one(f'link[rel="{rel}"]')["href"]
            assert site.exists(site.resolve(page, href)), (page, rel)


def test_robots_txt_only_in_publish_builds(site, published):
    assert not site.exists("robots.txt")
    robots = published.path("robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {PUBLISH_URL}/sitemap.xml" in robots.splitlines()
    assert "Disallow: /" not in robots


# --- Corrections: page, feed, sitemap ---------------------------------------------------


def test_a_correction_is_shown_dated_at_the_end_of_the_story(site):
    soup = site.html(FR_STORY)
    note = soup.select_one(".story-footer .correction")
    assert note.select_one("time")["datetime"] == "2023-05-19"
    assert "19 mai 2023" in note.get_text()
    assert "elle est de trois ans" in note.get_text()
    updated = soup.select_one(".story-header .updated time")
    assert updated["datetime"] == "2023-05-19"
    assert site.html(FR_QUAYS).select_one(".correction") is None


def test_modified_updates_the_feed_entry_and_the_sitemap(site):
    feed = feedparser.parse(site.path("en/feeds/all.atom.xml").read_bytes())
    assert feed.bozo == 0
    # (a preview's links name index.html, as every link of a preview does)
    entry = next(e for e in feed.entries if e.link.endswith(EN_STORY + "index.html"))
    assert entry.updated.startswith("2023-05-19") and entry.published.startswith("2023-05-17")
    root = ET.fromstring(site.path("sitemap.xml").read_bytes())
    lastmod = {
        url.findtext("s:loc", namespaces=NS): url.findtext("s:lastmod", namespaces=NS)
        for url in root.findall("s:url", NS)
    }
    assert lastmod[f"{PREVIEW_URL}/{EN_STORY}"] == "2023-05-19"
    assert lastmod[f"{PREVIEW_URL}/{FR_SOLAR}"] == "2023-03"
    assert lastmod[f"{PREVIEW_URL}/{FR_QUAYS}"] == "2023-04-02"


# --- The story page ---------------------------------------------------------------------


def test_the_story_page_has_standfirst_byline_source_and_reading_time(site):
    soup = site.html(FR_STORY)
    header = soup.select_one(".story-header")
    assert header.select_one(".standfirst").get_text() == (
        "Les travaux ont commencé\u202f; ils dureront trois ans."
    )
    assert header.select_one(".author").get_text() == "Par Awa Diop"
    assert header.select_one(".reading-time").get_text() == "1 min de lecture"
    source = soup.select_one(".story-source a")
    assert (source.get_text(), source["href"]) == (
        "Agence de test",
        "https://example.com/dakar?lang=fr&id=1",
    )
    assert site.html(FR_QUAYS).select_one(".author").get_text() == "Par la rédaction"
    assert site.html(FR_QUAYS).select_one(".story-source a") is None


def test_related_stories_share_a_topic(site):
    related = [
        site.resolve(FR_STORY, a["href"]) for a in site.html(FR_STORY).select(".related-list a")
    ]
    # Two shared topics first would win; here each shares one, so the newest first.
    assert related == [FR_QUAYS, FR_SOLAR]
    assert FR_UNRELATED not in related
    assert site.html(FR_UNRELATED).select_one(".related") is None


def test_english_typography_is_curly_but_spares_code_addresses_and_french(site):
    soup = site.html(EN_STORY)
    title = soup.select_one("h1").get_text()
    assert title == "Dakar port doubles its capacity: a “historic” project"
    body = soup.select_one(".story-body")
    assert "The works are “historic”; they’ll last three years – and cost ‘a lot’…" in (
        body.get_text()
    )
    assert "The 1990s plan — shelved." in body.get_text()
    assert body.select_one("p code").get_text() == 'name = "it\'s"'
    assert body.select_one("pre code").get_text() == 'code "stays" straight -- always\n'
    assert body.select_one("p a")["href"] == "https://example.com/it's--here"
    assert soup.select_one(".standfirst").get_text() == (
        "Work has begun – it will last three years, the port’s director said."
    )
    french = site.html(FR_STORY).select_one(".story-body").get_text()
    assert 'Le terminal "sud" sera livré en premier.' in french


# --- Feeds per section and topic ---------------------------------------------------------


@pytest.mark.parametrize(
    ("page", "feed", "expected"),
    [
        ("categorie/economie/", "feeds/categorie/economie.atom.xml", {FR_STORY, FR_QUAYS}),
        ("sujet/energie/", "feeds/sujet/energie.atom.xml", {FR_STORY, FR_SOLAR}),
        ("en/category/economy/", "en/feeds/category/economy.atom.xml", {EN_STORY}),
        ("en/tag/ports/", "en/feeds/tag/ports.atom.xml", {EN_STORY, EN_ONLY}),
    ],
)
@pytest.mark.parametrize("build", ["site", "published"])
def test_sections_and_topics_have_their_own_feed_linked_absolutely(
    request, build, page, feed, expected
):
    built: BuiltSite = request.getfixturevalue(build)
    soup = built.html(page)
    absolute = f"{built.siteurl}/{feed}"
    alternates = [link["href"] for link in soup.select('head link[type="application/atom+xml"]')]
    assert absolute in alternates
    assert soup.select_one(".follow a")["href"] == absolute
    parsed = feedparser.parse(built.path(feed).read_bytes())
    assert parsed.bozo == 0
    assert [link.href for link in parsed.feed.links if link.rel == "self"] == [absolute]
    links = {entry.link.removeprefix(built.siteurl + "/") for entry in parsed.entries}
    # (a preview's links name index.html, as every link of a preview does)
    assert {link.removesuffix("index.html") for link in links} == expected


def test_every_feed_link_with_hreflang_is_absolute(site):
    for file in site.pages():
        for link in site.html(site.url_path_of(file)).select("head link[hreflang]"):
            assert link["href"].startswith(PREVIEW_URL + "/"), (file, link)


# --- Front page, untranslated stories, 404 ----------------------------------------------


def test_the_front_page_leads_with_the_latest_story_then_sections(site):
    soup = site.html("")
    lead = soup.select_one(".lead-story")
    assert site.resolve("", lead.select_one("h2 a")["href"]) == FR_STORY
    assert lead.select_one(".standfirst").get_text().startswith("Les travaux ont commencé")
    sections = [
        (s.select_one("h2").get_text(), [site.resolve("", a["href"]) for a in s.select("h3 a")])
        for s in soup.select(".front-section")
    ]
    assert sections == [("Économie", [FR_QUAYS]), ("Monde", [FR_SOLAR, FR_UNRELATED])]
    assert soup.select_one("h1").get_text().startswith("Le Briefing")


def test_an_untranslated_story_says_there_is_no_other_version(site):
    link = site.html(EN_ONLY).select_one(".language-switcher a")
    assert link.get_text() == "Pas de version française"
    # The French home as a preview links it, and the story's own address, to come back.
    assert link["href"].endswith(
        "index.html?from=2023/07/brief-in-english-only/index.html#only-in-en"
    )
    assert site.resolve(EN_ONLY, link["href"].partition("?")[0]) == ""
    assert "rel" not in link.attrs  # not an alternate: the other page is not a translation


def test_the_404_page_carries_the_other_languages_words(site):
    soup = site.html("404.html")
    english = soup.select_one('[data-not-found="en"]')
    assert english.has_attr("hidden") and english["lang"] == "en"
    assert english.select_one("h1").get_text() == "Page not found"
    assert english["data-site-root"] == "/en/index.html"  # language.js drops index.html
    assert soup.select_one('[data-not-found="fr"] h1').get_text() == "Page introuvable"


@pytest.mark.parametrize("build", ["site", "published"])
def test_every_feed_parses_without_error(request, build):
    built: BuiltSite = request.getfixturevalue(build)
    feeds = sorted(built.output.rglob("*.atom.xml"))
    assert len(feeds) == 2 + 5 + 4  # all stories, sections and topics of each language
    for feed in feeds:
        parsed = feedparser.parse(feed.read_bytes())
        assert parsed.bozo == 0, (feed, parsed.get("bozo_exception"))
        assert parsed.entries, feed


def test_a_paginated_section_describes_each_page(tmp_path):
    built = build_site(
        NEWSROOM, tmp_path / "output", siteurl=PREVIEW_URL, extra={"DEFAULT_PAGINATION": 1}
    )
    first = built.html("categorie/economie/")
    second = built.html("categorie/economie/page/2/")
    assert first.title.get_text() != second.title.get_text()
    description = 'meta[name="description"]'
    assert first.select_one(description)["content"] != second.select_one(description)["content"]


def test_a_story_with_an_image_shares_its_image(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(NEWSROOM, content)
    shutil.copyfile(SITES / "taxonomy.toml", content / "taxonomy.toml")
    (content / "images").mkdir()
    shutil.copyfile(IMAGE, content / "images" / "carte.png")
    story = content / "fr" / "2023" / "quais-nouveaux.md"
    story.write_text(
        story.read_text(encoding="utf-8")
        + "\n![Carte des quais d’Abidjan]({static}/images/carte.png)\n",
        encoding="utf-8",
    )
    built = build_site(content, tmp_path / "output", siteurl=PREVIEW_URL)
    og = opengraph(built, FR_QUAYS)
    assert og["og:image"] == [f"{PREVIEW_URL}/images/carte.png"]
    assert og["og:image:alt"] == ["Carte des quais d’Abidjan"]
    assert "og:image:width" not in og  # the size of an editor's image is not guessed
    assert news_article(built, FR_QUAYS)["image"] == [f"{PREVIEW_URL}/images/carte.png"]
    assert opengraph(built, FR_SOLAR)["og:image"] == [f"{PREVIEW_URL}/share.png"]


def test_every_story_of_the_real_site_carries_parseable_share_data(published_site):
    """content/ as published: each story's OpenGraph and JSON-LD parse and name the
    story's translation."""
    stories = [
        published_site.url_path_of(path)
        for path in published_site.pages()
        if published_site.html(published_site.url_path_of(path)).select_one("article.story")
    ]
    assert len(stories) >= 2
    for page in stories:
        data = metadata(published_site, page)
        article = next(item for item in data["json-ld"] if item["@type"] == "NewsArticle")
        og = data["opengraph"][0]
        # (extruct's uniform form gives og:type as @type)
        assert og["@type"] == "article" and og["og:url"] == article["url"]
        translation = article.get("workTranslation") or article.get("translationOfWork")
        alternates = published_site.html(page).select('link[rel="alternate"][hreflang]:not([type])')
        other = {link["href"] for link in alternates if link["hreflang"] not in ("x-default",)} - {
            article["url"]
        }
        assert {translation["url"]} == other, page


@pytest.mark.parametrize(
    ("setting", "value", "message"),
    [
        ("READING_WORDS_PER_MINUTE", 0, "editorial: READING_WORDS_PER_MINUTE must be a positive"),
        ("RELATED_STORIES_MAX", "3", "editorial: RELATED_STORIES_MAX must be a positive"),
        ("SHARE_IMAGE_SAVE_AS", "share.jpg", "site_files: SHARE_IMAGE_SAVE_AS must be a site path"),
        ("ROBOTS_TXT", "yes", "site_files: ROBOTS_TXT must be True or False"),
    ],
)
def test_a_bad_plugin_setting_stops_the_build_and_says_why(tmp_path, setting, value, message):
    built = build_site(NEWSROOM, tmp_path / "output", extra={setting: value}, expect_success=False)
    assert built.returncode != 0
    assert message in built.log
    assert not built.exists("index.html")


def test_a_correction_of_the_same_day_is_never_before_the_story_in_feeds(site):
    """Date: 2023-02-01 18:00, Modified: 2023-02-01: the entry is updated at publication,
    not at midnight before it; the page still dates the correction to the day."""
    feed = feedparser.parse(site.path("feeds/all.atom.xml").read_bytes())
    entry = next(e for e in feed.entries if e.link.endswith(FR_UNRELATED + "index.html"))
    assert entry.updated_parsed >= entry.published_parsed
    assert site.html(FR_UNRELATED).select_one(".correction time")["datetime"] == "2023-02-01"
