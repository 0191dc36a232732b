"""The editors' tools speak the editor's language: English or French.

Messages of the check (and every build, which prints the same lines), the importer and the
editor tools are written in English in the code, `_("… {name} …").format(name=…)`, and
translated in plugins/briefing/locale/<lang>/LC_MESSAGES/briefing.po (`invoke catalogs`
extracts them). The catalog is read as it is, with Babel: there is no compiled file.

The language is, in order: BRIEFING_LANG, then the usual locale variables (LC_ALL,
LC_MESSAGES, LANG, as in "fr_FR.UTF-8"), else English. Commands take `--messages` to force
it (briefing-check, briefing-new).
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "briefing"
SOURCE_LANGUAGE = "en"
_CHOSEN: list[str] = []  # set by use_language()


@cache
def available() -> tuple[str, ...]:
    """The languages the tools speak: English and every catalog's (the catalogs are part
    of the package: looked for once per process)."""
    found = sorted(
        path.parent.parent.name for path in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")
    )
    return (SOURCE_LANGUAGE, *found)


def language_from_environment(environ: os._Environ[str] | dict[str, str] | None = None) -> str:
    """The tools' language chosen by the environment, or English."""
    environ = os.environ if environ is None else environ
    for name in ("BRIEFING_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        code = value.split(".")[0].split("_")[0].split("-")[0].lower()
        if code in ("c", "posix"):
            return SOURCE_LANGUAGE
        if code:
            return code if code in available() else SOURCE_LANGUAGE
    return SOURCE_LANGUAGE


def use_language(code: str | None) -> None:
    """Force the tools' language (a command's --lang); None goes back to the environment."""
    _CHOSEN[:] = [code] if code else []


def current_language() -> str:
    chosen = _CHOSEN[0] if _CHOSEN else language_from_environment()
    return chosen if chosen in available() else SOURCE_LANGUAGE


@dataclass(frozen=True)
class _Catalog:
    messages: dict[object, object]  # msgid (or (singular, plural)) -> translation(s)
    plural: Callable[[int], int]  # which plural form a number takes


@cache
def _catalog(lang: str) -> _Catalog:
    from babel.messages.pofile import read_po

    path = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not path.is_file():
        return _Catalog({}, lambda n: int(n != 1))
    with path.open("rb") as handle:
        catalog = read_po(handle)
    # A fuzzy entry is a guess nobody checked: the English text is better than a wrong one.
    messages = {
        message.id: message.string
        for message in catalog
        if message.id and message.string and not message.fuzzy and all(message.string)
    }
    return _Catalog(messages, gettext.c2py(catalog.plural_expr))


def _(message: str) -> str:
    """`message` in the tools' language."""
    lang = current_language()
    if lang == SOURCE_LANGUAGE:
        return message
    return str(_catalog(lang).messages.get(message, message))


def ngettext(singular: str, plural: str, number: int) -> str:
    """The form of a message that goes with `number`, in the tools' language."""
    lang = current_language()
    if lang != SOURCE_LANGUAGE:
        catalog = _catalog(lang)
        forms = catalog.messages.get((singular, plural))
        if isinstance(forms, tuple | list):
            return str(forms[min(catalog.plural(number), len(forms) - 1)])
    return singular if number == 1 else plural
