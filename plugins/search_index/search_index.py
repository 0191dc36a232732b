"""Search index: per language, a manifest and term shards of lunr's exact index.

Each language's stories are indexed in a worker process (briefing.search_shards), and the
build writes at the root of that language's subsite (all written atomically, once every
index is ready):
- SEARCH_INDEX_SAVE_AS: the manifest, the one file the browser fetches first (the shard
  table, the document-chunk table, the language's stop words and pipeline);
- search-data/*.json: shards of the inverted index by term, chunks of documents (title,
  URL, localised date, summary), one passage file per story, the suggestion words. They are
  named by a hash of their bytes: a build writes only those it does not find already, and
  keeps the others (the exact_output plugin is told they belong to this build);
and the main run copies the browser libraries (lunr.js, lunr-languages) from node_modules
into the theme's static folder, so no CDN is involved.

Text goes through briefing.search_text, the pipeline the browser mirrors. lunr.py's own
`languages=` option is not used: it downloads NLTK data on every build, its French trimmer
eats letters and its English stemmer disagrees with lunr.js (shared/notes/findings.md).
Nor is lunr.py's Builder: the scores are computed directly, exactly as it does, from each
story's term counts, which are cached in CACHE_PATH by content hash (an edit tokenises only
the stories that changed). Output is deterministic: the same content gives byte-identical
files, from a cold build or a warm one.
"""

from __future__ import annotations

import logging
import os
import pickle
import shutil
import sys
import time
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from markupsafe import Markup
from pelican import signals

from briefing.atomic import atomic_writer, write_atomic, write_many_atomic
from briefing.dates import format_story_date
from briefing.forked import die_with_parent
from briefing.notices import notice
from briefing.search_shards import DATA_DIR, Analysed, analyse_document, build_files, content_key
from briefing.search_text import LANGUAGES
from briefing.site import is_main_run

logger = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SETTINGS: dict[str, Any] = {
    "SEARCH_INDEX_SAVE_AS": "search-index.json",
    # How many words of each body are indexed; None for all.
    "SEARCH_BODY_WORDS": None,
    # Documents per chunk of result data (title, URL, date, summary).
    "SEARCH_CHUNK_DOCUMENTS": 16,
    # Bytes of postings per shard; None: sized from the index (briefing.search_shards).
    "SEARCH_SHARD_BYTES": None,
    "SEARCH_NODE_MODULES": str(PROJECT_ROOT / "node_modules"),
    # Files copied from node_modules into <theme static dir>/vendor/.
    "SEARCH_VENDOR_FILES": [
        "lunr/lunr.min.js",
        "lunr-languages/min/lunr.stemmer.support.min.js",
        "lunr-languages/min/lunr.fr.min.js",
    ],
}
CACHE_NAME = "search-analysis.pickle"


class SearchSettingsError(ValueError):
    """A search setting cannot be used; the message names every bad one."""


def setting(settings: dict[str, Any], name: str) -> Any:
    return settings.get(name, DEFAULT_SETTINGS[name])


def check_settings(pelican: Any) -> None:
    """Report every bad search setting at once, before anything is built."""
    settings = pelican.settings
    problems = []
    value = setting(settings, "SEARCH_INDEX_SAVE_AS")
    if not isinstance(value, str) or not value.endswith(".json"):
        problems.append(f"SEARCH_INDEX_SAVE_AS must be a file name ending in .json, not {value!r}")
    words = setting(settings, "SEARCH_BODY_WORDS")
    if words is not None and (not isinstance(words, int) or words < 1):
        problems.append(f"SEARCH_BODY_WORDS must be a positive whole number or None, not {words!r}")
    chunk = setting(settings, "SEARCH_CHUNK_DOCUMENTS")
    if not isinstance(chunk, int) or isinstance(chunk, bool) or not 1 <= chunk <= 1000:
        problems.append(
            f"SEARCH_CHUNK_DOCUMENTS must be a whole number from 1 to 1000, not {chunk!r}"
        )
    shard = setting(settings, "SEARCH_SHARD_BYTES")
    if shard is not None and (not isinstance(shard, int) or isinstance(shard, bool) or shard < 100):
        problems.append(
            f"SEARCH_SHARD_BYTES must be None or a whole number of at least 100, not {shard!r}"
        )
    vendor = setting(settings, "SEARCH_VENDOR_FILES")
    if not isinstance(vendor, list) or not all(isinstance(v, str) for v in vendor):
        problems.append("SEARCH_VENDOR_FILES must be a list of paths inside node_modules")
    if settings["DEFAULT_LANG"] not in LANGUAGES:
        problems.append(
            f"DEFAULT_LANG {settings['DEFAULT_LANG']!r} has no search pipeline "
            f"(languages: {', '.join(LANGUAGES)})"
        )
    if problems:
        raise SearchSettingsError("search_index: " + "; ".join(problems))


