"""The site's search indexer run on a generated corpus directly, without a Pelican build.

At 20,000 stories per language a full Pelican build of the benchmark's corpus takes many
minutes and gigabytes; what search costs does not depend on Pelican, only on the stories. So
this module reads the corpus' story files itself (Markdown to HTML with Python-Markdown, then
plain text as the plugin does), runs the search_index plugin's own worker function
(`index_files`, the very code a build runs, cache included) and its writer, and writes a
plain story page per story (title, summary, labels, text inside <article class="story">) at
the address the publish build gives it, for Pagefind to index and for result links.

Loaded by search_size.py.
"""

from __future__ import annotations

import html
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def _plugin() -> Any:
    benchlib = sys.modules["benchlib"]
    return benchlib.load(
        "search_index_plugin", ROOT / "plugins" / "search_index" / "search_index.py"
    )


def read_story(path: Path) -> dict[str, str]:
    header, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    meta = dict(line.split(": ", 1) for line in header.splitlines() if ": " in line)
    meta["body"] = body
    return meta


def corpus_documents(content: Path, lang: str) -> list[dict[str, str]]:
    """The documents the plugin would index for `lang`, newest first, with publish URLs."""
    import markdown
    from markupsafe import Markup

    from briefing.dates import format_story_date

    converter = markdown.Markdown(extensions=["markdown.extensions.extra"])
    stories = []
    for path in sorted((content / lang).rglob("*.md")):
        meta = read_story(path)
        raw_date = meta["Date"]
        precision = "month" if len(raw_date) == 7 else "day"
        date = datetime.fromisoformat(raw_date + ("-01" if precision == "month" else ""))
        url = f"{date:%Y}/{date:%m}/{meta['Slug']}/"
        body_html = converter.reset().convert(meta["body"])
        labels = [meta.get("Category", ""), *(t.strip() for t in meta.get("Tags", "").split(","))]
        stories.append(
            {
                "title": " ".join(meta["Title"].split()),
                "url": url,
                "date": format_story_date(date, lang, precision),
                "summary": " ".join(meta.get("Summary", "").split()),
                "tags": " ".join(label for label in labels if label),
                "body": " ".join(Markup(body_html).striptags().split()),
                "_sort": (date, url),
                "_html": body_html,
            }
        )
    stories.sort(key=lambda s: s["_sort"], reverse=True)
    return stories


PAGE = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title></head>
<body><main><article class="story"><h1>{title}</h1><p class="summary">{summary}</p>
<p class="labels">{tags}</p><div class="story-body">{body}</div></article></main></body></html>
"""


def write_story_pages(documents: list[dict[str, str]], site_root: Path, lang: str) -> None:
    for doc in documents:
        page = site_root / doc["url"] / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(
            PAGE.format(
                lang=lang,
                title=html.escape(doc["title"]),
                summary=html.escape(doc["summary"]),
                tags=html.escape(doc["tags"]),
                body=doc["_html"],
            ),
            encoding="utf-8",
        )


@dataclass(frozen=True)
class Indexed:
    seconds: float  # the worker's work: analysis (or cache), scores, shards, files' bytes
    write_seconds: float
    analysed: int
    written: int
    files: int


def index(documents: list[dict[str, str]], lang: str, site_root: Path, cache: Path) -> Indexed:
    """Index `documents` into `site_root` as a build does, with the analysis cache `cache`."""
    plugin = _plugin()
    docs = [{k: v for k, v in doc.items() if not k.startswith("_")} for doc in documents]
    job = plugin.IndexJob(
        lang=lang,
        documents=docs,
        chunk_documents=plugin.DEFAULT_SETTINGS["SEARCH_CHUNK_DOCUMENTS"],
        shard_bytes=plugin.DEFAULT_SETTINGS["SEARCH_SHARD_BYTES"],
        manifest_path=site_root / "search-index.json",
        cache_path=cache,
    )
    files = plugin.index_files(job)
    started = time.perf_counter()
    plugin.write_outputs(files)
    written = time.perf_counter() - started
    # Files no longer named (a build's exact_output plugin prunes them).
    data = site_root / "search-data"
    for path in data.iterdir():
        if path.name not in set(files.all_files):
            path.unlink()
    return Indexed(
        files.seconds, written, files.analysed, len(files.new_files), len(files.all_files)
    )
