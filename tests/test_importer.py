"""The raw-text importer, tested on what an editor gets: story files, their HTML, the report.

Each folder in tests/importer/ is one scenario: raw input file(s), case.json (the options
an editor would pass), expected/ (the story files) and messages.txt (the report, with the
output folder written as <content>). expected/ and messages.txt are goldens: `invoke
goldens` rewrites them from a real import, and the diff is reviewed by hand.

Most scenarios are the shape of a real news page copied from a browser, in French and in
English (RFI, France 24, Le Monde, Jeune Afrique, AFP, Reuters, BBC …; the article texts
are the project's own). For those, case.json also says how many article paragraphs each
raw text holds ("paragraphs": a headline standing as a paragraph of its own is not one),
counted by whoever wrote the text, independently of the importer.
Every scenario must import with no leftover (the check, which knows the same leftovers,
is silent but for the fields an editor fills in) and no lost paragraph (every line of the
raw text is the title, a paragraph of the story or something the report says it dropped).
"""

from __future__ import annotations

import html
import re
from datetime import datetime as Date
from pathlib import Path

import markdown
import pytest
from conftest import ROOT, build_site
from goldens import IMPORTER as CASES_DIR
from goldens import (
    case_options,
    files_under,
    import_case,
    imported_files,
    importer_cases,
    report_text,
)

from briefing.checker import check_content
from briefing.importer import (
    ImportReport,
    StoryImportError,
    cut_slug,
    import_story,
    make_slug,
    make_translation_key,
    parse_raw,
)
from briefing.rules import RULES
from briefing.sentences import normalised, same_text
from briefing.site import load_model

CASES = importer_cases()
# The scenarios that are real-world page shapes: they say how many paragraphs they hold.
PAGE_SHAPES = [name for name in CASES if "paragraphs" in case_options(name)]
# The site's limits (pelicanconf.py), which proposed summaries and slugs respect.
MODEL = load_model(ROOT / "pelicanconf.py")
SUMMARY_MAX, SLUG_MAX = MODEL.summary_max, MODEL.slug_max
# The site renders with these; the brief's baseline is the meta extension alone.
EXTENSION_SETS = {
    "meta": ["markdown.extensions.meta"],
    "site": ["markdown.extensions.meta", "markdown.extensions.extra", "markdown.extensions.toc"],
}
SEED_FR = "fr/2022/fin-de-la-visite-dune-delegation-de-letat-major-rwandais-en-france.md"
SEED_EN = "en/2022/the-rwandan-general-staff-delegation-concludes-its-visit-to.md"


# --------------------------------------------------------------------------- helpers


def run_case(name: str, tmp_path: Path, **overrides: object) -> tuple[ImportReport, Path]:
    """Import a scenario's raw files into tmp_path/content, as `invoke import` would."""
    content = tmp_path / "content"
    return import_case(name, content, **overrides), content


def render(path: Path, extensions: str = "meta") -> tuple[str, dict[str, list[str]]]:
    md = markdown.Markdown(extensions=EXTENSION_SETS[extensions])
    output = md.convert(path.read_text(encoding="utf-8"))
    return output, md.Meta  # type: ignore[attr-defined]


def visible_paragraphs(output: str) -> list[str]:
    """What a reader sees in each <p>: tags stripped, entities decoded."""
    return [html.unescape(re.sub(r"<[^>]+>", "", p)) for p in re.findall(r"<p>(.*?)</p>", output)]


