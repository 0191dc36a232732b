"""The story checker: every problem in every file, one line each, in the editors' words.

tests/checker/good/content is a small valid site: no problems, and Pelican builds it.
Each rule's own fixture and report are in tests/rules/ (tests/test_rules.py); the tests
here cover how documents are read and how single rules judge edge cases.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from conftest import ROOT, TESTS, build_site

from briefing.checker import check_content, content_hash, main
from briefing.rules import Problem, exit_code, format_report

CASES = TESTS / "checker"
GOOD = CASES / "good" / "content"
TODAY = date(2024, 6, 15)  # the day the scenarios' dates are checked against

STORY = """\
Title: Une brève
Date: 2022-03
Lang: fr
Slug: une-breve
Translation_key: 2022-03-une-breve
Category: Afrique
Tags: Rwanda
Summary: Un résumé.

Le texte.
"""


def make_content(tmp_path: Path, files: dict[str, str]) -> Path:
    """A content folder with the real taxonomy and the given files."""
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(ROOT / "content" / "taxonomy.toml", content / "taxonomy.toml")
    for name, text in files.items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return content


def lines_of(problems: list[Problem]) -> list[str]:
    return [str(problem) for problem in problems]


# --------------------------------------------------------------------------- scenarios


def test_good_content_has_no_problems():
    assert check_content(GOOD, today=TODAY) == []


def test_good_content_builds(tmp_path):
    site = build_site(GOOD, tmp_path / "output")
    assert site.exists("2023/02/sommet-union-africaine-addis-abeba/")
    assert site.exists("en/2023/02/african-union-summit-addis-ababa/")
    assert site.exists("2023/07/elections-legislatives-espagne/")
    assert site.exists("en/about/")


def test_real_content_has_no_problems():
    assert check_content(ROOT / "content") == []


def test_command_line_prints_the_report_and_fails(tmp_path):
    """The console script, run from another folder, finds the project's settings."""
    bad = make_content(tmp_path, {"fr/x.md": STORY.replace("Date: 2022-03", "Date: hier")})
    result = run_checker(bad, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == (
        'content/fr/x.md:2: Date: "hier" is not a valid date — write it as YYYY-MM, '
        "YYYY-MM-DD or YYYY-MM-DD HH:MM, e.g. 2022-03-17, with a real month and day "
        "[date-invalid]\n"
        "1 error and 0 warnings: fix every error, then run the check again.\n"
    )


def test_command_line_passes_on_good_content(tmp_path):
    result = run_checker(GOOD, "--today", TODAY.isoformat(), cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_command_line_refuses_a_missing_folder(tmp_path, capsys):
    assert main([str(tmp_path / "nowhere")]) == 2
    assert "no such folder" in capsys.readouterr().out


def run_checker(content: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    script = Path(sys.executable).with_name("briefing-check")
    return subprocess.run(
        [str(script), str(content), "--settings", str(ROOT / "pelicanconf.py"), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=cwd,
    )


# --------------------------------------------------------------------------- report format


def test_problem_is_one_line_with_location_field_message_and_fix():
    error = Problem("content/fr/x.md", 2, "Date", "wrong", "write it right", "date-invalid")
    warning = Problem("content/en/x.md", 1, "Translated_from", "old", "update", "translation-stale")
    assert str(error) == "content/fr/x.md:2: Date: wrong — write it right [date-invalid]"
    assert str(warning) == (
        "content/en/x.md:1: warning: Translated_from: old — update [translation-stale]"
    )


def test_in_a_draft_work_left_to_do_is_a_warning_and_unsafe_content_an_error():
    missing = Problem("content/fr/x.md", 1, "Summary", "missing", "add it", "field-missing", True)
    unsafe = Problem("content/fr/x.md", 9, "body", "js", "remove", "link-scheme-unsafe", True)
    assert (missing.severity, unsafe.severity) == ("warning", "error")


def test_exit_code_fails_only_on_errors():
    warning = Problem("content/fr/x.md", 1, "Status", "draft", "publish it", "status-draft")
    error = Problem("content/fr/x.md", 1, "Date", "wrong", "fix it", "date-invalid")
    assert exit_code([]) == 0
    assert exit_code([warning]) == 0
    assert exit_code([warning, error]) == 1


def test_report_counts_problems():
    warning = Problem("content/fr/x.md", 1, "Status", "draft", "publish it", "status-draft")
    assert format_report([]) == ""
    assert format_report([warning]).endswith(
        "No errors; 1 warning to read: they do not stop publishing."
    )


# --------------------------------------------------------------------------- single rules


@pytest.mark.parametrize(
    ("value", "future"),
    [
        ("2024-06", False),  # this month: the story may be from any day of it
        ("2024-07", True),
        ("2024-06-15", False),
        ("2024-06-15 23:59", False),  # today; the hour is not checked
        ("2024-06-16", True),
        ("2023-12-31", False),
    ],
)
def test_future_dates_respect_the_precision(tmp_path, value, future):
    content = make_content(tmp_path, {"fr/x.md": STORY.replace("2022-03", value, 1)})
    problems = check_content(content, today=TODAY)
    assert any("in the future" in p.message for p in problems) == future


@pytest.mark.parametrize("tag", ["script", "iframe", "object", "embed", "style", "SCRIPT"])
def test_dangerous_tags_are_errors(tmp_path, tag):
    content = make_content(tmp_path, {"fr/x.md": STORY + f"\n<{tag} src=x></{tag}>\n"})
    (problem,) = check_content(content, today=TODAY)
    assert (problem.line, problem.field, problem.severity) == (12, "body", "error")
    assert f"raw <{tag.lower()}> tag" in problem.message


def test_each_event_attribute_is_reported(tmp_path):
    body = '\n<img src=x onerror="a()" OnLoad=b()> and <a onclick=c>x</a>\n'
    content = make_content(tmp_path, {"fr/x.md": STORY + body})
    messages = [p.message for p in check_content(content, today=TODAY)]
    assert [m.split("=")[0] for m in messages] == ['"onerror', '"onload', '"onclick']


@pytest.mark.parametrize(
    "link",
    [
        "[x](javascript:alert(1))",
        "[x]( JavaScript:alert(1))",
        "[x](java&#09;script:alert(1))",
        "[x](vbscript:msgbox)",
        "![x](data:text/html,hi)",
        "[x][1]\n\n[1]: javascript:alert(1)",
    ],
)
def test_code_links_are_errors(tmp_path, link):
    content = make_content(tmp_path, {"fr/x.md": STORY + "\n" + link + "\n"})
    problems = check_content(content, today=TODAY)
    assert [p.field for p in problems] == ["body"]
    assert "could run code" in problems[0].message


@pytest.mark.parametrize(
    "text",
    [
        "[x](https://example.org/Foo_(bar))",
        "<https://example.org/>",
        "<redaction@example.org>",
        "[x](mailto:redaction@example.org)",
        "[x](#notes)",
        "a < b and c > d",
    ],
)
def test_ordinary_markdown_is_accepted(tmp_path, text):
    content = make_content(tmp_path, {"fr/x.md": STORY + "\n" + text + "\n"})
    assert check_content(content, today=TODAY) == []


def test_filename_links_resolve_like_pelican(tmp_path):
    other = STORY.replace("une-breve", "autre-breve")
    body = (
        "\n[a]({filename}autre.md) [b]({filename}/fr/2022/autre.md#suite) "
        "[c]({filename}../2022/autre.md) [d]({static}/images/carte.png)\n"
    )
    content = make_content(tmp_path, {"fr/2022/x.md": STORY + body, "fr/2022/autre.md": other})
    (content / "images").mkdir()
    shutil.copy(GOOD / "images" / "carte.png", content / "images" / "carte.png")
    assert check_content(content, today=TODAY) == []


def test_a_broken_filename_link_suggests_a_file_of_the_same_name(tmp_path):
    other = STORY.replace("une-breve", "autre-breve")
    content = make_content(
        tmp_path,
        {"fr/x.md": STORY + "\n[a]({filename}/fr/autre.md)\n", "fr/2022/autre.md": other},
    )
    (problem,) = check_content(content, today=TODAY)
    assert problem.fix == "write {filename}/fr/2022/autre.md"


def test_site_links_to_stories_resolve(tmp_path):
    english = STORY.replace("Lang: fr", "Lang: en").replace("Afrique", "Africa")
    english = english.replace("une-breve", "a-brief")
    body = "\n[fr](/2022/03/une-breve/) [en](/en/2022/03/a-brief/#x) [page](/a-propos/)\n"
    content = make_content(tmp_path, {"fr/x.md": STORY + body, "en/x.md": english})
    assert check_content(content, today=TODAY) == []


def test_the_first_blank_line_ends_the_fields(tmp_path):
    text = STORY.replace("Summary: Un résumé.", "Summary: Un résumé\n    sur deux lignes.")
    text += "\nParis: la suite du texte n’est pas un champ.\n"
    content = make_content(tmp_path, {"fr/x.md": text})
    assert check_content(content, today=TODAY) == []


def test_a_field_line_without_blank_line_before_the_text_is_reported(tmp_path):
    content = make_content(
        tmp_path, {"fr/x.md": STORY.replace("\n\nLe texte", "\nParis: x\n\nLe texte")}
    )
    (problem,) = check_content(content, today=TODAY)
    assert (problem.line, problem.field, problem.message) == (9, "Paris", "unknown field")
    assert "leave a blank line before it" in problem.fix


def test_keys_are_case_insensitive(tmp_path):
    content = make_content(tmp_path, {"fr/x.md": STORY.replace("Title:", "TITLE:")})
    assert check_content(content, today=TODAY) == []


def test_a_translation_is_stale_when_its_original_text_changes(tmp_path):
    english = (
        STORY.replace("Lang: fr", "Lang: en")
        .replace("Slug: une-breve", "Slug: a-brief")
        .replace("Afrique", "Africa")
    )
    content = make_content(tmp_path, {"fr/x.md": STORY, "en/x.md": english})
    fingerprint = content_hash(content / "fr/x.md")
    translation = content / "en/x.md"
    translation.write_text(english.replace("Summary:", f"Translated_from: {fingerprint}\nSummary:"))
    assert check_content(content, today=TODAY) == []

    original = content / "fr/x.md"
    original.write_text(STORY.replace("Tags: Rwanda", "Tags: Rwanda, France") + "   \n\n")
    assert content_hash(original) == fingerprint  # metadata and spacing do not count
    assert check_content(content, today=TODAY) == []

    original.write_text(STORY.replace("Le texte.", "Le texte, corrigé."))
    (problem,) = check_content(content, today=TODAY)
    assert str(problem) == (
        "content/en/x.md:8: warning: Translated_from: the original in French, content/fr/x.md, "
        "has changed since this translation was made — see what changed and where with: "
        "invoke retranslate content/en/x.md; once the translation is updated, run: "
        "invoke translated content/en/x.md [translation-stale]"
    )


def test_content_hash_is_twelve_hex_digits():
    fingerprint = content_hash(ROOT / "content/fr/2022/visite-etat-major-rwandais-en-france.md")
    assert len(fingerprint) == 12
    assert int(fingerprint, 16) >= 0


def test_pages_need_only_their_own_fields(tmp_path):
    page = "Title: Contact\nLang: fr\nSlug: contact\nTranslation_key: contact\n\nÉcrivez-nous.\n"
    content = make_content(tmp_path, {"pages/fr/contact.md": page})
    assert check_content(content, today=TODAY) == []


def test_a_page_and_a_story_may_share_a_slug(tmp_path):
    page = "Title: Brève\nLang: fr\nSlug: une-breve\nTranslation_key: x\n\nTexte.\n"
    content = make_content(tmp_path, {"fr/x.md": STORY, "pages/fr/p.md": page})
    assert check_content(content, today=TODAY) == []


def test_a_broken_taxonomy_is_reported_on_its_file(tmp_path):
    content = make_content(tmp_path, {"fr/x.md": STORY})
    taxonomy = content / "taxonomy.toml"
    taxonomy.write_text(
        '[categories.africa]\nfr = { label = "Afrique", slug = "Af rique" }\n'
        'en = { label = "Africa", slug = "africa" }\n'
    )
    problems = check_content(content, today=TODAY)
    assert lines_of(problems) == [
        "content/taxonomy.toml:1: categories.africa.fr.slug: 'Af rique' is not URL-safe "
        "— use lowercase a-z, 0-9 and '-' [taxonomy-invalid]"
    ]
    taxonomy.write_text("[categories\n")
    (problem,) = check_content(content, today=TODAY)
    assert (problem.path, problem.line, problem.field) == ("content/taxonomy.toml", 1, "file")
    assert problem.message.startswith("not valid TOML")
    taxonomy.unlink()
    (problem,) = check_content(content, today=TODAY)
    assert (problem.field, problem.message) == ("file", "file not found")
