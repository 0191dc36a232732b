"""Counterparts: every page knows its equivalent in the other language.

Each language run of i18n_subsites reads only its own stories, so nothing is parsed twice.
After each run has read its content, this plugin records what the language publishes:
stories and pages by their `Translation_key`, category and tag pages by their taxonomy
term. Templates are rendered after both runs have read, so any page can then ask for

- its counterpart (story ↔ translation, tag ↔ tag, archives ↔ archives, 404 ↔ 404 …),
  falling back to the closest page that exists (the other home, with a notice anchor
  and the way back, for an untranslated story);
- hreflang alternates listing only translations that exist, plus x-default;
- its canonical URL;
- normalised links: built from the root of the target language, so no "/en/../" ever
  appears, with relative links in preview builds and path-absolute ones on 404 pages,
  which GitHub Pages serves at any depth.

It also gives each subsite its own FEED_DOMAIN, which i18n_subsites would otherwise
inherit from the main site, pointing the English feed's links at the French site.
"""

from __future__ import annotations

import logging
import posixpath
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlparse

from jinja2 import pass_context
from pelican import signals
from pelican.contents import Article, Page
from pelican.generators import ArticlesGenerator, PagesGenerator

from briefing.site import is_main_run

logger = logging.getLogger(__name__)


@dataclass
class LanguageSite:
    """What one language publishes, as far as links from the other language need."""

    lang: str
    siteurl: str
    settings: dict[str, Any]
    stories: dict[str, Article] = field(default_factory=dict)
    pages: dict[str, Page] = field(default_factory=dict)
    categories: dict[str, str] = field(default_factory=dict)  # term key -> url
    tags: dict[str, str] = field(default_factory=dict)

    def url_setting(self, name: str) -> str:
        return self.settings.get(name, "") or ""

    def direct_template_url(self, template: str) -> str | None:
        """Where a direct template (archives, 404 …) lives; None if this site has none."""
        if template not in self.settings["DIRECT_TEMPLATES"]:
            return None
        if template == "index":
            return self.url_setting("INDEX_URL")  # "index.html" in previews, "" on the web
        return self.settings.get(f"{template.upper()}_URL", f"{template}.html")


@dataclass(frozen=True)
class LanguageLink:
    """A link to another language's version of the current page."""

    lang: str
    href: str  # for readers: relative in preview builds
    url: str  # absolute, for hreflang
    exact: bool  # False when it falls back to a nearby page


@dataclass(frozen=True)
class PageLinks:
    """The language links of one rendered page."""

    lang: str
    kind: str
    url: str  # absolute URL of the page itself
    switch: list[LanguageLink]
    hreflang: list[tuple[str, str]]  # includes the page itself and x-default
    untranslated: bool  # a story or page with no translation


_SITES: dict[str, LanguageSite] = {}
_MAIN: dict[str, str] = {}


def start_run(pelican: Any) -> None:
    """Point this subsite's feeds at itself, and note the main site's language."""
    settings = pelican.settings
    if is_main_run(settings):
        _MAIN.update(
            lang=settings["DEFAULT_LANG"],
            theme_static_dir=settings["THEME_STATIC_DIR"],
        )
    settings["FEED_DOMAIN"] = settings["SITEURL"]


def record_site(generators: list[Any]) -> None:
    """Record what this language publishes once all of its content has been read."""
    settings = generators[0].settings
    lang = settings["DEFAULT_LANG"]
    if is_main_run(settings):
        _SITES.clear()  # the main run reads first: forget the previous build (autoreload)
    site = LanguageSite(lang=lang, siteurl=settings["SITEURL"].rstrip("/"), settings=settings)
    # Every story and page has its own key and the language of its folder: the rulebook
    # (field-missing, key-duplicate, lang-folder-mismatch) refused the rest before reading.
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            site.stories.update((a.translation_key, a) for a in generator.articles)
            for category, _ in generator.categories:
                _add_term(site.categories, category)
            for tag in generator.tags:
                _add_term(site.tags, tag)
        elif isinstance(generator, PagesGenerator):
            pages = [*generator.pages, *generator.hidden_pages]
            site.pages.update((p.translation_key, p) for p in pages)
    _SITES[lang] = site


