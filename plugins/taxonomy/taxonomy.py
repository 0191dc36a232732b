"""Taxonomy: categories and tags come from content/taxonomy.toml, in both languages.

Each story's category and tags are matched to their term in the file; the term decides
the label shown and the URL slug in the story's language, and links the tag or category
page to its counterpart in the other language. An unknown name stops the build.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from pelican import signals

from briefing.taxonomy import Taxonomy, TaxonomyError, load_taxonomy

logger = logging.getLogger(__name__)

DEFAULT_SETTINGS = {"TAXONOMY_FILE": "taxonomy.toml"}
_CACHE: dict[tuple[str, float], Taxonomy] = {}


def taxonomy_for(settings: dict[str, Any]) -> Taxonomy:
    """The taxonomy named by the settings, read once per build (and again if it changes)."""
    name = settings.get("TAXONOMY_FILE", DEFAULT_SETTINGS["TAXONOMY_FILE"])
    if not isinstance(name, str) or not name:
        raise TaxonomyError(
            "taxonomy: TAXONOMY_FILE must be a file name relative to PATH, e.g. 'taxonomy.toml'"
        )
    path = Path(settings["PATH"], name)
    key = (str(path), path.stat().st_mtime if path.exists() else 0.0)
    if key not in _CACHE:
        _CACHE.clear()
        _CACHE[key] = load_taxonomy(path)
    return _CACHE[key]


def apply_taxonomy(generator: Any) -> None:
    """Give every story's category and tags their term, label and slug; refuse unknown ones."""
    settings = generator.settings
    taxonomy = taxonomy_for(settings)
    problems: list[str] = []
    for article in [*generator.articles, *generator.drafts]:
        lang = article.lang
        where = os.path.relpath(article.source_path, settings["PATH"])
        category = getattr(article, "category", None)
        if category is not None:
            _attach(taxonomy, "categories", lang, category, where, "Category", problems)
        for tag in getattr(article, "tags", []):
            _attach(taxonomy, "tags", lang, tag, where, "Tags", problems)
    if problems:
        raise TaxonomyError("taxonomy: " + "\n".join(problems))


def _attach(
    taxonomy: Taxonomy,
    kind: str,
    lang: str,
    wrapper: Any,
    where: str,
    field: str,
    problems: list[str],
) -> None:
    if not wrapper.name.strip():
        problems.append(
            f"{where}: {field}: missing — add '{field}: <label>' using a label from "
            f"{taxonomy.path.name}"
        )
        return
    term = taxonomy.find(kind, lang, wrapper.name)
    if term is None:
        known = ", ".join(taxonomy.labels(kind, lang)) or "none yet"
        problems.append(
            f"{where}: {field}: {wrapper.name!r} is not in {taxonomy.path.name} for {lang!r} — "
            f"use one of: {known}; or add it to {taxonomy.path.name}"
        )
        return
    wrapper.name = term.labels[lang]
    wrapper.slug = term.slugs[lang]
    wrapper.term = term


def register() -> None:
    signals.article_generator_pretaxonomy.connect(apply_taxonomy)
