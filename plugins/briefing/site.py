"""The site model: what the Pelican settings say about the site, asked in one place.

The plugins, the story checker, the importer, the editor tools and the tests all ask this
module, never the settings file or a hand-written copy of it:

- the languages, the main one first, and the folders their stories and pages live in;
- each language's URL shapes (the main settings with its I18N_SUBSITES overrides), and
  so where a story or page is published and which page slugs would collide with a part
  of the site;
- the taxonomy file and the limits (slug and summary length);
- whether a Pelican run is the main one (i18n_subsites runs one per language).

Adding a language or changing a URL shape is a change to pelicanconf.py alone.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from babel.core import Locale

Kind = Literal["story", "page"]

# Defaults for the project's own settings; pelicanconf.py may override them.
DEFAULTS: dict[str, Any] = {
    "TAXONOMY_FILE": "taxonomy.toml",
    # A slug is a folder name and part of a URL: long enough for a headline's key words.
    "SLUG_MAX_LENGTH": 80,
    # A summary is shown in lists and feeds: one or two sentences.
    "SUMMARY_MAX_LENGTH": 300,
}

_FIELD_RE = re.compile(r"\{[^}]*\}")
INDEX_FILE = "index.html"
_YEAR_FIELD_RE = re.compile(r"^\{date:%Y\}$")


class SiteSettingsError(ValueError):
    """The settings describe a site this project cannot build; the message says why."""


@dataclass(frozen=True)
class Language:
    """One language of the site and where its content lives and is published."""

    code: str
    prefix: str  # its site's path from the main site's root: "" or "en/"
    story_folders: tuple[str, ...]  # relative to the content folder
    page_folders: tuple[str, ...]
    settings: Mapping[str, Any]  # the settings of its Pelican run

    @property
    def name(self) -> str:
        """Its name in the tools' language, for messages: "French", "français"."""
        from briefing.i18n import current_language

        return Locale.parse(current_language()).languages.get(self.code, self.code)

    @property
    def story_folder(self) -> str:
        return self.story_folders[0]

    @property
    def page_folder(self) -> str:
        return self.page_folders[0]

    def folder(self, kind: Kind) -> str:
        return self.page_folder if kind == "page" else self.story_folder

    def shape(self, setting: str) -> str:
        """A URL setting as written, without the index.html that preview links name."""
        return str(self.settings.get(setting) or "").removesuffix(INDEX_FILE)

    def url(self, setting: str, **fields: Any) -> str:
        """A URL setting filled in, as a clean path within this language's site: the same
        in preview builds (whose links name index.html) and on the web."""
        return self.shape(setting).format(**fields)

    def story_url(self, date: datetime, slug: str) -> str:
        return self.url("ARTICLE_URL", date=date, slug=slug, lang=self.code)

    def page_url(self, slug: str) -> str:
        return self.url("PAGE_URL", slug=slug, lang=self.code)


@dataclass(frozen=True)
class Location:
    """Where a content file belongs: a story or page of one language."""

    kind: Kind
    lang: str
    folder: str  # the story or page folder it is in, e.g. "pages/fr"


