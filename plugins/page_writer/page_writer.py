"""Page writer: each page is rendered only when what it shows has changed, on every core.

Pelican renders and writes every page on every build, one after the other: a thousand
stories make close to three thousand pages per build, for one edited word. This plugin
gives Pelican its writer (the `get_writer` signal), which

- records each page Pelican asks for instead of rendering it at once: its template, its
  context and its fingerprint (briefing.page_inputs: the build key, the values of the
  names its templates read, the language links and translations the counterparts plugin
  gives it);
- once the run's generators have asked for all their pages (a generator of its own, which
  Pelican runs after the others), keeps every page whose fingerprint, size and time are
  those recorded when it was last written, and renders the others, in
  PAGE_WRITER_WORKERS processes forked from the build (one per core by default), each
  file whole or not at all (briefing.atomic, without fsync);
- writes feeds the same way: kept when their entries and settings are those of the file
  on disk, else written whole;
- keeps the record (`pages.json` in the run's CACHE_PATH) only once every page is on
  disk, so a build killed half way leaves no record that trusts a page it did not write.

What invalidates what (README, "Build speed"): a change to the theme, the settings, the
taxonomy or the code renders every page; a story's change renders its own page, the
pages that list it (home, its section and topics, archives, search), the stories that
name it (related stories) and its translation's page; adding or removing a story also
shifts the pages of the listings it enters or leaves.

Feed titles are text: Pelican's feed writer passes every title through
Markup(title).striptags(), which reads it as HTML ("Croissance < 2 % en zone euro, > 3 %"
lost everything from "<" to ">", and "&amp;" typed by an editor became "&"). In this
project a title is plain text, so the feed gets it as it is and the feed generator
escapes it once for XML; a title a plugin made HTML (Markup) is still reduced to its text.

Every page still goes through Pelican's own `write_file` (pagination, relative URLs, the
`content_written` signal the sitemap listens to); only the rendering and the writing of
the file are done later, or not at all.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import pelican
from markupsafe import Markup
from pelican import signals
from pelican.writers import Writer

from briefing.atomic import write_atomic
from briefing.forked import in_shares, usable_cores
from briefing.notices import notice
from briefing.page_inputs import Digester, Unknowable, template_names, text_in_cards
from counterparts.counterparts import page_inputs

logger = logging.getLogger(__name__)

DEFAULT_SETTINGS: dict[str, Any] = {
    # Processes that render pages; None: one per core this build may use.
    "PAGE_WRITER_WORKERS": None,
    # Keep pages whose inputs have not changed; False renders every page.
    "PAGE_WRITER_REUSE": True,
}
RECORD_NAME = "pages.json"
# Settings that say where the site's folders are, not what its pages hold (the theme's
# files are digested themselves): a checkout moved elsewhere keeps its pages.
WHERE = frozenset({"PATH", "OUTPUT_PATH", "CACHE_PATH", "THEME", "PLUGIN_PATHS"})
RECORD_FORMAT = "briefing-pages-1"
# Below this many pages, forking costs more than it saves.
FORK_FROM = 48


class PageWriterError(ValueError):
    """A setting of this plugin cannot be used."""


def check_settings(pelican_instance: Any) -> None:
    settings = pelican_instance.settings
    workers = settings.get("PAGE_WRITER_WORKERS", DEFAULT_SETTINGS["PAGE_WRITER_WORKERS"])
    if workers is not None and (
        not isinstance(workers, int) or isinstance(workers, bool) or workers < 1
    ):
        raise PageWriterError(
            f"page_writer: PAGE_WRITER_WORKERS must be None or a whole number from 1, "
            f"not {workers!r}"
        )
    reuse = settings.get("PAGE_WRITER_REUSE", DEFAULT_SETTINGS["PAGE_WRITER_REUSE"])
    if not isinstance(reuse, bool):
        raise PageWriterError(
            f"page_writer: PAGE_WRITER_REUSE must be True or False, not {reuse!r}"
        )


def worker_count(settings: dict[str, Any]) -> int:
    workers = settings.get("PAGE_WRITER_WORKERS", DEFAULT_SETTINGS["PAGE_WRITER_WORKERS"])
    return usable_cores() if workers is None else workers


def title_text(title: Any) -> str:
    """The text a reader sees of a title: plain text as it is, HTML without its tags."""
    if isinstance(title, Markup):
        return title.striptags()
    return str(title)


@dataclass
class PendingPage:
    """A page Pelican asked for, to be rendered (or kept) when the run has asked for all."""

    path: str
    template: jinja2.Template
    localcontext: dict[str, Any]
    context: dict[str, Any]  # the run's shared context, which Pelican's contents read
    fingerprint: str | None  # None: always rendered


class _Deferred:
    """Stands for a template in Pelican's write_file: notes the page instead of rendering."""

    def __init__(self, writer: PageWriter, template: jinja2.Template, context: dict) -> None:
        self.writer = writer
        self.template = template
        self.context = context

    def render(self, localcontext: dict[str, Any]) -> str:
        self.writer._asked = (self.template, localcontext, self.context)
        return ""


