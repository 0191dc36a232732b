"""The editors' tools in French: a complete catalogue, and every tool speaking it.

The check, every build (which prints the same lines), the editor tools and the importer
read plugins/briefing/locale/fr/LC_MESSAGES/briefing.po (briefing.i18n) when the language
is French: BRIEFING_LANG=fr, a French locale, or a command's `--messages fr`. Each tool is
run here as an editor runs it, as a separate process.
"""

from __future__ import annotations

import json
import os
import shutil
import string
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from conftest import ROOT, pelican_command

LOCALE = ROOT / "plugins" / "briefing" / "locale"
TEMPLATE = LOCALE / "briefing.pot"
FRENCH = LOCALE / "fr" / "LC_MESSAGES" / "briefing.po"
IMPORTER_CASES = ROOT / "tests" / "importer"
BIN = Path(sys.executable).parent
NBSP = "\u00a0"

# What the tools write into files and the rules recognise (briefing.rules.drafts, slugs).
MARKERS = {
    "TO TRANSLATE": "À TRADUIRE",
    "TO WRITE": "À RÉDIGER",
    "TO TRANSLATE: ": "À TRADUIRE : ",
    "TO WRITE: ": "À RÉDIGER : ",
    "to-translate": "a-traduire",
}

STORY = """\
Title: Une brève
Date: 17/03/2022
Lang: fr
Slug: une-breve
Translation_key: 2022-03-une-breve
Category: Afrique
Tags: Rwanda
Summary: Un résumé.

Le texte.
"""
DATE_LINE = (
    f"content/fr/2022/x.md:2: Date: «{NBSP}17/03/2022{NBSP}» n’est pas une date valide — "
    "écrivez-la sous la forme YYYY-MM, YYYY-MM-DD ou YYYY-MM-DD HH:MM, par exemple "
    "2022-03-17, avec un mois et un jour qui existent [date-invalid]"
)


def read_catalog(path: Path):
    with path.open("rb") as handle:
        return read_po(handle)


def french_env(**extra: str) -> dict[str, str]:
    return {**os.environ, "BRIEFING_LANG": "fr", "PYTHONIOENCODING": "utf-8", **extra}


def run(command: list[str], *, cwd: Path, env: dict[str, str] | None = None):
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=env or {**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


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


def check_in_french(content: Path, cwd: Path):
    command = [
        str(BIN / "briefing-check"),
        str(content),
        "--settings",
        str(ROOT / "pelicanconf.py"),
    ]
    return run(command, cwd=cwd, env=french_env())


# --------------------------------------------------------------------------- (a) catalogue


def placeholders(text: str) -> tuple[frozenset, Counter]:
    """The {fields} of a message (name, conversion and format spec) and the literal braces
    it writes ("{{filename}}" is the literal "{filename}")."""
    fields = set()
    literal = ""
    for text_before, name, spec, conversion in string.Formatter().parse(text):
        literal += text_before
        if name is not None:
            fields.add((name, conversion, spec))
    return frozenset(fields), Counter(char for char in literal if char in "{}")


def forms(value) -> list[str]:
    return list(value) if isinstance(value, tuple | list) else [value]


def test_the_tools_catalogue_is_current_with_the_code(tmp_path):
    extracted = tmp_path / "briefing.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "--quiet",
            "extract",
            *("-k", "_", "-k", "N_", "-k", "ngettext:1,2"),
            *("--no-location", "--sort-output", "-o", str(extracted)),
            str(ROOT / "plugins" / "briefing"),
            str(ROOT / "plugins" / "rulebook"),
        ],
        check=True,
    )
    current = {m.id for m in read_catalog(extracted) if m.id}
    committed = {m.id for m in read_catalog(TEMPLATE) if m.id}
    assert current == committed, "run `invoke catalogs` and translate the new messages"


def test_every_message_has_a_checked_french_translation_with_the_same_placeholders():
    template = read_catalog(TEMPLATE)
    french = read_catalog(FRENCH)
    assert french.plural_expr == "(n > 1)"
    problems = []
    for message in template:
        if not message.id:
            continue
        translated = french.get(message.id)
        if translated is None or translated.fuzzy or not all(forms(translated.string)):
            problems.append(f"not translated: {message.id!r}")
            continue
        expected = [placeholders(msgid) for msgid in forms(message.id)]
        if isinstance(message.id, tuple):
            assert len(forms(translated.string)) == 2, message.id
            expected = [expected[0], expected[1]]  # singular, then plural (n > 1)
        for index, text in enumerate(forms(translated.string)):
            if placeholders(text) != expected[min(index, len(expected) - 1)]:
                problems.append(f"placeholders differ: {message.id!r} -> {text!r}")
    assert problems == []
    assert not french.obsolete


def test_the_translations_format_without_error():
    class Values(dict):
        def __missing__(self, key):
            return 0 if key in ("byte", "offset", "position", "n") else key

    for message in read_catalog(FRENCH):
        if message.id:
            for text in forms(message.string):
                string.Formatter().vformat(text, (), Values())


def test_the_markers_are_written_in_their_french_form():
    french = read_catalog(FRENCH)
    assert {msgid: french.get(msgid).string for msgid in MARKERS} == MARKERS


# --------------------------------------------------------------------------- (b) check, build


