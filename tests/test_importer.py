"""The raw-text importer, tested on what an editor gets: story files, their HTML, the report.

Each folder in tests/importer/ is one scenario: raw input file(s), case.json (the options
an editor would pass), expected/ (the story files) and messages.txt (the report, with the
output folder written as <content>). expected/ and messages.txt are goldens: `invoke
goldens` rewrites them from a real import, and the diff is reviewed by hand.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import markdown
import pytest
from conftest import ROOT
from goldens import IMPORTER as CASES_DIR
from goldens import files_under, import_case, imported_files, importer_cases, report_text

from briefing.importer import ImportReport, StoryImportError, import_story, parse_raw
from briefing.site import load_model

CASES = importer_cases()
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
