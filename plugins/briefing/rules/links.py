"""Links: every address a story's HTML will carry, found as the build finds it.

The story is rendered with the build's own Markdown (briefing.markdown), then
- every href and src of the result is judged by its scheme, and
- Pelican's own intrasite-link pattern ({filename}, {static}, {attach} …) is run over
  the HTML, as Pelican does when it resolves links and collects the files to copy.
So a link form the build would follow (a reference defined in a quote, an address on
the next line, a title attribute holding 'href=…') is exactly one the rules see.
"""

from __future__ import annotations

import html
import posixpath
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import unquote, urlparse

from markdown.treeprocessors import Treeprocessor

from briefing.addresses import SAFE_SCHEMES, link_scheme
from briefing.i18n import _
from briefing.markdown import build_markdown
from briefing.rules.core import Context, Document, rule, shorten
from briefing.rules.dates import parsed_date

SCHEME_UNSAFE = rule("link-scheme-unsafe", __name__, "a link to javascript:, data: or non-web")
FILE_MISSING = rule(
    "link-file-missing", __name__, "a {filename}/{static} link to no file", waits_in_draft=True
)
OUTSIDE_CONTENT = rule(
    "link-outside-content", __name__, "a {filename}/{static} link leading out of content/"
)
NOT_STATIC = rule("link-static-not-static", __name__, "a {static} link to a file not published")
FILENAME_TO_STATIC = rule("link-filename-to-static", __name__, "{filename} used for an image")
OTHER_LANGUAGE = rule(
    "link-other-language",
    __name__,
    "a {filename} link to another language's story",
    waits_in_draft=True,
)
INDICATOR_UNKNOWN = rule(
    "link-indicator-unknown", __name__, "a {…} link form other than {filename} and {static}"
)
STORY_MISSING = rule(
    "link-story-missing", __name__, "a site address that is no story", waits_in_draft=True
)

CODE_SCHEMES = ("javascript", "data", "vbscript")
FILE_INDICATORS = ("filename", "static", "attach")


@dataclass(frozen=True)
class Address:
    tag: str  # "a" or "img"
    value: str  # as the HTML carries it
    alt: str = ""  # an image's description


class _Collector(Treeprocessor):
    """Keeps every href and src of the rendered story; runs after every other step."""

    found: list[Address]

    def run(self, root: etree.Element) -> None:
        self.found = [
            Address(element.tag, element.get(attribute, ""), element.get("alt", ""))
            for element in root.iter()
            for attribute in ("href", "src")
            if element.get(attribute) is not None
        ]


def rendered(doc: Document, context: Context) -> tuple[str, list[Address]]:
    """The story's HTML and its addresses, as the build will produce them (once per check)."""
    key = ("links.rendered", doc.path)
    if key not in context.cache:
        if "links.markdown" not in context.cache:
            md = build_markdown(context.model.languages[context.model.main_lang].settings)
            collector = _Collector(md)
            md.treeprocessors.register(collector, "rules_collector", 0)
            context.cache["links.markdown"] = (md, collector)
        md, collector = context.cache["links.markdown"]
        md.reset()
        context.cache[key] = (md.convert("\n".join(doc.body)), collector.found)
    return context.cache[key]


def intrasite_pattern(settings: Any) -> re.Pattern[str]:
    """Pelican's own pattern for {filename}-style links, from its own code."""
    from pelican.contents import Content

    return Content._get_intrasite_link_regex(SimpleNamespace(settings=settings))


def check(doc: Document, context: Context) -> None:
    if not any(line.strip() for line in doc.body):
        return
    text, addresses = rendered(doc, context)
    for address in addresses:
        _check_scheme(doc, address)
    settings = context.model.languages[doc.folder_lang].settings
    for match in intrasite_pattern(settings).finditer(text):
        _check_intrasite(doc, context, match["what"], html.unescape(match["value"]), match["path"])


def line_of(doc: Document, *needles: str) -> int:
    """The body line a rendered address came from: the first holding it, whitespace aside
    (Markdown turns a tab into spaces)."""
    lines = [(number, "".join(line.split())) for number, line in doc.body_lines()]
    for needle in needles:
        compact = "".join(needle.split())
        for number, line in lines:
            if compact and compact in line:
                return number
    return doc.body_start


