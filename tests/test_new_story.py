"""Editor tools: a new story and a new translation are drafts the checker explains, and
once an editor has filled them in, the checker is silent and Pelican publishes both."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from conftest import ROOT, build_site

from briefing.checker import check_content, content_hash, read_document
from briefing.new_story import NewStoryError, main, new_story, translate_story

TODAY = date(2024, 6, 15)
SEED_FR = "fr/2022/visite-etat-major-rwandais-en-france.md"
SEED_EN = "en/2022/rwandan-general-staff-delegation-concludes-visit-france.md"
LONG_TITLE = (
    "Le Sénégal inaugure le pont de Farafenni sur le fleuve Gambie, attendu depuis des "
    "décennies par les transporteurs"
)
KEY = "2024-06-le-senegal-inaugure-le-pont-de-farafenni-sur-le-fleuve-gambie"
FRENCH_SUMMARY = "Le pont de Farafenni relie enfin les deux rives du fleuve Gambie."


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A copy of the real content/, to add stories to."""
    copy = tmp_path / "content"
    shutil.copytree(ROOT / "content", copy)
    return copy


def edit(path: Path, body: str | None = None, **fields: str | None) -> None:
    """Change fields as an editor would: a new value, or None to delete the line."""
    doc = read_document(path)
    values = {item.name: item.value for item in doc.fields}
    for name, value in fields.items():
        if value is None:
            values.pop(name, None)
        else:
            values[name] = value
    header = "\n".join(f"{name}: {value}".rstrip() for name, value in values.items())
    text = body if body is not None else "\n".join(doc.body)
    path.write_text(f"{header}\n\n{text.strip()}\n", encoding="utf-8")


def summary_of(problems) -> list[tuple[str, str, str]]:
    return [(p.path, p.field, p.severity) for p in problems]


# --------------------------------------------------------------------------- new_story


def test_new_story_writes_every_field_as_a_draft(content):
    path = new_story(
        content,
        lang="fr",
        title=LONG_TITLE,
        today=TODAY,
        category="afrique",
        tags=["diplomatie", "France"],
    )
    slug = "le-senegal-inaugure-le-pont-de-farafenni-sur-le-fleuve-gambie"
    assert path == content / "fr" / "2024" / f"{slug}.md"
    assert path.read_text(encoding="utf-8") == (
        f"Title: {LONG_TITLE}\n"
        "Date: 2024-06-15\n"
        "Lang: fr\n"
        f"Slug: {slug}\n"
        f"Translation_key: {KEY}\n"
        "Category: Afrique\n"
        "Tags: Diplomatie, France\n"
        "Summary:\n"
        "Author:\n"
        "Source:\n"
        "Source_url:\n"
        "Status: draft\n"
        "\n"
        "TO WRITE: the story, in Markdown, with a blank line between paragraphs.\n"
    )
    shown = f"content/fr/2024/{slug}.md"
    assert summary_of(check_content(content, today=TODAY)) == [
        (shown, "Summary", "warning"),
        (shown, "Status", "warning"),
        (shown, "body", "warning"),
    ]


def test_new_story_without_category_is_reported(content):
    path = new_story(content, lang="en", title="A short title", today=TODAY)
    edit(path, Summary="A summary.", Status=None, body="The text.")
    (problem,) = check_content(content, today=TODAY)
    assert (problem.field, problem.message) == ("Category", "empty")
    assert "Africa, Europe, World" in problem.fix


def test_new_story_refuses_to_overwrite(content):
    new_story(content, lang="fr", title="Un titre", today=TODAY)
    with pytest.raises(NewStoryError, match="already exists; nothing was written"):
        new_story(content, lang="fr", title="Un titre", today=TODAY)


def test_new_story_refuses_a_slug_already_used(content):
    with pytest.raises(NewStoryError, match="already has Slug: visite-etat-major"):
        new_story(content, lang="fr", title="Visite état-major rwandais en France", today=TODAY)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"lang": "es", "title": "Hola"}, "unknown language 'es'"),
        ({"lang": "fr", "title": "!!!"}, "cannot make an address"),
        ({"lang": "fr", "title": "Titre", "category": "Africa"}, "use one of: Afrique, Europe"),
        (
            {"lang": "en", "title": "Title", "tags": ["Climate"]},
            "not a tag of content/taxonomy.toml for stories in English",
        ),
    ],
)
def test_new_story_refuses_what_the_build_would_refuse(content, options, message):
    with pytest.raises(NewStoryError, match=message):
        new_story(content, today=TODAY, **options)
    assert not (content / "fr" / "2024").exists()