@dataclass(frozen=True)
class SiteModel:
    content: Path  # the content folder (Pelican's PATH), absolute
    main_lang: str
    languages: Mapping[str, Language]  # the main language first
    taxonomy_file: str
    static_folders: tuple[str, ...]
    theme_static_dir: str
    slug_max: int
    summary_max: int

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(self.languages)

    def others(self, lang: str) -> tuple[str, ...]:
        """Every language but `lang`."""
        return tuple(code for code in self.languages if code != lang)

    def other(self, lang: str) -> str:
        """The other language of a two-language site (the first other one otherwise)."""
        return self.others(lang)[0]

    def name(self, lang: str) -> str:
        return self.languages[lang].name

    @property
    def taxonomy_path(self) -> Path:
        return self.content / self.taxonomy_file

    def folder(self, kind: Kind, lang: str) -> Path:
        """The folder where a new story or page of `lang` is written."""
        return self.content / self.languages[lang].folder(kind)

    @cached_property
    def _folders(self) -> list[tuple[tuple[str, ...], Location]]:
        folders = [
            (tuple(folder.split("/")), Location(kind, language.code, folder))
            for language in self.languages.values()
            for kind, names in (("story", language.story_folders), ("page", language.page_folders))
            for folder in names
        ]
        # The deepest folder first: pages/fr/ is not a story folder called "pages".
        return sorted(folders, key=lambda item: -len(item[0]))

    def locate(self, path: Path | str) -> Location | None:
        """The story or page folder a file is in (a path relative to the content folder,
        or absolute), or None if it is in none."""
        relative = Path(path)
        if relative.is_absolute():
            try:
                relative = relative.relative_to(self.content)
            except ValueError:
                return None
        parts = relative.parts
        for folder, location in self._folders:
            if parts[: len(folder)] == folder and len(parts) > len(folder):
                return location
        return None

    def content_folders(self) -> Iterator[tuple[Kind, str, Path]]:
        """Every story and page folder: (kind, language, absolute path)."""
        for _, location in self._folders:
            yield location.kind, location.lang, self.content / location.folder

    def site_path(self, lang: str, path: str) -> str:
        """A path within `lang`'s site as a path from the main site's root: "/en/x/"."""
        return "/" + posixpath.join(self.languages[lang].prefix, path)

    def story_path(self, lang: str, date: datetime, slug: str) -> str:
        return self.site_path(lang, self.languages[lang].story_url(date, slug))

    def page_path(self, lang: str, slug: str) -> str:
        return self.site_path(lang, self.languages[lang].page_url(slug))

    def reserved_slugs(self, lang: str) -> frozenset[str]:
        """Page slugs that would collide with a part of `lang`'s site.

        A page lives at "<slug>/" in its language; every other address of the site
        starts with a fixed folder (categorie/, feeds/, theme/, en/ …), all derived
        from the settings.
        """
        settings = self.languages[lang].settings
        reserved = {*self.static_folders, self.theme_static_dir}
        reserved |= {language.prefix.strip("/") for language in self.languages.values()}
        for name, value in settings.items():
            if not isinstance(value, str) or ":" in value or name == "PAGE_URL":
                continue  # not a site path (SITEURL, FEED_DOMAIN …), or the page itself
            if name.endswith("_URL") and settings.get(name[:-4] + "_SAVE_AS", value) == "":
                continue  # a page of this kind is never written
            if name.endswith(("_URL", "_SAVE_AS")) or name.startswith("FEED_"):
                first = value.split("/", 1)[0]
                if "/" in value and not _FIELD_RE.search(first):
                    reserved.add(first)
        for _, url, _ in settings.get("PAGINATION_PATTERNS", ()):
            segments = url.split("/")
            reserved |= {s for s in segments[1:-1] if s and not _FIELD_RE.search(s)}
        reserved.discard("")
        return frozenset(reserved)

    def slug_is_reserved(self, lang: str, slug: str) -> bool:
        if slug in self.reserved_slugs(lang):
            return True
        # Stories live under "{date:%Y}/…": a four-digit page slug would sit among them.
        first = str(self.languages[lang].settings.get("ARTICLE_URL", "")).split("/", 1)[0]
        return bool(_YEAR_FIELD_RE.match(first)) and bool(re.fullmatch(r"\d{4}", slug))


def clean_urls(settings: dict[str, Any]) -> None:
    """Drop "index.html" from the end of every *_URL setting (the languages' overrides and
    the pagination patterns included): preview links name the file, the web's do not."""

    def clean(values: dict[str, Any]) -> None:
        for name, value in values.items():
            if name.endswith("_URL") and isinstance(value, str):
                values[name] = value.removesuffix(INDEX_FILE)

    clean(settings)
    for overrides in settings.get("I18N_SUBSITES", {}).values():
        clean(overrides)
    settings["PAGINATION_PATTERNS"] = tuple(
        (number, url.removesuffix(INDEX_FILE), save_as)
        for number, url, save_as in settings.get("PAGINATION_PATTERNS", ())
    )


def is_main_run(settings: Mapping[str, Any]) -> bool:
    """Whether a Pelican run is the main one (i18n_subsites starts one more per language)."""
    return settings["DEFAULT_LANG"] not in settings.get("I18N_SUBSITES", {})


