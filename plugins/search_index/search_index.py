"""Search index: one lunr index per language, built by lunr.py at build time.

Each language's stories are indexed in a worker process, and the build writes, at the root
of that language's subsite (whole files, written atomically once every index is ready),
- SEARCH_INDEX_SAVE_AS: the serialised lunr index (fields: title, boosted; summary; tags
  and category; body as plain text), wrapped with what the browser needs to query it the
  same way (its language and stop words);
- SEARCH_DOCUMENTS_SAVE_AS: what a result shows (title, URL, localised date, summary) and
  the plain text a snippet is cut from;
and the main run copies the browser libraries (lunr.js, lunr-languages) from node_modules
into the theme's static folder, so no CDN is involved.

Text goes through briefing.search_text, the pipeline the browser mirrors. lunr.py's own
`languages=` option is not used: it downloads NLTK data on every build, its French trimmer
eats letters and its English stemmer disagrees with lunr.js (shared/notes/findings.md).
Output is deterministic: the same content gives byte-identical files.
"""

from __future__ import annotations

import ctypes
import json
import logging
import os
import shutil
import signal
import sys
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from lunr.builder import Builder
from markupsafe import Markup
from pelican import signals

from briefing.atomic import write_atomic
from briefing.dates import format_story_date
from briefing.search_pack import pack_index
from briefing.search_text import LANGUAGES, register_pipeline, stopwords, terms
from briefing.site import is_main_run

logger = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SETTINGS: dict[str, Any] = {
    "SEARCH_INDEX_SAVE_AS": "search-index.json",
    "SEARCH_DOCUMENTS_SAVE_AS": "search-documents.json",
    # How many words of each body are indexed; None for all.
    "SEARCH_BODY_WORDS": None,
    # Score levels of the packed index's body field (see briefing.search_pack).
    "SEARCH_SCORE_LEVELS": 32,
    "SEARCH_NODE_MODULES": str(PROJECT_ROOT / "node_modules"),
    # Files copied from node_modules into <theme static dir>/vendor/.
    "SEARCH_VENDOR_FILES": [
        "lunr/lunr.min.js",
        "lunr-languages/min/lunr.stemmer.support.min.js",
        "lunr-languages/min/lunr.fr.min.js",
    ],
}
FIELDS = (("title", 10), ("summary", 3), ("tags", 3), ("body", 1))
FORMAT_VERSION = 1


class SearchSettingsError(ValueError):
    """A search setting cannot be used; the message names every bad one."""


def setting(settings: dict[str, Any], name: str) -> Any:
    return settings.get(name, DEFAULT_SETTINGS[name])