def _add_term(index: dict[str, str], wrapper: Any) -> None:
    term = getattr(wrapper, "term", None)
    if term is not None:
        index[term.key] = wrapper.url


def describe(context: dict[str, Any]) -> tuple[str, Any]:
    """What kind of page a template context renders, and the object it is about."""
    if "article" in context:
        return "article", context["article"]
    if isinstance(context.get("page"), Page):
        return "page", context["page"]
    if "category" in context:
        return "category", context["category"]
    if "tag" in context:
        return "tag", context["tag"]
    # Pelican names a direct template's page after the file it saves to.
    page_name = context.get("page_name")
    settings = _SITES[context["DEFAULT_LANG"]].settings
    for template in settings["DIRECT_TEMPLATES"]:
        save_as = settings.get(f"{template.upper()}_SAVE_AS", f"{template}.html")
        if page_name == posixpath.splitext(save_as)[0]:
            return template, None
    raise ValueError(f"counterparts: cannot tell what page {context.get('output_file')!r} is")


def counterpart_path(site: LanguageSite, kind: str, subject: Any) -> str | None:
    """The path, within `site`, of the page equivalent to `subject`; None if it has none."""
    if kind in ("article", "page"):
        index = site.stories if kind == "article" else site.pages
        match = index.get(getattr(subject, "translation_key", None) or "")
        return match.url if match is not None else None
    if kind in ("category", "tag"):
        term = getattr(subject, "term", None)
        index = site.categories if kind == "category" else site.tags
        return index.get(term.key) if term is not None else None
    return site.direct_template_url(kind)


def fallback_path(site: LanguageSite, kind: str, own_lang: str) -> str:
    """Where a reader lands when the page has no counterpart: the nearest listing."""
    if kind == "category":
        return site.url_setting("CATEGORIES_URL")
    if kind == "tag":
        return site.url_setting("TAGS_URL")
    if kind in ("article", "page"):
        # The other home shows a notice targeted by this fragment, with no script.
        return f"{site.direct_template_url('index')}#only-in-{own_lang}"
    return ""


def base_href(context: dict[str, Any], lang: str, kind: str | None = None) -> str:
    """The root of `lang`'s site as the current page should link to it, without a slash."""
    site = _SITES[lang]
    if kind is None:
        kind = describe(context)[0]
    if kind == "404":
        # Served for any missing path, so only a path from the server root works.
        return urlparse(site.siteurl).path.rstrip("/")
    if not context.get("RELATIVE_URLS"):
        return site.siteurl
    own = context["SITEURL"]
    current = context["DEFAULT_LANG"]
    if lang == current:
        return own
    return posixpath.normpath(posixpath.join(own, _relpath(current, lang)))


def _relpath(from_lang: str, to_lang: str) -> str:
    source = urlparse(_SITES[from_lang].siteurl).path or "/"
    target = urlparse(_SITES[to_lang].siteurl).path or "/"
    return posixpath.relpath(target, source)


def join_url(base: str, path: str) -> str:
    if path.startswith("#"):
        return f"{base}/{path}"
    return f"{base}/{path}" if base else f"/{path}"


def current_path(context: dict[str, Any]) -> str:
    """The current page's path within its language site, as Pelican's `url` would be."""
    output = str(context.get("output_file", ""))
    return output.removesuffix("index.html")


