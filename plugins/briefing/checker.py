"""Story checker: every problem in every story and page at once, one line each.

    content/fr/2022/x.md:2: Date: "17/03/2022" is not a valid date — write it as … [date-invalid]

Each line names the file, the line, the field, what is wrong, how to fix it and the rule
(briefing.rules). Warnings (a draft, raw HTML shown as text, a translation older than its
original) do not stop publishing; errors do. Every build runs the same rules and prints
the same lines (plugins/rulebook); this command runs them alone, faster than a build.

`briefing-check [content]` (or `invoke check`) exits with 1 when there is an error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date as Date
from pathlib import Path

from briefing.i18n import _, use_language
from briefing.rules import RULES, check_site, exit_code, format_report
from briefing.rules.core import Document, Problem, fingerprint
from briefing.rules.core import read_document as _read
from briefing.site import Kind, SiteSettingsError, find_settings, model_for_content


def check_content(
    content: Path, *, today: Date | None = None, settings: Path | None = None
) -> list[Problem]:
    """Every problem in every file of `content`, sorted by file and line."""
    return check_site(model_for_content(content, settings), today=today)


def read_document(path: Path, kind: Kind = "story", lang: str = "") -> Document:
    """A story or page file as the rules read it (for the editor tools)."""
    return _read(path, path.as_posix(), kind, lang, lang, path.read_bytes())


def content_hash(path: Path) -> str:
    """The fingerprint of a story's text, recorded by its translation (Translated_from)."""
    return fingerprint(read_document(path))


def _date_argument(value: str) -> Date:
    try:
        return Date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{value!r} is not a date: write YYYY-MM-DD").format(value=value)
        ) from None


def main(argv: Sequence[str] | None = None) -> int:
    """Check a content folder, print the report, return the exit status."""
    parser = argparse.ArgumentParser(
        prog="briefing-check",
        description="Check every story and page; print one line per problem.",
    )
    parser.add_argument("content", type=Path, nargs="?", default=None)
    parser.add_argument("--settings", type=Path, help="the Pelican settings (pelicanconf.py)")
    parser.add_argument("--today", type=_date_argument, help="check dates against this day")
    parser.add_argument("--rules", action="store_true", help="list every rule and stop")
    parser.add_argument("--messages", help="the language of the report (en, fr)")
    args = parser.parse_args(argv)
    use_language(args.messages)
    if args.rules:
        for rule in sorted(RULES.values(), key=lambda r: (r.family, r.id)):
            waits = " (a warning in a draft)" if rule.waits_in_draft else ""
            print(f"{rule.id:34} {rule.severity:8} {rule.family:13} {rule.description}{waits}")
        return 0
    content = args.content
    if content is None:
        found = find_settings()
        content = found.parent / "content" if found else Path("content")
    if not content.is_dir():
        print(
            _("{path}: no such folder — give the content folder, e.g. content").format(path=content)
        )
        return 2
    try:
        problems = check_content(content, today=args.today, settings=args.settings)
    except SiteSettingsError as error:
        print(error)
        return 2
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
    report = format_report(problems)
    if report:
        print(report)
    return exit_code(problems)


__all__ = ["Problem", "check_content", "content_hash", "main", "read_document"]

if __name__ == "__main__":
    sys.exit(main())