def _check_scheme(doc: Document, address: Address) -> None:
    # Browsers decode entities and drop spaces and control characters before reading
    # the scheme, so "jav&#x61;script:" is still javascript.
    scheme = link_scheme(address.value)
    if scheme is None or scheme in SAFE_SCHEMES:
        return
    if scheme in CODE_SCHEMES:
        message = _(
            'the link address "{address}" is not allowed: it could run code or hide content'
        )
    else:
        message = _('the link address "{address}" is not allowed: the site links only to web pages')
    doc.report_at(
        line_of(doc, address.value, f"{scheme}:", scheme),
        SCHEME_UNSAFE,
        _("body"),
        message.format(address=shorten(address.value)),
        _("use an http:// or https:// address, or {{filename}}… for a file of this site").format(),
    )


def candidates(doc: Document, context: Context, value: str) -> list[Path]:
    """The files Pelican may take a link's path for: as written, unquoted, unescaped."""
    path = urlparse(value).path
    found = []
    for variant in dict.fromkeys((path, unquote(path), path.replace("%20", " "))):
        base = context.model.content if variant.startswith("/") else doc.path.parent
        found.append(Path(posixpath.normpath((base / variant.lstrip("/")).as_posix())))
    return found


def _check_intrasite(doc: Document, context: Context, what: str, value: str, written: str) -> None:
    line = line_of(doc, written, value, f"{{{what}}}")
    if what not in FILE_INDICATORS:
        doc.report_at(
            line,
            INDICATOR_UNKNOWN,
            _("body"),
            _('the link "{link}" uses {{{what}}}, which this site does not resolve').format(
                link=shorten(written), what=what
            ),
            _(
                "link to a story with {{filename}}/<lang>/…, to an image with "
                "{{static}}/images/…, or write its address, e.g. /2022/03/its-slug/"
            ).format(),
        )
        return
    content = context.model.content
    paths = candidates(doc, context, value)
    outside = [p for p in paths if not p.is_relative_to(content)]
    if outside:
        doc.report_at(
            line,
            OUTSIDE_CONTENT,
            _("body"),
            _('the link "{link}" leads out of content/').format(link=shorten(written)),
            _(
                'link only to files inside content/: a path after {{{what}}} starting with "/" '
                'starts in content/, any other in this file\'s folder; never use ".."'
            ).format(what=what),
        )
        return
    existing = next((p for p in paths if p.is_file()), None)
    if existing is None:
        _report_missing(doc, context, line, what, value, written, paths[0])
        return
    static = context.model.locate(existing) is None
    if what == "filename" and static:
        doc.report_at(
            line,
            FILENAME_TO_STATIC,
            _("body"),
            _('the link "{link}" uses {{filename}} for a file that is not a story').format(
                link=shorten(written)
            ),
            _("write {{static}}/{path}").format(path=existing.relative_to(content).as_posix()),
        )
    elif what != "filename" and not _in_static_folder(context, existing):
        folders = ", ".join(f"content/{f}/" for f in context.model.static_folders)
        doc.report_at(
            line,
            NOT_STATIC,
            _("body"),
            _('the link "{link}" leads to a file the site does not publish').format(
                link=shorten(written)
            ),
            _("put the file in {folders} and link to it there").format(folders=folders),
        )
    elif what == "filename":
        _check_language(doc, context, line, written, existing)


def _in_static_folder(context: Context, path: Path) -> bool:
    relative = path.relative_to(context.model.content)
    return any(relative.is_relative_to(folder) for folder in context.model.static_folders)


def _report_missing(
    doc: Document, context: Context, line: int, what: str, value: str, written: str, path: Path
) -> None:
    content = context.model.content
    name = posixpath.basename(urlparse(value).path.rstrip("/"))
    same_name = sorted(p for p in content.rglob(name) if p.is_file()) if name else []
    folder = context.shown(doc.path.parent) + "/"
    fix = (
        _("write {{{what}}}/{path}").format(
            what=what, path=same_name[0].relative_to(content).as_posix()
        )
        if same_name
        else _(
            'correct the path: after {{{what}}}, a path starting with "/" starts in content/, '
            "any other path in this file's folder, {folder}"
        ).format(what=what, folder=folder)
    )
    doc.report_at(
        line,
        FILE_MISSING,
        _("body"),
        _('the link "{link}" leads to no file ({path})').format(
            link=shorten(written), path=context.shown(path)
        ),
        fix,
    )