def test_the_check_and_a_build_print_the_same_french_line(tmp_path):
    content = make_content(tmp_path, {"fr/2022/x.md": STORY})
    checked = check_in_french(content, cwd=tmp_path)
    assert checked.returncode == 1
    assert checked.stdout.splitlines() == [
        DATE_LINE,
        f"1 erreur et 0 avertissement{NBSP}: corrigez chaque erreur, puis relancez la "
        "vérification.",
    ]

    command, env = pelican_command(content, tmp_path / "output")
    built = run(command, cwd=ROOT, env={**env, **french_env()})
    log = built.stdout + built.stderr
    assert built.returncode != 0, log
    assert DATE_LINE in log.splitlines(), log
    assert "rulebook: la construction s’arrête\u202f; rien n’a été écrit." in log


# --------------------------------------------------------------------------- (c) new story


def test_a_new_story_in_french_is_marked_to_write_and_the_check_says_so(tmp_path):
    content = make_content(tmp_path, {})
    title = "Le Sénégal inaugure le pont de Farafenni"
    new = run(
        [
            str(BIN / "briefing-new"),
            *("--messages", "fr", "--lang", "fr", "--title", title),
            *("--content", str(content)),
        ],
        cwd=ROOT,  # where the project's settings are found
        env={**os.environ, "PYTHONIOENCODING": "utf-8", "BRIEFING_LANG": "en"},
    )
    assert new.returncode == 0, new.stderr
    assert new.stdout.startswith(f"fichier écrit{NBSP}: {content}/fr/")
    assert f"«{NBSP}À RÉDIGER{NBSP}:{NBSP}»" in new.stdout
    (story,) = content.rglob("*.md")
    body = story.read_text(encoding="utf-8").split("\n\n", 1)[1]
    assert body.startswith("À RÉDIGER : ")
    assert "Status: draft" in story.read_text(encoding="utf-8")

    checked = check_in_french(content, cwd=tmp_path)
    shown = story.relative_to(tmp_path).as_posix()
    (marked,) = [line for line in checked.stdout.splitlines() if "[marker-to-write]" in line]
    assert marked.startswith(f"{shown}:14: avertissement{NBSP}: texte: ")
    assert f"encore marqué «{NBSP}À RÉDIGER{NBSP}»{NBSP}: ce texte reste à rédiger" in marked
    assert checked.returncode == 0  # a draft's work to do is only warnings


# --------------------------------------------------------------------------- (d) importer


def import_command(case: str, content: Path, *extra: str) -> list[str]:
    """`briefing-import` with a case's options (tests/importer/<case>/case.json)."""
    options = json.loads((IMPORTER_CASES / case / "case.json").read_text(encoding="utf-8"))
    command = [str(BIN / "briefing-import"), "--content", str(content), *extra]
    for name in ("fr", "en", "category_fr", "category_en", "tags_fr", "tags_en"):
        value = options.get(name)
        if value:
            flag = "--" + name.replace("_", "-")
            command += [flag, ", ".join(value) if isinstance(value, list) else value]
    return command


@pytest.fixture
def importer_content(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(IMPORTER_CASES / "taxonomy.toml", content / "taxonomy.toml")
    return content


def test_the_importer_reports_in_french(importer_content):
    case = IMPORTER_CASES / "rfi-article"
    result = run(import_command("rfi-article", importer_content, "--messages", "fr"), cwd=case)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    english = (case / "messages.txt").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(english)  # one line per decision, as in English
    for french, golden in zip(lines, english, strict=True):
        if ": dropped " in golden:
            assert french.startswith(golden.split(": dropped ")[0] + ": supprimé ("), french
    assert (
        f"fr.txt: supprimé (signature, noms reportés dans Source: RFI){NBSP}: "
        f"«{NBSP}Texte par : RFI{NBSP}»"
    ) in lines
    assert f"fr.txt: supprimé (temps de lecture){NBSP}: «{NBSP}3 mn{NBSP}»" in lines
    assert (
        "fr.txt: Summary: la première phrase du texte est proposée — écrivez votre propre "
        "résumé (la vérification vous avertit tant que le résumé répète le texte)"
    ) in lines
    assert lines[-2].startswith(f"fichier écrit{NBSP}: {importer_content}/fr/2024/")


def test_the_importer_refuses_in_french_and_shares_names_in_french(importer_content):
    case = IMPORTER_CASES / "no-date"
    refused = run(
        [
            str(BIN / "briefing-import"),
            *("--fr", "fr.txt", "--content", str(importer_content)),
            *("--category-fr", "Africa"),
        ],
        cwd=case,
        env=french_env(),
    )
    assert refused.returncode == 1
    assert refused.stderr == (
        "import: --category-fr: 'Africa' est le nom en anglais d’une catégorie\u202f; rien n’a "
        f"été écrit — écrivez 'Afrique'{NBSP}: les articles en français utilisent les noms "
        "en français\n"
    )
    assert not list(importer_content.rglob("*.md"))

    imported = run(
        [str(BIN / "briefing-import"), "--fr", "fr.txt", "--content", str(importer_content)],
        cwd=case,
        env=french_env(),
    )
    assert imported.returncode == 0, imported.stderr
    assert f"fr.txt: AVERTISSEMENT{NBSP}: pas de date en tête" in imported.stdout


def test_the_importer_speaks_english_by_default(importer_content):
    case = IMPORTER_CASES / "rfi-article"
    command = import_command("rfi-article", importer_content)
    result = run(command, cwd=case, env={**os.environ, "BRIEFING_LANG": "en"})
    assert result.returncode == 0, result.stderr
    english = (case / "messages.txt").read_text(encoding="utf-8")
    assert result.stdout.replace(str(importer_content), "<content>") == english