class _Discard(io.StringIO):
    """What Pelican writes a deferred page into: nothing, the page comes later."""


class _AtomicText(io.StringIO):
    """A text file written whole at the end of its `with` block, or not at all."""

    def __init__(self, path: str, written: list[str]) -> None:
        super().__init__()
        self.path = path
        self.written = written

    def __exit__(self, kind: Any, value: Any, traceback: Any) -> None:
        if kind is None:
            write_atomic(self.path, self.getvalue(), durable=False)
            self.written.append(self.path)
        super().__exit__(kind, value, traceback)


class PageWriter(Writer):
    """Pelican's writer, rendering pages later, in parallel, and only those that changed."""

    def __init__(self, output_path: str, settings: dict[str, Any] | None = None) -> None:
        super().__init__(output_path, settings=settings)
        self.pending: list[PendingPage] = []
        self.feeds: dict[str, str] = {}  # path -> fingerprint, written or kept
        self._asked: tuple[jinja2.Template, dict[str, Any], dict[str, Any]] | None = None
        self._feed_files: list[str] = []
        self._names: dict[tuple[int, str], frozenset[str] | None] = {}
        self._parsed: dict[int, dict[str, Any]] = {}
        self._digester: Digester | None = None
        self.record = Record.load(self.settings, output_path)

    # ------------------------------------------------------------------ pages
    def write_file(
        self, name: Any, template: Any, context: dict, *args: Any, **kwargs: Any
    ) -> None:
        super().write_file(name, _Deferred(self, template, context), context, *args, **kwargs)

    def _open_w(self, filename: str, encoding: str, override: bool = False) -> Any:
        if filename in self._overridden_files:
            if override:
                # Pelican's own rule and message, for the same case.
                return super()._open_w(filename, encoding, override)
            logger.info('Skipping "%s", not overwriting', filename)
            self._asked = None
            return _Discard()
        if filename in self._written_files and not override:
            return super()._open_w(filename, encoding, override)  # raises, as Pelican does
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        if self._asked is None:
            return _AtomicText(filename, self._feed_files)  # a feed
        template, localcontext, context = self._asked
        self._asked = None
        self.pending.append(
            PendingPage(
                filename,
                template,
                localcontext,
                context,
                self._fingerprint(template, filename, localcontext),
            )
        )
        return _Discard()

    def _fingerprint(self, template: jinja2.Template, path: str, localcontext: dict) -> str | None:
        if not self._reuse:
            return None
        environment = template.environment
        key = (id(environment), template.name)
        if key not in self._names:
            parsed = self._parsed.setdefault(id(environment), {})
            self._names[key] = template_names(environment, template.name, parsed)
        try:
            return self.digester(environment).page(
                template.name,
                os.path.relpath(path, self.output_path),
                localcontext,
                self._names[key],
                page_inputs(localcontext),
            )
        except Unknowable as error:
            logger.debug("page_writer: %s is always rendered: %s", path, error)
            return None

    @property
    def _reuse(self) -> bool:
        return self.settings.get("PAGE_WRITER_REUSE", DEFAULT_SETTINGS["PAGE_WRITER_REUSE"])

    def digester(self, environment: jinja2.Environment | None = None) -> Digester:
        if self._digester is None:
            with_text = environment is not None and text_in_cards(
                environment,
                environment.list_templates(filter_func=_is_template),
                self._parsed.setdefault(id(environment), {}),
            )
            self._digester = Digester(build_key(self.settings), cards_with_text=with_text)
        return self._digester

    # ------------------------------------------------------------------ feeds
    def write_feed(
        self, elements: Any, context: dict, path: Any = None, *args: Any, **kwargs: Any
    ) -> Any:
        if not path:
            return super().write_feed(elements, context, path, *args, **kwargs)
        complete = os.path.join(self.output_path, path)
        fingerprint = self._feed_fingerprint(elements, context, path, args, kwargs)
        if fingerprint is not None and self.record.holds(complete, fingerprint):
            self._written_files.add(complete)
            self.feeds[complete] = fingerprint
            signals.feed_written.send(complete, context=context, feed=None)
            return None
        feed = super().write_feed(elements, context, path, *args, **kwargs)
        if fingerprint is not None:
            self.feeds[complete] = fingerprint
        return feed

    def _feed_fingerprint(
        self, elements: Any, context: dict, path: str, args: Any, kwargs: Any
    ) -> str | None:
        if not self._reuse:
            return None
        digester = self.digester()
        shown = list(elements[: self.settings["FEED_MAX_ITEMS"]])
        names = ("SITENAME", "SITESUBTITLE", "SITEURL", "FEED_DOMAIN", "FEED_APPEND_REF")
        try:
            digest = hashlib.sha1(digester.build_key)
            digest.update(repr((path, args, sorted(kwargs.items()))).encode())
            for name in names:
                digest.update(digester.value(context.get(name)))
            for element in shown:
                digest.update(digester.whole(element))
        except Unknowable:
            return None
        return digest.hexdigest()

    def _create_new_feed(self, feed_type: str, feed_title: Any, context: dict) -> Any:
        feed = super()._create_new_feed(feed_type, feed_title, context)
        title = title_text(context["SITENAME"])
        if feed_title:
            title += " - " + title_text(feed_title)
        feed.feed["title"] = title
        return feed

    def _add_item_to_the_feed(self, feed: Any, item: Any) -> None:
        super()._add_item_to_the_feed(feed, item)
        # feedgenerator keeps the item just added as the last of feed.items.
        feed.items[-1]["title"] = title_text(item.title)

    # ------------------------------------------------------------------ the end of a run
    def finish(self) -> None:
        """Render what changed, keep the rest, then record what is on disk."""
        pages, self.pending = self.pending, []
        todo = [page for page in pages if not self.record.holds(page.path, page.fingerprint)]
        render_pages(todo, worker_count(self.settings))
        made = [(page.path, page.fingerprint) for page in pages if page.fingerprint]
        self.record.save([*made, *self.feeds.items()])
        logger.info(
            "page_writer: %d pages rendered, %d kept; %d feeds written, %d kept",
            len(todo),
            len(pages) - len(todo),
            len(self._feed_files),
            len(self.feeds) - len(self._feed_files),
        )
        self.feeds = {}
        self._feed_files = []