def page_links(context: dict[str, Any]) -> PageLinks:
    """The language links of the page that `context` renders."""
    lang = context["DEFAULT_LANG"]
    kind, subject = describe(context)
    own_site = _SITES[lang]
    own_url = join_url(own_site.siteurl, current_path(context))
    first_page = getattr(context.get("articles_page"), "number", 1) == 1
    switch: list[LanguageLink] = []
    hreflang: list[tuple[str, str]] = []
    missing = False
    for other_lang, site in _SITES.items():
        if other_lang == lang:
            hreflang.append((lang, own_url))
            continue
        path = counterpart_path(site, kind, subject)
        exact = path is not None
        if not exact:
            missing = True
            path = fallback_path(site, kind, lang)
            if kind in ("article", "page"):
                # The other home's notice offers the way back to this page, as the site
                # links it (theme script language.js reads it; without a script the
                # notice still shows).
                home, _, fragment = path.partition("#")
                path = f"{home}?from={quote(subject.url, safe='/')}#{fragment}"
        # Absolute addresses (hreflang, the sitemap) are the web's clean ones in every build.
        url = join_url(site.siteurl, path.removesuffix("index.html"))
        switch.append(
            LanguageLink(
                other_lang, join_url(base_href(context, other_lang, kind), path), url, exact
            )
        )
        if exact and first_page and kind != "404":
            hreflang.append((other_lang, url))
    if kind == "404" or not first_page:
        hreflang = []
    elif hreflang:
        main_lang = _MAIN["lang"]
        default = dict(hreflang).get(main_lang, own_url)
        hreflang.append(("x-default", default))
    return PageLinks(
        lang=lang,
        kind=kind,
        url=own_url,
        switch=switch,
        hreflang=sorted(hreflang, key=_hreflang_order),
        untranslated=missing and kind in ("article", "page"),
    )


def _hreflang_order(item: tuple[str, str]) -> tuple[bool, str]:
    return (item[0] == "x-default", item[0])


@pass_context
def language_links(context: Any) -> PageLinks:
    """Template global: the language links of the page being rendered."""
    return page_links(context.get_all())


@pass_context
def site_url(context: Any, path: str = "", lang: str | None = None) -> str:
    """Template global: a link to `path` in `lang`'s site (default: the current one)."""
    values = context.get_all()
    lang = lang or values["DEFAULT_LANG"]
    # The home page: "index.html" in previews, which open from the file system.
    return join_url(base_href(values, lang), path or _SITES[lang].url_setting("INDEX_URL"))


@pass_context
def url_in(context: Any, lang: str, setting: str) -> str:
    """Template global: a link to the page a URL setting names in `lang`'s own settings
    (the search page is recherche/ in French and search/ in English)."""
    return join_url(base_href(context.get_all(), lang), _SITES[lang].url_setting(setting))


@pass_context
def absolute_url(context: Any, path: str = "", lang: str | None = None) -> str:
    """Template global: the absolute URL of `path` in `lang`'s site, for what a standard
    wants absolute (feeds with hreflang, OpenGraph, structured data) even in a preview."""
    # The web's clean address in every build, like hreflang and the sitemap.
    return join_url(
        _SITES[lang or context["DEFAULT_LANG"]].siteurl, path.removesuffix("index.html")
    )


def translations(subject: Any) -> dict[str, Any]:
    """The published stories (or pages) of the other languages that share `subject`'s
    Translation_key, by language."""
    key = getattr(subject, "translation_key", None)
    found: dict[str, Any] = {}
    for lang, site in _SITES.items():
        if lang == subject.lang or not key:
            continue
        index = site.pages if isinstance(subject, Page) else site.stories
        if key in index:
            found[lang] = index[key]
    return found


def page_inputs(context: dict[str, Any]) -> tuple[Any, ...]:
    """What the page `context` renders shows of the other languages, for the page writer's
    fingerprints: its language links, and the translations of the story or page it shows
    (their titles and addresses appear in it)."""
    kind, subject = describe(context)
    found = translations(subject) if kind in ("article", "page") else {}
    return (page_links(context), sorted(found.items()))


def setting_in(lang: str, name: str) -> Any:
    """Template global: a setting of `lang`'s run, e.g. its SITENAME."""
    return _SITES[lang].settings.get(name)


def main_lang() -> str:
    """The main site's language (the original of a story when neither version says)."""
    return _MAIN["lang"]


@pass_context
def theme_url(context: Any, path: str) -> str:
    """Template global: a link to a theme file, shared by every language."""
    values = context.get_all()
    base = base_href(values, _MAIN["lang"])
    return join_url(base, f"{_MAIN['theme_static_dir']}/{path}")


def add_globals(generator: Any) -> None:
    generator.env.globals.update(
        language_links=language_links,
        site_url=site_url,
        theme_url=theme_url,
        url_in=url_in,
        absolute_url=absolute_url,
        setting_in=setting_in,
    )


def register() -> None:
    signals.initialized.connect(start_run)
    signals.all_generators_finalized.connect(record_site)
    signals.generator_init.connect(add_globals)
