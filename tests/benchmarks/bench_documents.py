"""A Pelican plugin of the search benchmark (search_answers.py), never of the site: it writes
what each language run's stories say (title, summary, labels, HTML text, URL, date) to
BENCH_DOCUMENTS_DIR/<lang>.json, so the benchmark can build its own reference index of the
same content, whatever the site's index looks like."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pelican import signals


def dump(generators: list[Any]) -> None:
    from pelican.generators import ArticlesGenerator

    settings = generators[0].settings
    folder = settings.get("BENCH_DOCUMENTS_DIR")
    if not folder:
        return
    articles = next(g for g in generators if isinstance(g, ArticlesGenerator)).articles
    documents = [
        {
            "url": article.url,
            "date": article.date.isoformat(),
            "title": article.title,
            "summary": str(article.summary),
            "category": article.category.name if getattr(article, "category", None) else "",
            "tags": [tag.name for tag in getattr(article, "tags", [])],
            "content": article.content,
        }
        for article in articles
    ]
    path = Path(folder, f"{settings['DEFAULT_LANG']}.json")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(documents, ensure_ascii=False), encoding="utf-8")


def register() -> None:
    signals.all_generators_finalized.connect(dump)