def check_settings(pelican: Any) -> None:
    """Report every bad search setting at once, before anything is built."""
    settings = pelican.settings
    problems = []
    for name in ("SEARCH_INDEX_SAVE_AS", "SEARCH_DOCUMENTS_SAVE_AS"):
        value = setting(settings, name)
        if not isinstance(value, str) or not value.endswith(".json"):
            problems.append(f"{name} must be a file name ending in .json, not {value!r}")
    words = setting(settings, "SEARCH_BODY_WORDS")
    if words is not None and (not isinstance(words, int) or words < 1):
        problems.append(f"SEARCH_BODY_WORDS must be a positive whole number or None, not {words!r}")
    levels = setting(settings, "SEARCH_SCORE_LEVELS")
    if not isinstance(levels, int) or not 2 <= levels <= 4096:
        problems.append(
            f"SEARCH_SCORE_LEVELS must be a whole number from 2 to 4096, not {levels!r}"
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
    for number, article in enumerate(ordered):
        body = plain_text(article.content)
        if body_words is not None:
            body = " ".join(body.split()[:body_words])
        terms = [article.category.name] if getattr(article, "category", None) else []
        terms += [tag.name for tag in getattr(article, "tags", [])]
        documents.append(
            {
                "id": str(number),
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


def build_index(documents: list[dict], lang: str) -> dict | None:
    """The serialised lunr.py index of `documents`, queried through the shared pipeline.

    None for a language with no story yet: lunr cannot build an empty index.
    """
    drop_stopword, stem = register_pipeline(lang)
    if not documents:
        return None
    builder = Builder()
    # The search pipeline is what the index names for queries. Documents arrive already
    # analysed by the same functions (memoised per word, which halves the build's
    # indexing time), so the indexing pipeline stays empty.
    builder.search_pipeline.add(drop_stopword, stem)
    builder.ref("id")
    for name, boost in FIELDS:
        builder.field(name, boost=boost, extractor=lambda doc, name=name: terms(doc[name], lang))
    for document in documents:
        builder.add(document)
    return builder.build().serialize()


def write_search_files(generators: list[Any]) -> None:
    """After the language's content is read: index it in a worker process.

    lunr.py is the slowest part of a build; in a worker, each language's index is built
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
        levels=setting(settings, "SEARCH_SCORE_LEVELS"),
        index_path=output / setting(settings, "SEARCH_INDEX_SAVE_AS"),
        documents_path=output / setting(settings, "SEARCH_DOCUMENTS_SAVE_AS"),
    )
    _PENDING.append(_workers().submit(index_files, job))


@dataclass(frozen=True)
class IndexJob:
    lang: str
    documents: list[dict]
    levels: int
    index_path: Path
    documents_path: Path


@dataclass(frozen=True)
class IndexFiles:
    """What a worker hands back: the two files' text, for the build to write."""

    job: IndexJob
    index_text: str
    documents_text: str
    seconds: float


def index_files(job: IndexJob) -> IndexFiles:
    """Build and pack one language's search files (in a worker process).

    The worker writes nothing: the build writes the files, whole, once every index is
    ready, so no file of a build that died half-way can be mistaken for a finished one.
    """
    started = time.perf_counter()
    index = build_index(job.documents, job.lang)
    payload = {
        "version": FORMAT_VERSION,
        "lang": job.lang,
        "stopwords": sorted(stopwords(job.lang)),
        "index": pack_index(index, levels=job.levels) if index else None,
    }
    shown = [
        {"title": d["title"], "url": d["url"], "date": d["date"], "summary": d["summary"]}
        for d in job.documents
    ]
    return IndexFiles(
        job=job,
        index_text=_json(payload),
        documents_text=_json({"documents": shown}),
        seconds=time.perf_counter() - started,
    )


_PENDING: list[Future] = []
_POOL: list[ProcessPoolExecutor] = []
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def _workers() -> ProcessPoolExecutor:
    if not _POOL:
        # fork: the worker inherits the loaded plugins and modules; one worker is enough
        # on the two cores a build gets, the other one being Pelican's.
        _POOL.append(
            ProcessPoolExecutor(
                max_workers=1,
                mp_context=get_context("fork"),
                initializer=_die_with_parent,
                initargs=(os.getpid(),),
            )
        )
    return _POOL[0]


def _die_with_parent(parent: int) -> None:
    """In the worker: end as soon as the build that forked it ends, however it ends.

    A build killed with SIGKILL runs no clean-up, and the worker would live on, an orphan
    holding the build's stdout and stderr open, so `invoke build`, which reads them to
    the end, would wait forever. On Linux the kernel sends the worker SIGKILL when its
    parent dies (PR_SET_PDEATHSIG); elsewhere a thread watches for the parent to go.
    """
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            error = ctypes.get_errno()
            raise OSError(error, f"search_index: prctl(PR_SET_PDEATHSIG): {os.strerror(error)}")
    else:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    # The parent may have died between the fork and the line above, before the kernel
    # knew whom to tell: the worker has been adopted by then.
    if os.getppid() != parent:
        os._exit(1)


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def wait_for_indexes(pelican: Any) -> None:
    """At the end of the main run (the last to finish): every index is written, or fail."""
    if not is_main_run(pelican.settings):
        return
    try:
        for future in _PENDING:
            files = future.result()
            write_atomic(files.job.index_path, files.index_text)
            write_atomic(files.job.documents_path, files.documents_text)
            logger.info(
                "search_index: indexed %d %s stories in %.2f s",
                len(files.job.documents),
                files.job.lang,
                files.seconds,
            )
    finally:
        _PENDING.clear()
        while _POOL:
            _POOL.pop().shutdown()


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


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
