"""The theme's message catalogs: complete, current with the templates, and compiled by the build."""

from __future__ import annotations

import subprocess
import sys

from babel.messages.pofile import read_po
from conftest import ROOT

TRANSLATIONS = ROOT / "theme" / "translations"


def read_catalog(path):
    with path.open("rb") as handle:
        return read_po(handle)


def test_template_catalog_is_current_with_the_templates(tmp_path):
    extracted = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "--quiet",
            "extract",
            "-F",
            str(ROOT / "theme" / "babel.cfg"),
            "-k",
            "gettext_in:2",
            "-c",
            "Translators:",
            "--no-location",
            "--sort-output",
            "-o",
            str(extracted),
            str(ROOT / "theme"),
        ],
        check=True,
    )
    current = {m.id for m in read_catalog(extracted) if m.id}
    committed = {m.id for m in read_catalog(TRANSLATIONS / "messages.pot") if m.id}
    assert current == committed, "run `invoke catalogs` and translate the new strings"


def test_every_message_is_translated_in_french():
    template = read_catalog(TRANSLATIONS / "messages.pot")
    french = read_catalog(TRANSLATIONS / "fr" / "LC_MESSAGES" / "messages.po")
    for message in template:
        if not message.id:
            continue
        translated = french.get(message.id)
        assert translated is not None, message.id
        assert translated.string and not translated.fuzzy, message.id
        strings = translated.string if isinstance(translated.string, tuple) else [translated.string]
        assert all(strings), message.id


def test_compiled_catalogs_are_never_committed():
    tracked = subprocess.run(
        ["git", "ls-files", "*.mo"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert tracked == ""