def _check_language(doc: Document, context: Context, line: int, written: str, path: Path) -> None:
    location = context.model.locate(path)
    if location is None or location.lang == doc.folder_lang:
        return
    # Each language is built on its own, so Pelican cannot find the other's files.
    other = context.model.name(location.lang)
    target = next((d for d in context.documents if d.path == path), None)
    address = _address(target, context) if target else ""
    doc.report_at(
        line,
        OTHER_LANGUAGE,
        _("body"),
        _(
            'the link "{link}" leads to a file in {other}, and a {what} in {language} can only '
            "link this way to files in {language}"
        ).format(link=shorten(written), other=other, what=doc.word, language=doc.lang_name),
        _(
            "link to its version in {language}, or write the address in {other} instead: "
            "[text]({address})"
        ).format(
            language=doc.lang_name,
            other=other,
            address=address or context.model.site_path(location.lang, "its-address/"),
        ),
    )


def _address(doc: Document, context: Context) -> str:
    """The site path of a story or page, e.g. /en/2022/03/slug/, or "" if unknown."""
    slug = doc.value("Slug")
    if not slug:
        return ""
    if doc.kind == "page":
        return context.model.page_path(doc.folder_lang, slug)
    parsed = parsed_date(doc)
    return context.model.story_path(doc.folder_lang, parsed[0], slug) if parsed else ""


# --------------------------------------------------------------------------- site paths


def _story_path_pattern(context: Context, lang: str) -> re.Pattern[str]:
    """A story's address in `lang`, from ARTICLE_URL: /2022/03/<slug>/ …"""
    shape = context.model.site_path(lang, "")
    url = context.model.languages[lang].shape("ARTICLE_URL")
    pattern = ""
    for piece in re.split(r"(\{[^}]*\})", url):
        if piece == "{date:%Y}":
            pattern += r"\d{4}"
        elif piece in ("{date:%m}", "{date:%d}"):
            pattern += r"\d{2}"
        elif piece.startswith("{"):
            pattern += r"[^/?#]+"
        else:
            pattern += re.escape(piece)
    return re.compile(rf"^{re.escape(shape)}{pattern}/?(?:index\.html)?(?:[?#].*)?$")


def check_site(context: Context) -> None:
    """Links written as a story's address, /YYYY/MM/slug/ or /en/YYYY/MM/slug/."""
    known: dict[str, dict[str, Document]] = {code: {} for code in context.model.codes}
    for story in context.stories():
        address = _address(story, context)
        if address:
            known[story.folder_lang][address] = story
    # The longest prefix first: /en/2022/… is English, not a French address.
    patterns = sorted(
        ((lang, _story_path_pattern(context, lang)) for lang in context.model.codes),
        key=lambda item: -len(context.model.languages[item[0]].prefix),
    )
    for doc in context.documents:
        if not any(line.strip() for line in doc.body):
            continue
        for address in rendered(doc, context)[1]:
            target = address.value.split("#", 1)[0].split("?", 1)[0]
            lang = next((code for code, pattern in patterns if pattern.match(target)), None)
            if lang is None:
                continue
            wanted = target.removesuffix("index.html")
            wanted = wanted if wanted.endswith("/") else wanted + "/"
            if wanted not in known[lang]:
                _report_story_missing(doc, context, address.value, lang, known[lang])


def _report_story_missing(
    doc: Document, context: Context, value: str, lang: str, known: dict[str, Document]
) -> None:
    slug = value.rstrip("/").rsplit("/", 1)[-1]
    same_slug = [story for story in known.values() if story.value("Slug") == slug]
    fix = (
        _("{path} has this slug but another date: write {address}").format(
            path=same_slug[0].shown, address=_address(same_slug[0], context)
        )
        if same_slug
        else _(
            "check the address (/year/month/slug/ of the story), or link to a story in "
            "{language} with {{filename}}/{folder}/…"
        ).format(
            language=context.model.name(lang), folder=context.model.languages[lang].story_folder
        )
    )
    doc.report_at(
        line_of(doc, value),
        STORY_MISSING,
        _("body"),
        _('the link "{link}" leads to no story in {language}').format(
            link=shorten(value), language=context.model.name(lang)
        ),
        fix,
    )
