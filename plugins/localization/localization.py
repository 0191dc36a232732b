"""Localization: message catalogs compiled by the build, and dates formatted with Babel.

Editors never run pybabel: every build compiles theme/translations/<lang>/LC_MESSAGES/
messages.po into the cache before i18n_subsites installs the catalogs. Dates never
depend on the machine's installed locales.
"""

from __future__ import annotations

import gettext
import io
import logging
import os
from pathlib import Path
from typing import Any

from babel.core import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from jinja2 import pass_context
from pelican import signals

from briefing.atomic import write_atomic
from briefing.dates import format_story_date, machine_date
from briefing.search_text import fold

logger = logging.getLogger(__name__)

DOMAIN = "messages"


class CatalogError(ValueError):
    """A message catalog cannot be used as it stands."""


def compile_catalogs(pelican: Any) -> None:
    """Compile every .po of the theme into I18N_GETTEXT_LOCALEDIR (the cache by default)."""
    settings = pelican.settings
    source = Path(settings["THEME"], "translations")
    if not settings.get("I18N_GETTEXT_LOCALEDIR"):
        settings["I18N_GETTEXT_LOCALEDIR"] = os.path.join(settings["CACHE_PATH"], "translations")
    target = Path(settings["I18N_GETTEXT_LOCALEDIR"])
    problems: list[str] = []
    for po_path in sorted(source.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        with po_path.open("rb") as handle:
            catalog = read_po(handle)
        for message in catalog:
            if message.id and (message.fuzzy or not message.string):
                state = "fuzzy" if message.fuzzy else "untranslated"
                problems.append(
                    f"{po_path}: msgid {message.id!r} is {state} — translate it and remove "
                    "any 'fuzzy' flag"
                )
        mo_path = target / po_path.relative_to(source).with_suffix(".mo")
        compiled = io.BytesIO()
        write_mo(compiled, catalog)
        # Written whole, and only when it changed: another build may be reading it (this
        # runs before the build lock is sure to be held), and a full disk must not break
        # a catalog that was fine.
        if not mo_path.is_file() or mo_path.read_bytes() != compiled.getvalue():
            write_atomic(mo_path, compiled.getvalue())
    if problems:
        raise CatalogError("localization: " + "\n".join(problems))


def localdate(content: Any, lang: str | None = None, field: str = "date") -> str:
    """A story's date (or its `modified` date) as its readers write it, no more precise
    than the editor gave it."""
    return format_story_date(
        getattr(content, field), lang or content.lang, getattr(content, f"{field}_precision", "day")
    )


def isodate(content: Any, field: str = "date") -> str:
    """The story's date (or its `modified` date) for a <time datetime> attribute."""
    return machine_date(getattr(content, field), getattr(content, f"{field}_precision", "day"))


def language_in(code: str, in_lang: str) -> str:
    """A language's name as written in another: language_in("en", "fr") == "anglais"."""
    return Locale.parse(in_lang).languages.get(code, code)


_CATALOGS: dict[tuple[str, str, float], gettext.NullTranslations] = {}


def catalog(localedir: str, lang: str, templates_lang: str) -> gettext.NullTranslations:
    """The compiled catalog of `lang`; msgids are already in `templates_lang`."""
    if lang == templates_lang:
        return gettext.NullTranslations()
    mo_path = Path(localedir, lang, "LC_MESSAGES", f"{DOMAIN}.mo")
    key = (localedir, lang, mo_path.stat().st_mtime)
    if key not in _CATALOGS:
        with mo_path.open("rb") as handle:
            _CATALOGS[key] = gettext.GNUTranslations(handle)
    return _CATALOGS[key]


@pass_context
def gettext_in(context: Any, lang: str, message: str, **variables: Any) -> str:
    """Template global: a message in another language than the page's, e.g. a switcher label.

    Such msgids name the language they are written in ("Read in English"); each catalog
    translates them into its own ("Lire en français").
    """
    translations = catalog(
        context["I18N_GETTEXT_LOCALEDIR"], lang, context.get("I18N_TEMPLATES_LANG", "en")
    )
    text = translations.gettext(message)
    return text % variables if variables else text


def sort_terms(pairs: Any) -> list:
    """(category or tag, stories) pairs in reading order: "Défense" before "Diplomatie"."""
    return sorted(pairs, key=lambda pair: (fold(pair[0].name), pair[0].name))


def add_filters(generator: Any) -> None:
    generator.env.filters.update(localdate=localdate, isodate=isodate, sort_terms=sort_terms)
    generator.env.globals.update(gettext_in=gettext_in, language_in=language_in)


def register() -> None:
    signals.initialized.connect(compile_catalogs)
    signals.generator_init.connect(add_filters)
