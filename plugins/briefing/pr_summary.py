"""Pull-request summary: the stories a pull request adds or changes, for its reviewer.

`briefing-pr-summary --base origin/main` prints, in Markdown (CI appends it to the job
summary), one row per story or page the branch adds, changes or removes since it left
`base`: its title, language and status, what the rulebook says of it, and where to open
it in the preview the CI run attaches (`site-preview`).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from briefing.rules import check_site
from briefing.rules.core import Problem, read_document
from briefing.rules.dates import parsed_date
from briefing.site import SiteModel, find_settings, load_model

STATUS_WORDS = {"A": "added", "M": "changed", "R": "renamed", "D": "removed", "C": "copied"}


@dataclass(frozen=True)
class Change:
    status: str  # "added", "changed" …
    path: Path  # absolute


def changed_files(root: Path, base: str, content: Path) -> list[Change]:
    """The files under `content` that differ between `base` and the working tree's HEAD."""
    result = subprocess.run(
        [
            "git",
            "-C",
            str(root),
            "diff",
            "--name-status",
            "--find-renames",
            f"{base}...HEAD",
            "--",
            str(content.relative_to(root)),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    changes = []
    for line in result.stdout.splitlines():
        status, *paths = line.split("\t")
        word = STATUS_WORDS.get(status[0], status)
        changes.append(Change(word, root / paths[-1]))
    return changes


def preview_path(model: SiteModel, path: Path) -> str:
    """Where a story or page is in the preview, or "" if it is not published there."""
    location = model.locate(path)
    if location is None or not path.is_file():
        return ""
    doc = read_document(path, "", location.kind, location.lang, "", path.read_bytes())
    slug = doc.value("Slug")
    if doc.is_draft or not slug:
        return ""
    if location.kind == "page":
        site_path = model.page_path(location.lang, slug)
    else:
        parsed = parsed_date(doc)
        if parsed is None:
            return ""
        site_path = model.story_path(location.lang, parsed[0], slug)
    return site_path.lstrip("/") + ("index.html" if site_path.endswith("/") else "")


def cell(text: str) -> str:
    """Text from a story, safe in a Markdown table cell."""
    escaped = text.replace("\\", "\\\\").replace("|", "\\|")
    for character in "`*_[]<>#":
        escaped = escaped.replace(character, "\\" + character)
    return " ".join(escaped.split())


def summary(model: SiteModel, changes: Sequence[Change], problems: Sequence[Problem]) -> str:
    root = model.content.parent
    lines = ["## Stories in this pull request", ""]
    stories = [c for c in changes if model.locate(c.path) is not None]
    if not stories:
        return "\n".join([*lines, "No story or page is added, changed or removed."]) + "\n"
    lines += [
        "| file | change | title | status | check | in the preview |",
        "|---|---|---|---|---|---|",
    ]
    details = []
    for change in stories:
        shown = change.path.relative_to(root).as_posix()
        mine = [p for p in problems if p.path == shown]
        title, status = "", ""
        if change.path.is_file():
            location = model.locate(change.path)
            doc = read_document(
                change.path, shown, location.kind, location.lang, "", change.path.read_bytes()
            )
            title = doc.value("Title")
            status = "draft" if doc.is_draft else "published"
        errors = sum(p.is_error for p in mine)
        verdict = (
            "✅ no problem"
            if not mine
            else f"❌ {errors} error(s), {len(mine) - errors} warning(s)"
            if errors
            else f"⚠️ {len(mine)} warning(s)"
        )
        where = preview_path(model, change.path)
        lines.append(
            f"| `{shown}` | {change.status} | {cell(title)} | {status} | {verdict} | "
            f"{f'`{where}`' if where else '—'} |"
        )
        # In a fenced block the lines read as the check prints them; no story can close it.
        details += [str(p).replace("`", "'") for p in mine]
    if details:
        lines += ["", "### What the check says", "", "```text", *details, "```"]
    lines += ["", "Download `site-preview` from this run's artifacts and open the paths above."]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="briefing-pr-summary", description=__doc__)
    parser.add_argument("--base", default="origin/main", help="the branch the PR goes into")
    parser.add_argument("--settings", type=Path, help="the Pelican settings (pelicanconf.py)")
    args = parser.parse_args(argv)
    settings = args.settings or find_settings()
    if settings is None:
        print("pr-summary: no pelicanconf.py here or above — give --settings", file=sys.stderr)
        return 2
    model = load_model(settings)
    try:
        changes = changed_files(model.content.parent, args.base, model.content)
    except subprocess.CalledProcessError as error:
        print(f"pr-summary: git diff failed: {error.stderr.strip()}", file=sys.stderr)
        return 2
    sys.stdout.write(summary(model, changes, check_site(model)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