def tags_in(output: str) -> set[str]:
    return set(re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", output))


def raw_blocks(path: Path) -> list[str]:
    """A raw file's blank-line separated blocks, spaces collapsed as the importer does."""
    text = path.read_text(encoding="utf-8")
    return [" ".join(block.split()) for block in text.split("\n\n") if block.strip()]


def only_file(content: Path) -> Path:
    (path,) = [p for p in content.rglob("*.md")]
    return path


# --------------------------------------------------------------------------- every scenario


@pytest.mark.parametrize("name", CASES)
def test_story_files_match_the_checked_expected_files(name: str, tmp_path: Path) -> None:
    _, content = run_case(name, tmp_path)
    assert imported_files(content) == files_under(CASES_DIR / name / "expected")


@pytest.mark.parametrize("name", CASES)
def test_report_matches_the_expected_messages(name: str, tmp_path: Path) -> None:
    report, content = run_case(name, tmp_path)
    expected = (CASES_DIR / name / "messages.txt").read_text(encoding="utf-8")
    assert report_text(report, content) == expected
    assert sorted(report.written) == sorted(content.rglob("*.md"))


@pytest.mark.parametrize("name", CASES)
@pytest.mark.parametrize("extensions", sorted(EXTENSION_SETS))
def test_body_renders_as_plain_paragraphs(name: str, extensions: str, tmp_path: Path) -> None:
    _, content = run_case(name, tmp_path)
    for path in content.rglob("*.md"):
        output, _ = render(path, extensions)
        assert tags_in(output) == {"p"}, output


# --------------------------------------------------------------------------- 1. seed


def test_seed_story_metadata(tmp_path: Path) -> None:
    _, content = run_case("seed", tmp_path)
    _, fr = render(content / SEED_FR)
    _, en = render(content / SEED_EN)
    assert fr["date"] == en["date"] == ["2022-03"]
    assert (fr["lang"], en["lang"]) == (["fr"], ["en"])
    assert fr["slug"] == ["fin-de-la-visite-dune-delegation-de-letat-major-rwandais-en-france"]
    assert en["slug"] == ["the-rwandan-general-staff-delegation-concludes-its-visit-to"]
    assert fr["translation_key"] == en["translation_key"]
    assert fr["translation_key"] == ["2022-03-" + fr["slug"][0]]
    assert en["title"] == ["The Rwandan General Staff Delegation concludes its visit to"]
    assert fr["title"] == ["Fin de la visite d’une délégation de l’état-major rwandais en France"]
    assert (fr["category"], en["category"]) == (["Afrique"], ["Africa"])
    assert (fr["tags"], en["tags"]) == (["Rwanda, France, Défense"], ["Rwanda, France, Defence"])


def test_seed_keeps_every_article_paragraph_and_drops_the_rest(tmp_path: Path) -> None:
    report, content = run_case("seed", tmp_path)
    fr_raw = raw_blocks(CASES_DIR / "seed" / "000_c2d994bf77750b07.txt")
    en_raw = raw_blocks(CASES_DIR / "seed" / "001_20860aa03c7dd748.txt")
    fr_html, _ = render(content / SEED_FR)
    en_html, _ = render(content / SEED_EN)
    # French: the date token goes, and so does the first sentence, which is the title now.
    title = "Fin de la visite d’une délégation de l’état-major rwandais en France. "
    first = fr_raw[0].removeprefix("date 2022-03 ").removeprefix(title)
    assert visible_paragraphs(fr_html) == [first, *fr_raw[1:]]
    # English: headline, "Read also" and cookie banner go.
    assert visible_paragraphs(en_html) == en_raw[1:-2]
    assert "cookies" not in en_html and "Read also" not in en_html
    assert any("dropped cookie banner" in m for m in report.messages)
    assert any("dropped read-also link" in m for m in report.messages)
    assert any("no title line: proposed the first sentence as title" in m for m in report.messages)


# --------------------------------------------------------------------------- 2. Markdown


@pytest.mark.parametrize("extensions", sorted(EXTENSION_SETS))
def test_markdown_syntax_in_raw_text_stays_text(extensions: str, tmp_path: Path) -> None:
    _, content = run_case("markdown-escaping", tmp_path)
    output, meta = render(only_file(content), extensions)
    for tag in ("h1", "h2", "ol", "ul", "li", "blockquote", "em", "strong", "a", "img", "code"):
        assert f"<{tag}" not in output
    raw = raw_blocks(CASES_DIR / "markdown-escaping" / "fr.txt")
    assert visible_paragraphs(output) == raw[1:]  # raw[0] is the date token and title
    assert meta["summary"] == ["#Mali la junte annonce un calendrier de transition."]


# --------------------------------------------------------------------------- 3. HTML


@pytest.mark.parametrize("extensions", sorted(EXTENSION_SETS))
def test_html_in_raw_text_is_shown_not_run(extensions: str, tmp_path: Path) -> None:
    _, content = run_case("html-escaping", tmp_path)
    output, _ = render(only_file(content), extensions)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in output
    assert "&lt;img src=x onerror=alert(1)&gt;" in output
    for element in ("<script", "<img", "<b>", "<!--", "<a"):
        assert element not in output
    raw = raw_blocks(CASES_DIR / "html-escaping" / "en.txt")
    assert visible_paragraphs(output) == raw[1:]


# --------------------------------------------------------------------------- 4. quotes


def test_typographic_quotes_and_spaces_are_kept_byte_for_byte(tmp_path: Path) -> None:
    _, content = run_case("quotes", tmp_path)
    raw_lines = (CASES_DIR / "quotes" / "fr.txt").read_text(encoding="utf-8").splitlines()
    written = only_file(content).read_text(encoding="utf-8")
    header, body = written.split("\n\n", 1)
    assert "Title: L’armée « prête » à “tout” face aux menaces" in header.splitlines()
    assert body.rstrip("\n").split("\n\n") == [line for line in raw_lines[3:] if line]
    output, _ = render(only_file(content))
    assert visible_paragraphs(output) == [line for line in raw_lines[3:] if line]
    for char in "«»“”‘’\u202f\u00a0":
        assert char in output
    assert "&ldquo;" not in output and "&rsquo;" not in output and "&hellip;" not in output


# --------------------------------------------------------------------------- 5. boilerplate


def test_boilerplate_is_dropped_and_byline_becomes_source(tmp_path: Path) -> None:
    report, content = run_case("boilerplate", tmp_path)
    output, meta = render(only_file(content))
    assert meta["source"] == ["RFI"] and meta["author"] == [""]
    assert visible_paragraphs(output) == [
        "La junte au pouvoir à Bamako a présenté jeudi un calendrier de transition. "
        "Le document prévoit des élections en 2024.",
        "Les partenaires régionaux ont salué l’annonce.",
        "La Cédéao doit se réunir le mois prochain.",
    ]
    for leftover in ("Par RFI", "cookies", "00:45", "1:23:45", "vid", "Lire aussi", "Publicité"):
        assert leftover not in output
    dropped = [m for m in report.messages if ": dropped " in m]
    assert len(dropped) == 11  # one line per dropped line or fragment


@pytest.mark.parametrize(
    ("line", "author", "source"),
    [
        ("Par RFI", "", "RFI"),
        ("By RFI", "", "RFI"),
        ("Avec AFP", "", "AFP"),
        ("Par Jean Dupont", "Jean Dupont", ""),
        ("Par notre correspondant à Dakar, Jean Dupont", "Jean Dupont", ""),
        ("Par Jean Dupont, avec AFP", "Jean Dupont", "AFP"),
        ("By John Smith and Jane Doe", "John Smith, Jane Doe", ""),
        ("Par France 24", "", "France 24"),
    ],
)
def test_bylines_fill_author_or_source(line: str, author: str, source: str) -> None:
    story = parse_raw(f"date 2022-03\nTitre de l’article\n\n{line}\n\nLe texte.")
    assert (story.author, story.source, story.paragraphs) == (author, source, ["Le texte."])


@pytest.mark.parametrize(
    "line",
    [
        "Par ailleurs, le gouvernement a annoncé une réforme.",
        "By the end of the day",
        "Avec Jean Dupont",
        "Par la suite",
        "Lire aussi le rapport de l’ONU, publié hier.",
    ],
)
def test_sentences_that_look_like_boilerplate_are_kept(line: str) -> None:
    story = parse_raw(f"date 2022-03\nTitre de l’article\n\n{line}\n\nLe texte.")
    assert story.paragraphs == [line, "Le texte."]
    assert (story.author, story.source) == ("", "")


# --------------------------------------------------------------------------- 6. overwrite


def test_single_language_writes_only_that_language(tmp_path: Path) -> None:
    report, content = run_case("single-language", tmp_path)
    assert [p.relative_to(content).parts[0] for p in report.written] == ["en"]
    assert not (content / "fr").exists()
    _, meta = render(only_file(content))
    assert meta["author"] == ["John Doe"]
    assert meta["source_url"] == ["https://example.org/kenya-rail"]
    assert meta["translation_key"] == ["2022-07-kenya-opens-a-new-rail-link-to-the-ugandan-border"]


def test_existing_story_is_not_overwritten_without_force(tmp_path: Path) -> None:
    _, content = run_case("single-language", tmp_path)
    target = only_file(content)
    target.write_text("edited by hand\n", encoding="utf-8")
    with pytest.raises(StoryImportError) as error:
        run_case("single-language", tmp_path)
    assert target.name in str(error.value) and "--force" in str(error.value)
    assert target.read_text(encoding="utf-8") == "edited by hand\n"


def test_refusal_writes_nothing_even_for_the_language_that_is_free(tmp_path: Path) -> None:
    existing = tmp_path / "content" / SEED_EN
    existing.parent.mkdir(parents=True)
    existing.write_text("edited by hand\n", encoding="utf-8")
    with pytest.raises(StoryImportError, match="the-rwandan-general-staff"):
        run_case("seed", tmp_path)
    assert imported_files(tmp_path / "content") == {SEED_EN: "edited by hand\n"}


def test_force_overwrites(tmp_path: Path) -> None:
    _, content = run_case("single-language", tmp_path)
    only_file(content).write_text("edited by hand\n", encoding="utf-8")
    report, content = run_case("single-language", tmp_path, force=True)
    assert imported_files(content) == files_under(CASES_DIR / "single-language" / "expected")
    assert report.messages[-1].startswith("wrote ")


# --------------------------------------------------------------------------- 7. no date


def test_missing_date_is_reported_and_left_empty(tmp_path: Path) -> None:
    report, content = run_case("no-date", tmp_path)
    _, meta = render(only_file(content))
    assert meta["date"] == [""]
    assert any("WARNING: no date token" in m for m in report.messages)


# --------------------------------------------------------------------------- other inputs


def test_summary_and_proposed_title_of_a_long_sentence(tmp_path: Path) -> None:
    _, content = run_case("long-sentence", tmp_path)
    _, meta = render(only_file(content))
    (summary,) = meta["summary"]
    assert summary.endswith("…") and len(summary) <= SUMMARY_MAX
    assert len(meta["title"][0]) <= 150 and len(meta["slug"][0]) <= SLUG_MAX


def test_title_line_rules() -> None:
    # Ends like a sentence: body text, so a title is proposed from it, and leaves the text.
    story = parse_raw("date 2022-03\nLe Mali quitte le G5 Sahel.\n\nLe texte.")
    assert story.title_proposed and story.title == "Le Mali quitte le G5 Sahel"
    assert story.paragraphs == ["Le texte."]
    # Not followed by a blank line: body text too.
    story = parse_raw("date 2022-03\nLe Mali quitte le G5 Sahel\nLe texte.")
    assert story.title_proposed and story.paragraphs == ["Le texte."]
    # Text on the date token's line is body, never a title.
    story = parse_raw("date 2022-03 Un titre court\n\nLe texte.")
    assert story.title_proposed and story.paragraphs == ["Le texte."]
    # A quotation may end a headline; a quoted sentence may not.
    story = parse_raw("date 2022-03\nMadagascar : un prix « intenable »\n\nLe texte.")
    assert not story.title_proposed and story.title == "Madagascar : un prix « intenable »"
    story = parse_raw("date 2022-03\n« Nous sommes prêts. »\n\nLe texte.")
    assert story.title_proposed and story.paragraphs == ["Le texte."]


def test_bom_and_windows_line_endings(tmp_path: Path) -> None:
    raw = tmp_path / "fr.txt"
    raw.write_bytes("\ufeffdate 2022-03\r\nUn titre\r\n\r\nLe texte.\r\n".encode())
    report = import_story(fr=raw, en=None, content_dir=tmp_path / "content")
    text = report.written[0].read_text(encoding="utf-8")
    assert text.startswith("Title: Un titre\nDate: 2022-03\n")
    assert text.endswith("\n\nLe texte.\n") and "\r" not in text


def test_non_utf8_file_is_refused_by_name(tmp_path: Path) -> None:
    raw = tmp_path / "latin1.txt"
    raw.write_bytes("date 2022-03\nCafé\n\nDéjà.".encode("latin-1"))
    with pytest.raises(StoryImportError, match=r"latin1\.txt: not UTF-8"):
        import_story(fr=raw, en=None, content_dir=tmp_path / "content")
    assert not (tmp_path / "content").exists()


def test_different_dates_are_an_error(tmp_path: Path) -> None:
    fr = tmp_path / "fr.txt"
    en = tmp_path / "en.txt"
    fr.write_text("date 2022-03\nUn titre\n\nLe texte.", encoding="utf-8")
    en.write_text("date 2022-04\nA title\n\nThe text.", encoding="utf-8")
    with pytest.raises(StoryImportError, match="different dates") as error:
        import_story(fr=fr, en=en, content_dir=tmp_path / "content")
    assert "2022-03" in str(error.value) and "2022-04" in str(error.value)
    assert not (tmp_path / "content").exists()


@pytest.mark.parametrize("token", ["2022-3", "2022-13", "2022-02-30"])
def test_malformed_date_token_is_an_error(tmp_path: Path, token: str) -> None:
    raw = tmp_path / "fr.txt"
    raw.write_text(f"date {token}\nUn titre\n\nLe texte.", encoding="utf-8")
    with pytest.raises(StoryImportError, match=r"fr\.txt: the date token"):
        import_story(fr=raw, en=None, content_dir=tmp_path / "content")


def test_no_input_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(StoryImportError, match="no raw text given"):
        import_story(fr=None, en=None, content_dir=tmp_path)


# --------------------------------------------------------------------------- page shapes

# What the check may still say about an imported story: the fields an editor fills in
# (a Category not given, a Summary left empty, a Date the text did not give) and the
# reminder that the proposed Summary is the text's first sentence.
EDITOR_GAPS = {"field-empty", "summary-is-first-sentence"}
LEFTOVER_RULES = {rule_id for rule_id, rule in RULES.items() if rule.family == "leftovers"}
DATE_TOKEN_RE = re.compile(r"^\s*date\s*:?\s+\d\S*\s*", re.I)


def raw_files(name: str) -> dict[str, Path]:
    options = case_options(name)
    return {lang: CASES_DIR / name / options[lang] for lang in ("fr", "en") if lang in options}


def written_story(content: Path, lang: str) -> Path:
    (path,) = (content / lang).rglob("*.md")
    return path


def test_at_least_twelve_page_shapes_per_language() -> None:
    for lang in ("fr", "en"):
        shapes = [name for name in PAGE_SHAPES if lang in raw_files(name)]
        assert len(shapes) >= 12, f"{lang}: {shapes}"


@pytest.mark.parametrize("name", CASES)
def test_the_check_finds_no_leftover_in_an_imported_story(name: str, tmp_path: Path) -> None:
    report, content = run_case(name, tmp_path)
    problems = check_content(content)
    assert not [str(p) for p in problems if p.rule in LEFTOVER_RULES - EDITOR_GAPS]
    assert not [str(p) for p in problems if p.rule not in EDITOR_GAPS]
    # The reminder is there only where the report said the Summary was the first sentence.
    reminded = {Path(p.path).parts[1] for p in problems if p.rule == "summary-is-first-sentence"}
    files = {lang: path.name for lang, path in raw_files(name).items()}
    noted = {
        lang
        for lang, file in files.items()
        if f"{file}: Summary: proposed the text's first sentence" in "\n".join(report.messages)
    }
    assert reminded == noted


@pytest.mark.parametrize("name", CASES)
def test_every_raw_line_is_the_title_a_paragraph_or_reported(name: str, tmp_path: Path) -> None:
    _, content = run_case(name, tmp_path)
    for lang, raw in raw_files(name).items():
        text = raw.read_text(encoding="utf-8")
        dropped = parse_raw(text).dropped
        output, meta = render(written_story(content, lang))
        body = visible_paragraphs(output)
        for line in text.splitlines():
            rest = _unexplained(collapsed(line), meta["title"][0], dropped)
            assert not rest or rest in body, f"{raw.name}: lost {rest!r}"
        assert not dropped, f"{raw.name}: reported but not in the text: {dropped}"


def collapsed(line: str) -> str:
    """A raw line as the importer reads it: runs of spaces and tabs are one space."""
    return re.sub(r"[ \t\f\v]+", " ", line).strip()


# The drops that are part of a line: a dateline opens a paragraph, a repeated headline is
# its first sentence, a cookie banner may end it. Every other drop is a whole line.
OPENING_DROPS = ("dateline", "headline repeated")
CLOSING_DROPS = ("cookie banner (end of a paragraph)",)


def _unexplained(line: str, title: str, dropped: list[tuple[str, str]]) -> str:
    """What remains of a raw line once the date token, its reported drops (taken off
    `dropped`) and the title are taken out of it: "" or one paragraph of the story."""
    rest = DATE_TOKEN_RE.sub("", line)
    for drop in list(dropped):
        what, why = drop
        if rest == what:
            rest = ""
        elif why.startswith(OPENING_DROPS) and rest.startswith(what):
            rest = rest.removeprefix(what).strip()
        elif why in CLOSING_DROPS and rest.endswith(what):
            rest = rest.removesuffix(what).strip()
        else:
            continue
        dropped.remove(drop)
    if rest in (title, f"{title}."):
        return ""
    if rest.startswith(title) and rest[len(title) :].startswith(". "):
        rest = rest[len(title) + 2 :]  # the proposed title was this paragraph's first sentence
    return rest


@pytest.mark.parametrize("name", PAGE_SHAPES)
def test_no_article_paragraph_is_lost(name: str, tmp_path: Path) -> None:
    report, content = run_case(name, tmp_path)
    counts = case_options(name)["paragraphs"]
    for lang, raw in raw_files(name).items():
        text = raw.read_text(encoding="utf-8")
        output, _ = render(written_story(content, lang))
        body = visible_paragraphs(output)
        assert len(body) == counts[lang], body
        lines = [collapsed(line) for line in text.splitlines()]
        for paragraph in body:
            assert any(paragraph in line for line in lines), f"{raw.name}: not raw: {paragraph!r}"
        dropped = [m for m in report.messages if m.startswith(f"{raw.name}: dropped ")]
        assert len(dropped) == len(parse_raw(text).dropped)


# Words of web-page leftovers that no story of the page shapes contains.
LEFTOVER_WORDS = (
    "Aller à la vid",
    "Go to video",
    "#Mali",
    "Publié le",
    "Published on",
    "Écouter",
    "Listen",
    "©",
    "REUTERS/",
    "/ AFP",
    "Lire aussi",
    "Read also",
    "Partager",
    "Share",
    "newsletter",
    "abonnés",
    "subscribers",
    "cookies",
    "pic.twitter.com",
    "Thomson Reuters",
    "rk/cl/thm",
)


@pytest.fixture(scope="module")
def imported_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    """Every page shape imported into one content folder, then built by Pelican."""
    work = tmp_path_factory.mktemp("imported-site")
    content = work / "content"
    for name in PAGE_SHAPES:
        import_case(name, content)
    return content, build_site(content, work / "output")


def test_imported_page_shapes_build_and_read_without_leftovers(imported_site) -> None:
    content, site = imported_site
    stories = sorted(content.glob("*/*/*.md"))
    assert len(stories) == 2 * len(PAGE_SHAPES)
    for path in stories:
        _, meta = render(path)
        lang, slug, title = meta["lang"][0], meta["slug"][0], meta["title"][0]
        year, month = meta["date"][0][:4], meta["date"][0][5:7]
        page = site.html(MODEL.story_path(lang, Date(int(year), int(month), 1), slug))
        # The page shows the title with French typography (no-break spaces): same words.
        assert same_text(page.select_one("h1").get_text(), title)
        body = page.select_one(".story-body")
        first = body.select_one("p").get_text()
        # The headline is printed once: the text does not open with it.
        assert not normalised(first).startswith(normalised(title)), path.name
        for word in LEFTOVER_WORDS:
            assert word not in body.get_text(), f"{path.name}: {word!r}"


def test_imported_summaries_are_never_the_titles_on_the_home_pages(imported_site) -> None:
    _, site = imported_site
    for home in ("", "en/"):
        # The story cards of a list, or the front page's lead story with its standfirst.
        cards = site.html(home).select("article.story-card, article.lead-story")
        assert cards
        for card in cards:
            title = card.select_one("h2, h3").get_text(strip=True)
            summary = card.select_one(".summary")
            assert summary is not None and not same_text(summary.get_text(), title)


# --------------------------------------------------------------------------- taxonomy


def test_unknown_tag_refuses_the_import_and_names_the_known_ones(tmp_path: Path) -> None:
    with pytest.raises(StoryImportError) as error:
        run_case("rfi-article", tmp_path, tags_fr=["Sénégal", "Dessalement"])
    message = str(error.value)
    assert message.startswith("--tags-fr: 'Dessalement' is not a tag of ")
    assert "taxonomy.toml for French stories; nothing was written" in message
    assert "use one of: Afrique du Sud, Agriculture, Bénin," in message
    assert imported_files(tmp_path / "content") == {}


def test_unknown_category_refuses_the_import(tmp_path: Path) -> None:
    with pytest.raises(StoryImportError, match="--category-en: 'Sahel' is not a category"):
        run_case("rfi-article", tmp_path, category_en="Sahel")
    assert imported_files(tmp_path / "content") == {}


def test_a_name_of_the_other_language_is_refused_with_the_right_one(tmp_path: Path) -> None:
    with pytest.raises(StoryImportError) as error:
        run_case("rfi-article", tmp_path, tags_en=["Senegal", "Eau"])
    assert str(error.value) == (
        "--tags-en: 'Eau' is the French name of a tag; nothing was written — write "
        "'Water': English stories use English names"
    )


def test_names_are_written_as_the_taxonomy_labels_them(tmp_path: Path) -> None:
    _, content = run_case("rfi-article", tmp_path, category_fr="afrique", tags_fr=["SÉNÉGAL"])
    _, meta = render(written_story(content, "fr"))
    assert (meta["category"], meta["tags"]) == (["Afrique"], ["Sénégal"])


def test_a_language_given_no_category_or_tags_takes_the_others(tmp_path: Path) -> None:
    report, content = run_case("source-in-one-language", tmp_path)
    _, meta = render(written_story(content, "en"))
    assert (meta["category"], meta["tags"]) == (["Africa"], ["Senegal, Energy"])
    assert "en.txt: Category: Africa, the English name of Afrique" in report.messages


def test_without_a_taxonomy_file_the_names_are_written_as_given(tmp_path: Path) -> None:
    raw = tmp_path / "fr.txt"
    raw.write_text("date 2022-03\nUn titre\n\nLe texte.", encoding="utf-8")
    report = import_story(fr=raw, en=None, content_dir=tmp_path / "content", category_fr="Sahel")
    assert "Category: Sahel\n" in report.written[0].read_text(encoding="utf-8")
    assert any("cannot be read, so the category and tags are written" in m for m in report.messages)


# --------------------------------------------------------------------------- credits


def test_source_and_its_address_are_shared_with_the_other_language(tmp_path: Path) -> None:
    report, content = run_case("source-in-one-language", tmp_path)
    _, fr = render(written_story(content, "fr"))
    _, en = render(written_story(content, "en"))
    assert fr["source"] == en["source"] == ["RFI"]
    address = "https://www.rfi.fr/fr/afrique/20240902-senegal-programme-nucleaire-civil-exemple"
    assert fr["source_url"] == en["source_url"] == [address]
    assert "en.txt: Source: RFI taken from fr.txt, which names it" in report.messages


def test_source_url_option_wins_over_an_address_line(tmp_path: Path) -> None:
    _, content = run_case("source-in-one-language", tmp_path, source_url="https://example.org/a")
    for lang in ("fr", "en"):
        _, meta = render(written_story(content, lang))
        assert meta["source_url"] == ["https://example.org/a"]


@pytest.mark.parametrize(
    ("line", "author", "source"),
    [
        ("Texte par : RFI", "", "RFI"),
        ("Text by: FRANCE 24", "", "France 24"),
        ("Le Monde avec AFP", "", "Le Monde, AFP"),
        ("Avec notre correspondant à Bamako, Serge Dupuis", "Serge Dupuis", ""),
        ("Reporting by Ann Lee in Dakar; Editing by Tom Hale", "Ann Lee", "Reuters"),
        (
            "(Reportage Ann Lee ; version française Paul Roy, édité par Zoé Bas)",
            "Ann Lee",
            "Reuters",
        ),
    ],
)
def test_page_bylines_and_wire_credits(line: str, author: str, source: str) -> None:
    story = parse_raw(f"date 2022-03\nTitre de l’article\n\n{line}\n\nLe texte.")
    assert (story.author, story.source, story.paragraphs) == (author, source, ["Le texte."])


def test_an_agency_dateline_leaves_the_paragraph_for_the_source() -> None:
    story = parse_raw("date 2022-03\nUn titre\n\nDAKAR, March 17 (Reuters) - The text goes on.")
    assert (story.paragraphs, story.source) == (["The text goes on."], "Reuters")


# --------------------------------------------------------------------------- title, summary


def test_a_headline_repeated_as_the_first_sentence_is_printed_once(tmp_path: Path) -> None:
    report, content = run_case("headline-printed-twice", tmp_path)
    output, meta = render(written_story(content, "fr"))
    first = visible_paragraphs(output)[0]
    assert first.startswith("Les trente turbines")
    assert not same_text(meta["summary"][0], meta["title"][0])
    assert any("dropped headline repeated at the start of the text" in m for m in report.messages)


def test_a_one_sentence_text_leaves_the_summary_for_the_editor(tmp_path: Path) -> None:
    raw = tmp_path / "en.txt"
    raw.write_text("date 2022-03\nKenya opens a rail link to Uganda.\n", encoding="utf-8")
    report = import_story(fr=None, en=raw, content_dir=tmp_path / "content")
    _, meta = render(report.written[0])
    assert meta["title"] == ["Kenya opens a rail link to Uganda"]
    assert meta["summary"] == [""]
    assert any("Summary left for the editor" in m for m in report.messages)
    assert any("a text of one sentence" in m for m in report.messages)


def test_the_summary_skips_a_sentence_that_is_the_title() -> None:
    story = parse_raw("date 2022-03\nUn titre\n\nUn titre. La suite.")
    assert story.paragraphs == ["La suite."]
    story = parse_raw("date 2022-03\nUn titre\n\nUn titre.")  # kept: a story needs text
    assert story.paragraphs == ["Un titre."]


# --------------------------------------------------------------------------- slugs


@pytest.mark.parametrize(
    ("title", "lang", "limit", "slug"),
    [
        # The example: never "…-veut-relancer-son".
        (
            "Le Sénégal veut relancer son programme nucléaire civil",
            "fr",
            30,
            "le-senegal-veut-relancer",
        ),
        ("Le Nigeria augmente encore ses taux d’intérêt", "fr", 32, "le-nigeria-augmente-encore"),
        ("Kenya and Uganda open their joint border post", "en", 36, "kenya-and-uganda-open"),
        ("The bank cuts its key rate again", "en", 22, "the-bank-cuts"),
        # A clause of the title is the best place to cut.
        (
            "Mali, la junte prolonge la transition de deux ans",
            "fr",
            40,
            "mali-la-junte-prolonge-la-transition",
        ),
        # Not in the middle of a phrase: "…-civil-avec" loses its dangling "avec".
        (
            "Le Sénégal veut relancer son programme nucléaire civil avec l’aide de la Russie",
            "fr",
            62,
            "le-senegal-veut-relancer-son-programme-nucleaire-civil",
        ),
        # "son" is a noun in English: it may end an English slug.
        ("President names his son as new army chief of staff", "en", 26, "president-names-his-son"),
    ],
)
def test_slugs_are_cut_where_the_meaning_holds(
    title: str, lang: str, limit: int, slug: str
) -> None:
    assert make_slug(title, limit, lang) == slug
    assert len(slug) <= limit


def test_translation_keys_are_cut_like_slugs() -> None:
    title = "Le Sénégal veut relancer son programme nucléaire civil"
    assert make_translation_key("2024-09-02", title, 38, "fr") == "2024-09-le-senegal-veut-relancer"


def test_a_slug_without_a_good_cut_still_fits() -> None:
    assert cut_slug("a-b-c-d-e-f", 5) == "a-b-c"[:5].rstrip("-")
    assert len(cut_slug("x" * 90, 80)) == 80
