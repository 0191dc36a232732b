"""The rulebook: every rule about a story or page, written once.

`invoke check` (briefing.checker) and every build (plugins/rulebook) run these rules
and print the same lines:

    content/fr/2022/x.md:4: Slug: "Visite_à_Paris" is not a valid address … [slug-not-url-safe]

Each family of rules is a small module with its rules declared by ID (see `RULES`):
files, fields, dates, corrections, drafts, language, slugs, summary, sources, taxonomy,
translations, links, markup, leftovers. A module's `check(doc, context)` judges one document; its
`check_site(context)` judges what no single file shows (two stories with one slug, a
story and its translation that disagree, a link to a story that does not exist).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from datetime import date as Date
from pathlib import Path
from typing import Any

from briefing.forked import in_shares, usable_cores
from briefing.i18n import _, ngettext
from briefing.rules import (
    corrections,
    dates,
    drafts,
    fields,
    files,
    images,
    language,
    leftovers,
    links,
    markup,
    slugs,
    sources,
    static,
    summary,
    taxonomy,
    translations,
)
from briefing.rules.core import (
    RULES,
    Context,
    Document,
    Problem,
    Rule,
    all_problems,
    fingerprint,
    problem_order,
    read_document,
)
from briefing.rules.memory import Memory
from briefing.site import SiteModel

# The order in which a document's problems are found; it breaks no ties in the report,
# which is sorted by file and line.
DOCUMENT_CHECKS = (
    fields.check,
    dates.check,
    corrections.check,
    drafts.check,
    language.check,
    slugs.check,
    summary.check,
    sources.check,
    taxonomy.check,
    markup.check,
    leftovers.check,
    links.check,
    images.check,
    translations.check,
)
SITE_CHECKS = (slugs.check_site, translations.check_site, links.check_site)
# Below this many files to check, forking costs more than sharing the work saves.
FORK_FROM = 200


def content_files(content: Path) -> list[Path]:
    """Every entry of the content folder but hidden ones, in a stable order; symbolic links
    to folders are listed, not followed."""
    found = []
    for directory, subdirectories, names in os.walk(content):
        linked = [Path(directory, d) for d in subdirectories if Path(directory, d).is_symlink()]
        subdirectories[:] = sorted(
            d
            for d in subdirectories
            if not d.startswith(".") and not Path(directory, d).is_symlink()
        )
        found += [p for p in linked if not p.name.startswith(".")]
        found += [Path(directory, name) for name in names if not name.startswith(".")]
    return sorted(found)


def load_documents(context: Context) -> None:
    """Read every story and page; check every other file; report what is neither."""
    model = context.model
    for path in content_files(model.content):
        relative = path.relative_to(model.content)
        if path.is_symlink():
            files.symlink(context, path)
            continue
        if not path.is_file():
            files.not_regular(context, path)
            continue
        location = model.locate(relative)
        if location is None:
            top = relative.parts[0]
            if relative.as_posix() in (model.taxonomy_file, *files.TOP_LEVEL_FILES):
                continue
            if len(relative.parts) > 1 and top in model.static_folders:
                static.check_file(context, path)
                continue
            files.misplaced(context, path)
            continue
        if path.suffix.lower() not in files.STORY_EXTENSIONS:
            files.not_markdown(context, path, location.kind)
            continue
        doc = read_document(
            path,
            context.shown(path),
            location.kind,
            location.lang,
            model.name(location.lang),
            path.read_bytes(),
        )
        context.documents.append(doc)


def check_site(
    model: SiteModel, *, today: Date | None = None, remember: bool = True
) -> list[Problem]:
    """Every problem in every file of the site's content folder, sorted by file and line.

    With `remember`, a file whose own checks depend on nothing but itself and the rules is
    checked again only when it changed (briefing.rules.memory)."""
    context = Context(model=model, taxonomy=None, today=today or Date.today())
    context.taxonomy = taxonomy.load(context)
    load_documents(context)
    memory = Memory.open(model, context.today) if remember else None
    pending = [
        doc for doc in context.documents if memory is None or not memory.recall(doc, context)
    ]
    for doc, found in check_documents(pending, context):
        if memory is not None:
            memory.keep(doc, context, found)
    for check in SITE_CHECKS:
        check(context)
    if memory is not None:
        memory.save()
    return sorted(all_problems(context), key=problem_order)


def check_documents(docs: list[Document], context: Context) -> list[tuple[Document, list[Problem]]]:
    """Every document check on `docs`, on every core when they are many (briefing.forked);
    each document with the problems its checks found."""
    processes = usable_cores() if len(docs) >= FORK_FROM else 1
    shares = in_shares(
        range(len(docs)),
        lambda indexes: _check_share(docs, indexes, context),
        processes,
        what="rulebook: checking files",
    )
    done = []
    for number, share in enumerate(shares):
        for index, found, addresses in share:
            doc = docs[index]
            if number:  # checked in another process: this one learns what it found
                doc.problems.extend(found)
                if addresses is not None:
                    context.cache[("links.rendered", doc.path)] = ("", addresses)
            done.append((index, doc, found))
    return [(doc, found) for _, doc, found in sorted(done, key=lambda item: item[0])]


def _check_share(
    docs: list[Document], indexes: list[int], context: Context
) -> list[tuple[int, list[Problem], Any]]:
    results = []
    for index in indexes:
        doc = docs[index]
        before = len(doc.problems)
        for check in DOCUMENT_CHECKS:
            check(doc, context)
        rendered = context.cache.get(("links.rendered", doc.path))
        results.append((index, doc.problems[before:], rendered[1] if rendered else None))
    return results


def format_report(problems: Sequence[Problem]) -> str:
    """One line per problem, then a line counting them; nothing at all when all is well."""
    if not problems:
        return ""
    errors = sum(problem.is_error for problem in problems)
    warnings = len(problems) - errors
    counted = {
        "errors": ngettext("{n} error", "{n} errors", errors).format(n=errors),
        "warnings": ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings),
    }
    if not errors:
        last = _("No errors; {warnings} to read: they do not stop publishing.")
    else:
        last = _("{errors} and {warnings}: fix every error, then run the check again.")
    return "\n".join([*(str(problem) for problem in problems), last.format(**counted)])


def exit_code(problems: Iterable[Problem]) -> int:
    """1 when any problem is an error (the site must not be published), else 0."""
    return 1 if any(problem.is_error for problem in problems) else 0


__all__ = [
    "RULES",
    "Document",
    "Problem",
    "Rule",
    "check_site",
    "exit_code",
    "fingerprint",
    "format_report",
]
