"""Taxonomy: categories and tags come from content/taxonomy.toml, in both languages.

Each story's category and tags are matched to their term in the file; the term decides
the label shown and the URL slug in the story's language, and links the tag or category
page to its counterpart in the other language. The rulebook has refused unknown names
(rules category-unknown and tag-unknown) before any story is read.
"""

from __future__ import annotations

import logging
from typing import Any

from pelican import signals

from briefing.site import model_for
from briefing.taxonomy import Taxonomy, TaxonomyError, load_taxonomy

logger = logging.getLogger(__name__)

_CACHE: dict[tuple[str, float], Taxonomy] = {}


def taxonomy_for(settings: dict[str, Any]) -> Taxonomy:
    """The site's taxonomy (named by the site model), read once per build."""
    model = model_for(settings)
    path = model.taxonomy_path
    key = (str(path), path.stat().st_mtime if path.exists() else 0.0)
    if key not in _CACHE:
        _CACHE.clear()
        try:
            _CACHE[key] = load_taxonomy(path, model.codes)
        except TaxonomyError as error:
            # The rulebook (taxonomy-invalid) reports each problem first, with its line.
            first = str(error).splitlines()[0]
            raise TaxonomyError(f"taxonomy: {first} — run `invoke check`") from None
    return _CACHE[key]


def apply_taxonomy(generator: Any) -> None:
    """Give every story's category and tags their term, label and slug."""
    taxonomy = taxonomy_for(generator.settings)
    lang = generator.settings["DEFAULT_LANG"]
    for article in [*generator.articles, *generator.drafts]:
        category = getattr(article, "category", None)
        wrappers = [("categories", category)] if category is not None else []
        wrappers += [("tags", tag) for tag in getattr(article, "tags", [])]
        for kind, wrapper in wrappers:
            term = taxonomy.find(kind, lang, wrapper.name)
            if term is not None:
                wrapper.name = term.labels[lang]
                wrapper.slug = term.slugs[lang]
                wrapper.term = term
            elif article.status != "draft":
                # The rulebook (category-unknown, tag-unknown) refuses this before reading;
                # a draft, never published, may wait for its terms.
                raise TaxonomyError(
                    f"taxonomy: {article.relative_source_path}: {wrapper.name!r} is not in "
                    f"{taxonomy.path.name}; run `invoke check`"
                )


def register() -> None:
    signals.article_generator_pretaxonomy.connect(apply_taxonomy)