def _is_template(name: str) -> bool:
    return name.endswith((".html", ".xml", ".txt", ".json"))


# ---------------------------------------------------------------------------- the record
class Record:
    """What each page and feed was last written from, and the file it became."""

    def __init__(self, path: Path | None, output: str, entries: dict[str, list[Any]]) -> None:
        self.path = path
        self.output = output  # files are recorded by their path in it
        self.entries = entries

    @classmethod
    def load(cls, settings: dict[str, Any] | None, output: str) -> Record:
        cache = (settings or {}).get("CACHE_PATH")
        if not cache:
            return cls(None, output, {})
        path = Path(cache) / RECORD_NAME
        try:
            data = json.loads(path.read_bytes())
            if data.get("format") != RECORD_FORMAT or not isinstance(data.get("files"), dict):
                raise ValueError("not a record of this version")
            return cls(path, output, data["files"])
        except FileNotFoundError:
            return cls(path, output, {})
        except (OSError, ValueError, AttributeError) as error:
            notice(
                logger,
                "page_writer: %s could not be read (%s); every page is rendered",
                path,
                error,
            )
            return cls(path, output, {})

    def name(self, path: str) -> str:
        return os.path.relpath(path, self.output)

    def holds(self, path: str, fingerprint: str | None) -> bool:
        """Whether `path` on disk is the file last written from `fingerprint`."""
        if fingerprint is None:
            return False
        entry = self.entries.get(self.name(path))
        if not entry or entry[0] != fingerprint:
            return False
        try:
            stat = os.stat(path, follow_symlinks=False)
        except OSError:
            return False
        return [stat.st_size, stat.st_mtime_ns] == entry[1:]

    def save(self, files: list[tuple[str, str]]) -> None:
        """Record `files` (path, fingerprint), each as it is on disk now."""
        entries = {}
        for path, fingerprint in files:
            stat = os.stat(path, follow_symlinks=False)
            entries[self.name(path)] = [fingerprint, stat.st_size, stat.st_mtime_ns]
        self.entries = entries
        if self.path is None:
            return
        data = {"format": RECORD_FORMAT, "files": dict(sorted(entries.items()))}
        write_atomic(self.path, json.dumps(data, separators=(",", ":")))