def plain_text(html: str) -> str:
    return " ".join(Markup(html).striptags().split())


def story_documents(articles: list[Any], lang: str, body_words: int | None) -> list[dict]:
    """What the index holds and what a result shows, newest story first."""
    documents = []
    ordered = sorted(articles, key=lambda a: (a.date, a.url), reverse=True)
    for article in ordered:
        body = plain_text(article.content)
        if body_words is not None:
            body = " ".join(body.split()[:body_words])
        terms = [article.category.name] if getattr(article, "category", None) else []
        terms += [tag.name for tag in getattr(article, "tags", [])]
        documents.append(
            {
                # Titles are plain text (the reader never formats them); summaries are
                # escaped HTML and bodies are HTML.
                "title": " ".join(article.title.split()),
                "url": article.url,
                "date": format_story_date(
                    article.date, lang, getattr(article, "date_precision", "day")
                ),
                "summary": plain_text(str(article.summary)),
                "tags": " ".join(terms),
                "body": body,
            }
        )
    return documents


def write_search_files(generators: list[Any]) -> None:
    """After the language's content is read: index it in a worker process.

    Indexing is the slowest part of a build; in a worker, each language's index is built
    while Pelican goes on with the other language and with writing pages. The main run's
    `finalized` waits for every worker and writes the files (see wait_for_indexes).
    """
    from pelican.generators import ArticlesGenerator

    settings = generators[0].settings
    lang = settings["DEFAULT_LANG"]
    articles = next(g for g in generators if isinstance(g, ArticlesGenerator)).articles
    documents = story_documents(articles, lang, setting(settings, "SEARCH_BODY_WORDS"))
    output = Path(settings["OUTPUT_PATH"])
    job = IndexJob(
        lang=lang,
        documents=documents,
        chunk_documents=setting(settings, "SEARCH_CHUNK_DOCUMENTS"),
        shard_bytes=setting(settings, "SEARCH_SHARD_BYTES"),
        manifest_path=output / setting(settings, "SEARCH_INDEX_SAVE_AS"),
        cache_path=Path(settings["CACHE_PATH"]) / CACHE_NAME,
    )
    _PENDING.append(_workers().submit(index_files, job))


@dataclass(frozen=True)
class IndexJob:
    lang: str
    documents: list[dict]
    chunk_documents: int
    shard_bytes: int | None
    manifest_path: Path
    cache_path: Path

    @property
    def data_path(self) -> Path:
        return self.manifest_path.parent / DATA_DIR


@dataclass(frozen=True)
class IndexFiles:
    """What a worker hands back, for the build to write: the manifest, the data files not
    already in place (name -> bytes), the names of all of them, and the analysis cache when
    it changed."""

    job: IndexJob
    manifest: str
    new_files: dict[str, bytes]
    all_files: list[str]
    cache: bytes | None
    analysed: int  # stories tokenised (not found in the cache)
    seconds: float
    notes: list[str] = field(default_factory=list)


def load_cache(path: Path) -> tuple[dict[str, tuple], str | None]:
    """The analysis cache (content key -> Analysed fields); empty, with a note, if unusable."""
    try:
        with path.open("rb") as handle:
            data = pickle.load(handle)
        if not isinstance(data, dict) or not all(
            isinstance(v, tuple) and len(v) == 4 for v in data.values()
        ):
            raise ValueError("not a dict of analyses")
    except FileNotFoundError:
        return {}, None
    except OSError:
        raise
    except Exception as error:
        return (
            {},
            f"search_index: the analysis cache {path} was unusable ({error}); analysing again",
        )
    return data, None