def model_from_settings(settings: Mapping[str, Any]) -> SiteModel:
    """The model of the site the main run's settings describe."""
    if not is_main_run(settings):
        raise SiteSettingsError(
            "site: the model is read from the main settings, not a subsite's; use model_for()"
        )
    main = settings["DEFAULT_LANG"]
    subsites: Mapping[str, Mapping[str, Any]] = settings.get("I18N_SUBSITES", {})
    languages = {main: _language(main, "", settings)}
    for code, overrides in subsites.items():
        language_settings = {**settings, **overrides, "DEFAULT_LANG": code}
        languages[code] = _language(code, f"{code}/", language_settings)
    model = SiteModel(
        content=Path(settings["PATH"]).resolve(),
        main_lang=main,
        languages=languages,
        taxonomy_file=_setting(settings, "TAXONOMY_FILE", str),
        static_folders=tuple(settings.get("STATIC_PATHS", ())),
        theme_static_dir=str(settings.get("THEME_STATIC_DIR", "theme")),
        slug_max=_setting(settings, "SLUG_MAX_LENGTH", int),
        summary_max=_setting(settings, "SUMMARY_MAX_LENGTH", int),
    )
    _check(model)
    return model


def _language(code: str, prefix: str, settings: Mapping[str, Any]) -> Language:
    return Language(
        code=code,
        prefix=prefix,
        story_folders=tuple(settings.get("ARTICLE_PATHS", ())),
        page_folders=tuple(settings.get("PAGE_PATHS", ())),
        settings=settings,
    )


def _setting(settings: Mapping[str, Any], name: str, kind: type) -> Any:
    value = settings.get(name, DEFAULTS[name])
    if not isinstance(value, kind) or isinstance(value, bool) or not value:
        raise SiteSettingsError(
            f"site: {name} must be a {'positive whole number' if kind is int else 'file name'}"
            f", not {value!r} (default: {DEFAULTS[name]!r})"
        )
    return value


def _check(model: SiteModel) -> None:
    """Each language needs its own story and page folders: a shared one would publish a
    file in two languages, and nothing would say which."""
    seen: dict[str, str] = {}
    for language in model.languages.values():
        if not language.story_folders or not language.page_folders:
            raise SiteSettingsError(
                f"site: language {language.code!r} needs ARTICLE_PATHS and PAGE_PATHS of its own"
            )
        for folder in (*language.story_folders, *language.page_folders):
            owner = seen.setdefault(folder, language.code)
            if owner != language.code:
                raise SiteSettingsError(
                    f"site: the folder {folder!r} is given to both {owner!r} and "
                    f"{language.code!r}; each language reads only its own folders"
                )


# The model of the build in progress: the main run computes it, and the subsites (which
# have lost the main language's settings) ask for the same one.
_CURRENT: list[SiteModel] = []


def model_for(settings: Mapping[str, Any]) -> SiteModel:
    """The model of the site a Pelican run (main or subsite) is building."""
    if is_main_run(settings):
        model = model_from_settings(settings)
        _CURRENT[:] = [model]
        return model
    if not _CURRENT:
        raise SiteSettingsError("site: a subsite run started before the main run")
    return _CURRENT[0]


def load_model(settings_file: Path, content: Path | None = None) -> SiteModel:
    """The model of the site a settings file describes, optionally for another content
    folder (the tests' fixture sites)."""
    from pelican.settings import read_settings

    settings = read_settings(str(settings_file))
    if content is not None:
        # Set after reading: Pelican's own check wants PATH to exist, and the importer
        # may be about to create it.
        settings["PATH"] = str(Path(content).resolve())
    return model_from_settings(settings)


def model_for_content(content: Path, settings: Path | None = None) -> SiteModel:
    """The model for a content folder: the project's settings (pelicanconf.py beside the
    folder or above it, else above the working folder) with that folder as PATH."""
    settings = settings or find_settings(Path(content).resolve().parent) or find_settings()
    if settings is None:
        raise SiteSettingsError(
            f"site: no pelicanconf.py in {Path(content).resolve().parent} or above"
        )
    return load_model(settings, content)


def find_settings(start: Path | None = None) -> Path | None:
    """pelicanconf.py in `start` (default: the current folder) or a folder above it."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / "pelicanconf.py").is_file():
            return candidate / "pelicanconf.py"
    return None