# ---------------------------------------------------------------------------- rendering
def render_page(page: PendingPage) -> None:
    """What Pelican's writer does for one page, the rendering and the file."""
    if page.localcontext.get("localsiteurl"):
        # Contents resolve their links against the shared context's localsiteurl.
        page.context["localsiteurl"] = page.localcontext["localsiteurl"]
    write_atomic(page.path, page.template.render(page.localcontext), durable=False)


def render_pages(pages: list[PendingPage], workers: int) -> None:
    """Render `pages`, shared among `workers` processes (this one included)."""
    if len(pages) < FORK_FROM:
        workers = 1
    in_shares(pages, _render_share, workers, what="page_writer: rendering pages")


def _render_share(pages: list[PendingPage]) -> None:
    for page in pages:
        render_page(page)


# ---------------------------------------------------------------------------- build key
def build_key(settings: dict[str, Any]) -> bytes:
    """What every page of the run depends on: theme, settings, taxonomy, tools."""
    digest = hashlib.sha1(f"pelican {pelican.__version__} jinja2 {jinja2.__version__}".encode())
    theme = Path(settings["THEME"])
    for path in sorted(theme.rglob("*")):
        if path.is_file() and path.suffix != ".mo":
            digest.update(path.relative_to(theme).as_posix().encode() + b"\x00")
            digest.update(hashlib.sha1(path.read_bytes()).digest())
    taxonomy = Path(settings["PATH"], settings.get("TAXONOMY_FILE", "taxonomy.toml"))
    with contextlib.suppress(OSError):
        digest.update(hashlib.sha1(taxonomy.read_bytes()).digest())
    digester = Digester(b"")
    folders = {}
    lang = settings.get("DEFAULT_LANG", "")
    for name in sorted(WHERE):
        folder = settings.get(name)
        if isinstance(folder, str) and folder:
            folders[folder] = f"<{name}>"
            if lang and folder.endswith("/" + lang):
                # A language run's folders are the main run's plus its language.
                folders[os.path.dirname(folder)] = f"<{name}>/.."
    folders = dict(sorted(folders.items(), key=lambda item: -len(item[0])))
    for name in sorted(settings.keys() - WHERE):
        try:
            digest.update(name.encode() + digester.value(_placed(settings[name], folders)))
        except Unknowable:
            digest.update(name.encode() + repr(type(settings[name])).encode())
    return digest.digest()


def _placed(value: Any, folders: dict[str, str]) -> Any:
    """A setting with the site's folders named instead of spelled (I18N_GETTEXT_LOCALEDIR
    is a path in the theme)."""
    if isinstance(value, str):
        for folder, name in folders.items():
            if value == folder or value.startswith(folder.rstrip("/") + "/"):
                return name + value[len(folder) :]
        return value
    if isinstance(value, list | tuple):
        return [_placed(item, folders) for item in value]
    if isinstance(value, dict):  # I18N_SUBSITES holds each language's folders
        return {key: _placed(item, folders) for key, item in value.items()}
    return value


# ---------------------------------------------------------------------------- the run
class PageFlush:
    """A generator Pelican runs after its own (and before copying static files): it has the
    run's writer finish its pages."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        pass

    def generate_output(self, writer: Any) -> None:
        if isinstance(writer, PageWriter):
            writer.finish()


def get_writer(pelican_instance: Any) -> type[Writer]:
    return PageWriter


def get_generators(pelican_instance: Any) -> type[PageFlush]:
    return PageFlush


def register() -> None:
    signals.initialized.connect(check_settings)
    signals.get_writer.connect(get_writer)
    signals.get_generators.connect(get_generators)
