"""The taxonomy file: every category and tag, defined once with a label and a slug per language.

Stories name a category or tag by its label in their own language; the file tells what
the same term is called, and where its page lives, in the other language.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from briefing.addresses import SLUG_RE

KINDS = ("categories", "tags")


class TaxonomyError(ValueError):
    """The taxonomy file is unreadable or inconsistent; the message lists every problem."""


@dataclass(frozen=True)
class Term:
    kind: str  # "categories" or "tags"
    key: str  # the language-neutral name in the file, e.g. "africa"
    labels: dict[str, str]
    slugs: dict[str, str]


@dataclass
class Taxonomy:
    path: Path
    languages: tuple[str, ...]
    terms: dict[str, dict[str, Term]] = field(default_factory=dict)

    def find(self, kind: str, lang: str, name: str) -> Term | None:
        """The term a story means by `name`: its label or slug in `lang`, ignoring case."""
        wanted = name.strip().casefold()
        for term in self.terms.get(kind, {}).values():
            if wanted in (term.labels.get(lang, "").casefold(), term.slugs.get(lang, "")):
                return term
        return None

    def labels(self, kind: str, lang: str) -> list[str]:
        return sorted(term.labels[lang] for term in self.terms.get(kind, {}).values())


def load_taxonomy(path: Path, languages: tuple[str, ...] = ("fr", "en")) -> Taxonomy:
    """Read and check the file; raise TaxonomyError naming every problem at once."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise TaxonomyError(
            f"{path}: file not found — create it with [categories.<key>] and [tags.<key>] "
            "tables (see CONTRIBUTING.md)"
        ) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise TaxonomyError(f"{path}: not valid TOML ({error}) — fix the syntax") from None

    taxonomy = Taxonomy(path=path, languages=languages)
    problems: list[str] = []
    for kind in data:
        if kind not in KINDS:
            problems.append(f"{path}: {kind}: unknown table — use only {' and '.join(KINDS)}")
    for kind in KINDS:
        taxonomy.terms[kind] = {}
        seen: dict[tuple[str, str, str], str] = {}
        for key, entry in data.get(kind, {}).items():
            term = _read_term(path, kind, key, entry, languages, problems)
            if term is None:
                continue
            for lang in languages:
                for what, value in (
                    ("label", term.labels[lang].casefold()),
                    ("slug", term.slugs[lang]),
                ):
                    other = seen.setdefault((lang, what, value), key)
                    if other != key:
                        problems.append(
                            f"{path}: {kind}.{key}.{lang}.{what}: {value!r} is also used by "
                            f"{kind}.{other} — give each term its own {what}"
                        )
            taxonomy.terms[kind][key] = term
    if problems:
        raise TaxonomyError("\n".join(problems))
    return taxonomy


def _read_term(
    path: Path, kind: str, key: str, entry: object, languages: tuple[str, ...], problems: list[str]
) -> Term | None:
    where = f"{path}: {kind}.{key}"
    if not isinstance(entry, dict):
        problems.append(f"{where}: must be a table with {', '.join(languages)} entries")
        return None
    labels: dict[str, str] = {}
    slugs: dict[str, str] = {}
    for lang in languages:
        names = entry.get(lang)
        if not isinstance(names, dict):
            problems.append(f'{where}.{lang}: missing — add {lang} = {{ label = "…", slug = "…" }}')
            continue
        label = str(names.get("label", "")).strip()
        slug = str(names.get("slug", "")).strip()
        if not label:
            problems.append(f"{where}.{lang}.label: missing — give the name readers see")
        if not SLUG_RE.match(slug):
            problems.append(
                f"{where}.{lang}.slug: {slug!r} is not URL-safe — use lowercase a-z, 0-9 and '-'"
            )
        labels[lang], slugs[lang] = label, slug
    if len(labels) != len(languages):
        return None
    return Term(kind=kind, key=key, labels=labels, slugs=slugs)