def test_command_line(content, capsys):
    assert main(["--content", str(content), "--lang", "en", "--title", "Short title"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"wrote {content}/en/")
    assert "Status: published" in out
    assert main(["--content", str(content), "--translate", str(content / SEED_FR)]) == 1
    assert "already the version in English" in capsys.readouterr().err


# --------------------------------------------------------------------------- both languages


def test_a_new_story_and_its_translation_publish(content, tmp_path):
    french = new_story(
        content, lang="fr", title=LONG_TITLE, today=TODAY, category="Afrique", tags=["Diplomatie"]
    )
    edit(
        french,
        Summary=FRENCH_SUMMARY,
        Source="RFI",
        Status="published",
        body="Le pont a été inauguré samedi.\n\nIl était attendu depuis des décennies.",
    )
    assert check_content(content, today=TODAY) == []

    english = translate_story(content, french, today=TODAY)
    assert english == content / "en" / "2024" / french.name
    doc = read_document(english)
    assert {item.name: item.value for item in doc.fields} == {
        "Title": f"TO TRANSLATE: {LONG_TITLE}",
        "Date": "2024-06-15",
        "Lang": "en",
        "Slug": "to-translate-le-senegal-inaugure-le-pont-de-farafenni-sur-le-fleuve-gambie",
        "Translation_key": KEY,
        "Category": "Africa",
        "Tags": "Diplomacy",
        "Summary": "TO TRANSLATE: " + FRENCH_SUMMARY,
        "Author": "",
        "Source": "RFI",
        "Source_url": "",
        "Status": "draft",
        "Translated_from": content_hash(french),
    }
    shown = f"content/en/2024/{french.name}"
    assert summary_of(check_content(content, today=TODAY)) == [
        (shown, "Title", "warning"),
        (shown, "Slug", "warning"),
        (shown, "Summary", "warning"),
        (shown, "Status", "warning"),
        (shown, "body", "warning"),
        (shown, "body", "warning"),
    ]

    edit(
        english,
        Title="Senegal opens the Farafenni bridge over the Gambia river",
        Slug="senegal-opens-farafenni-bridge",
        Summary="The Farafenni bridge at last links both banks of the Gambia river.",
        Status=None,
        body="The bridge was opened on Saturday.\n\nIt had been awaited for decades.",
    )
    assert check_content(content, today=TODAY) == []
    site = build_site(content, tmp_path / "output")
    assert site.exists("2024/06/le-senegal-inaugure-le-pont-de-farafenni-sur-le-fleuve-gambie/")
    assert site.exists("en/2024/06/senegal-opens-farafenni-bridge/")


# --------------------------------------------------------------------------- the seed story


def test_translating_the_seed_story(content, tmp_path):
    french = content / SEED_FR
    with pytest.raises(NewStoryError, match=f"content/{SEED_EN} is already the version in English"):
        translate_story(content, french, today=TODAY)
    published = read_document(content / SEED_EN)
    (content / SEED_EN).unlink()

    english = translate_story(content, french, today=TODAY)
    doc = read_document(english)
    assert doc.value("Translated_from") == content_hash(french)
    assert doc.value("Tags") == "Rwanda, France, Defence, Mozambique"
    assert (doc.value("Date"), doc.value("Category"), doc.value("Source")) == (
        "2022-03",
        "Africa",
        "RFI",
    )
    problems = check_content(content, today=TODAY)
    assert {p.path for p in problems} == {"content/en/2022/visite-etat-major-rwandais-en-france.md"}
    # In a draft, what is left to translate waits: warnings, not errors.
    assert [p.field for p in problems if p.is_error] == []
    assert [p.field for p in problems] == [
        "Title",
        "Slug",
        "Summary",
        "Status",
        *["body"] * 7,  # one per paragraph still in French
    ]
    assert all("still needs translating" in p.message for p in problems if p.field != "Status")

    # A draft never reaches readers, but does not stop the build either.
    draft_site = build_site(content, tmp_path / "draft")
    assert draft_site.exists("2022/03/visite-etat-major-rwandais-en-france/")
    assert not (draft_site.output / "en" / "2022").exists()

    edit(
        english,
        Title=published.value("Title"),
        Slug=published.value("Slug"),
        Summary=published.value("Summary"),
        Status=None,
        body="\n".join(published.body),
    )
    assert check_content(content, today=TODAY) == []
    site = build_site(content, tmp_path / "output")
    assert site.exists("2022/03/visite-etat-major-rwandais-en-france/")
    assert site.exists("en/2022/03/rwandan-general-staff-delegation-concludes-visit-france/")

    # Later, the French text is corrected: the translation is now out of date.
    text = french.read_text(encoding="utf-8")
    french.write_text(text.replace("de très haut niveau.", "de haut niveau."), encoding="utf-8")
    (problem,) = check_content(content, today=TODAY)
    assert problem.severity == "warning"
    assert problem.path == "content/en/2022/visite-etat-major-rwandais-en-france.md"
    assert f"original in French, content/{SEED_FR}, has changed" in problem.message
    assert problem.fix.endswith(f"invoke translated {problem.path}")
    translation = content.parent / problem.path
    assert main(["--content", str(content), "--translated", str(translation)]) == 0
    assert check_content(content, today=TODAY) == []


def test_translating_a_page(content):
    (content / "pages/en/about.md").unlink()
    english = translate_story(content, content / "pages/fr/a-propos.md", today=TODAY)
    assert english == content / "pages/en/a-propos.md"
    doc = read_document(english)
    assert [item.name for item in doc.fields] == [
        "Title",
        "Lang",
        "Slug",
        "Translation_key",
        "Status",
        "Translated_from",
    ]
    fields = [p.field for p in check_content(content, today=TODAY)]
    assert fields == ["Title", "Slug", "Status", "body", "body", "body"]


# --------------------------------------------------------------------------- staying in step


def git(repo: Path, *args: str) -> None:
    identity = ("-c", "user.name=Rédaction", "-c", "user.email=redaction@example.org")
    subprocess.run(["git", "-C", str(repo), *identity, *args], check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A copy of the project's content and settings under git, as an editor's clone."""
    root = tmp_path / "site"
    shutil.copytree(ROOT / "content", root / "content")
    shutil.copytree(ROOT / "theme", root / "theme")
    for name in ("pelicanconf.py", "requirements.txt"):
        shutil.copy(ROOT / name, root / name)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-qm", "The site")
    return root


def test_a_translation_is_marked_up_to_date_without_copying_a_hash(repo, capsys):
    content = repo / "content"
    french, english = content / SEED_FR, content / SEED_EN
    english.write_text(
        english.read_text(encoding="utf-8").replace(
            "Summary:", f"Translated_from: {content_hash(french)}\nSummary:"
        ),
        encoding="utf-8",
    )
    french.write_text(french.read_text(encoding="utf-8") + "\nUn paragraphe ajouté.\n")
    (stale,) = check_content(content, today=TODAY)
    assert stale.rule == "translation-stale"

    assert main(["--content", str(content), "--translated", str(english)]) == 0
    assert check_content(content, today=TODAY) == []
    assert read_document(english).value("Translated_from") == content_hash(french)
    assert "up to date with content/fr/" in capsys.readouterr().out


def test_a_changed_original_is_shown_as_a_diff_and_marked_in_the_translation(repo, capsys):
    content = repo / "content"
    french, english = content / SEED_FR, content / SEED_EN
    english.write_text(
        english.read_text(encoding="utf-8").replace(
            "Summary:", f"Translated_from: {content_hash(french)}\nSummary:"
        ),
        encoding="utf-8",
    )
    git(repo, "commit", "-qam", "Translation recorded")
    original = french.read_text(encoding="utf-8")
    paragraphs = original.split("\n\n")
    old, changed = paragraphs[-1].strip(), paragraphs[-1].strip().replace("mercredi", "jeudi")
    assert changed != old
    french.write_text(
        original.replace(old, changed).rstrip("\n") + "\n\nUn paragraphe ajouté.\n",
        encoding="utf-8",
    )
    git(repo, "commit", "-qam", "The original corrected")
    before = paragraphs_of(english)

    assert main(["--content", str(content), "--refresh", str(english)]) == 0
    out = capsys.readouterr().out
    assert f"- {old}" in out and f"+ {changed}" in out
    assert "+ Un paragraphe ajouté." in out
    after = paragraphs_of(english)
    # The translation keeps its text and gains the new original's words to translate.
    assert [p for p in after if not p.startswith("TO TRANSLATE")] == before
    assert f"TO TRANSLATE: {changed}" in after
    assert after[-1] == "TO TRANSLATE: Un paragraphe ajouté."
    problems = check_content(content, today=TODAY)
    assert {p.rule for p in problems} == {"marker-to-translate", "translation-stale"}

    # Once translated, one command records it, and the check is silent again.
    english.write_text(
        "\n\n".join(
            [english.read_text(encoding="utf-8").split("\n\n")[0]]
            + [p for p in paragraphs_of(english) if not p.startswith("TO TRANSLATE")]
            + ["An added paragraph."]
        )
        + "\n",
        encoding="utf-8",
    )
    assert main(["--content", str(content), "--translated", str(english)]) == 0
    assert check_content(content, today=TODAY) == []


def paragraphs_of(path: Path) -> list[str]:
    body = path.read_text(encoding="utf-8").split("\n\n", 1)[1]
    return [p.strip() for p in body.split("\n\n") if p.strip()]


def test_a_draft_with_open_problems_waits_and_never_fails_a_build(content, tmp_path):
    """Committed as `invoke new` leaves it (no summary, "TO WRITE:", an unknown tag even),
    a draft is reported with its open problems as warnings, and the publish build, warnings
    fatal as in CI, succeeds without a trace of it."""
    draft = new_story(content, lang="fr", title="Une brève à venir", today=TODAY)
    edit(draft, Tags="Sujet inconnu")
    problems = check_content(content, today=TODAY)
    assert problems and {p.path for p in problems} == {draft.relative_to(tmp_path).as_posix()}
    assert not any(p.is_error for p in problems)
    assert {p.rule for p in problems} >= {"status-draft", "marker-to-write", "tag-unknown"}
    site = build_site(content, tmp_path / "output", settings="publishconf.py")
    assert site.returncode == 0
    assert "[status-draft]" in site.log  # the build says so, as the check does
    leaked = [p for p in site.output.rglob("*") if p.is_file() and b"venir" in p.read_bytes()]
    assert leaked == []