def index_files(job: IndexJob) -> IndexFiles:
    """Build one language's search files (in a worker process).

    The worker writes nothing: the build writes the files, whole, once every index is
    ready, so no file of a build that died half-way can be mistaken for a finished one.
    """
    started = time.perf_counter()
    cache, note = load_cache(job.cache_path)
    analysed: list[Analysed] = []
    keys = []
    fresh = 0
    for document in job.documents:
        key = content_key(document, job.lang)
        keys.append(key)
        entry = cache.get(key)
        if entry is None:
            story = analyse_document(document, job.lang)
            cache[key] = story.as_tuple()
            fresh += 1
        else:
            story = Analysed(*entry)
        analysed.append(story)
    files = build_files(
        job.documents,
        analysed,
        job.lang,
        chunk_documents=job.chunk_documents,
        shard_bytes=job.shard_bytes,
    )
    new_files = {}
    for name, data in files.files.items():
        try:
            same = (job.data_path / name).stat().st_size == len(data)
        except OSError:
            same = False
        if not same:
            new_files[name] = data
    kept = {key: cache[key] for key in keys}
    changed = fresh > 0 or len(kept) != len(cache)
    return IndexFiles(
        job=job,
        manifest=files.manifest,
        new_files=new_files,
        all_files=sorted(files.files),
        cache=pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL) if changed else None,
        analysed=fresh,
        seconds=time.perf_counter() - started,
        notes=[note] if note else [],
    )


_PENDING: list[Future] = []
_POOL: list[ProcessPoolExecutor] = []


def _workers() -> ProcessPoolExecutor:
    if not _POOL:
        # fork: the worker inherits the loaded plugins and modules; one worker is enough
        # on the two cores a build gets, the other one being Pelican's.
        _POOL.append(
            ProcessPoolExecutor(
                max_workers=1,
                mp_context=get_context("fork"),
                initializer=die_with_parent,
                initargs=(os.getpid(),),
            )
        )
    return _POOL[0]


def wait_for_indexes(pelican: Any) -> None:
    """At the end of the main run (the last to finish): every index is written, or fail."""
    if not is_main_run(pelican.settings):
        return
    try:
        for future in _PENDING:
            files = future.result()
            for note in files.notes:
                notice(logger, "%s", note)
            write_outputs(files)
            logger.info(
                "search_index: indexed %d %s stories in %.2f s (%d analysed, %d of %d data "
                "files written)",
                len(files.job.documents),
                files.job.lang,
                files.seconds,
                files.analysed,
                len(files.new_files),
                len(files.all_files),
            )
    finally:
        _PENDING.clear()
        while _POOL:
            _POOL.pop().shutdown()


def write_outputs(files: IndexFiles) -> None:
    """Write what changed (data files first: the manifest names them), keep the rest."""
    job = files.job
    write_many_atomic(job.data_path, files.new_files)
    for name in files.all_files:
        if name not in files.new_files:
            keep_output(job.data_path / name)
    write_atomic(job.manifest_path, files.manifest)
    if files.cache is not None:
        with atomic_writer(job.cache_path) as handle:
            handle.write(files.cache)


def keep_output(path: Path) -> None:
    """Tell the exact_output plugin that `path` belongs to this build, left as it is.

    exact_output notes what a build writes through Python's audit events (`open` for
    writing); a data file whose name (its hash) is already in place holds the very bytes
    this build would write, so it is announced instead of being written again."""
    sys.audit("open", os.fspath(path), "r+", os.O_WRONLY)


def copy_vendor_files(pelican: Any) -> None:
    """Copy the browser libraries from node_modules into the main site's theme folder."""
    settings = pelican.settings
    if not is_main_run(settings):
        return  # subsites share the main site's theme folder
    source = Path(setting(settings, "SEARCH_NODE_MODULES"))
    target = Path(settings["OUTPUT_PATH"], settings["THEME_STATIC_DIR"], "vendor")
    missing = [
        name for name in setting(settings, "SEARCH_VENDOR_FILES") if not (source / name).is_file()
    ]
    if missing:
        raise FileNotFoundError(
            f"search_index: {', '.join(missing)} not found in {source} — run `npm ci` "
            "(make build does it) to install the browser libraries"
        )
    for name in setting(settings, "SEARCH_VENDOR_FILES"):
        destination = target / os.path.basename(name)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / name, destination)


def register() -> None:
    signals.initialized.connect(check_settings)
    signals.all_generators_finalized.connect(write_search_files)
    signals.finalized.connect(copy_vendor_files)
    signals.finalized.connect(wait_for_indexes)
