"""Goldens: the expected files some tests compare with, made by a real build or import.

- tests/sites/bilingual/expected/: the list of files the bilingual site builds to, and
  its sitemap.xml;
- tests/importer/<case>/expected/ and messages.txt: the story files the importer writes
  for each case (into a content folder holding tests/importer/taxonomy.toml), and its report;
- tests/rules/<rule-id>/expected.txt: the report `invoke check` prints for each rule's
  fixture.

The tests call the functions below and compare with the committed files; `invoke goldens`
runs this file, which rewrites them all, so that a change in the output is reviewed as a
git diff (then committed with the change that caused it, or fixed).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

from conftest import ROOT, SITES, TESTS, BuiltSite, build_site

from briefing.checker import check_content
from briefing.importer import ImportReport, import_story
from briefing.rules import RULES, format_report

BILINGUAL = SITES / "bilingual"
BILINGUAL_SITEURL = "https://example.org"
IMPORTER = TESTS / "importer"
# The categories and tags the importer's cases may name; each import's content holds it.
IMPORTER_TAXONOMY = IMPORTER / "taxonomy.toml"
# What case.json says about the raw texts rather than passes to the importer.
CASE_FACTS = ("paragraphs",)
RULE_FIXTURES = TESTS / "rules"
# How the report names the folder it wrote into, which is a new temporary one each run.
CONTENT_PLACEHOLDER = "<content>"


def build_bilingual(output: Path) -> BuiltSite:
    """The bilingual fixture site, built with the preview settings at BILINGUAL_SITEURL."""
    return build_site(BILINGUAL / "content", output, siteurl=BILINGUAL_SITEURL)


def bilingual_goldens(site: BuiltSite) -> dict[str, str]:
    """expected/'s files for a build of the bilingual site, by name."""
    files = sorted(p.relative_to(site.output).as_posix() for p in site.output.rglob("*"))
    built = [name for name in files if (site.output / name).is_file()]
    return {
        "files.txt": "".join(f"{name}\n" for name in built),
        "sitemap.xml": site.path("sitemap.xml").read_text(encoding="utf-8"),
    }


def importer_cases() -> list[str]:
    """Each folder of tests/importer/ with a case.json is one case."""
    return sorted(p.name for p in IMPORTER.iterdir() if (p / "case.json").is_file())


def case_options(name: str) -> dict:
    """case.json: the importer's options, and the facts about the raw texts (CASE_FACTS)."""
    return json.loads((IMPORTER / name / "case.json").read_text(encoding="utf-8"))


def import_case(name: str, content: Path, **overrides: object) -> ImportReport:
    """Import a case's raw files into `content` (with the cases' taxonomy), as `invoke
    import` would with case.json's options (and `overrides`)."""
    case = IMPORTER / name
    options = {k: v for k, v in case_options(name).items() if k not in CASE_FACTS}
    fr, en = options.pop("fr", None), options.pop("en", None)
    content.mkdir(parents=True, exist_ok=True)
    shutil.copy(IMPORTER_TAXONOMY, content / "taxonomy.toml")
    # Inputs are named relative to the case folder, so messages read "fr.txt: …".
    with contextlib.chdir(case):
        return import_story(
            fr=Path(fr) if fr else None,
            en=Path(en) if en else None,
            content_dir=content,
            **{**options, **overrides},
        )


def rule_content(rule_id: str, work: Path) -> Path:
    """A rule's fixture content, copied into `work` (symbolic links as links), with the
    real taxonomy if it has none, and the named pipes of fifos.txt, which git cannot hold."""
    content = work / rule_id / "content"
    shutil.copytree(RULE_FIXTURES / rule_id / "content", content, symlinks=True)
    fifos = RULE_FIXTURES / rule_id / "fifos.txt"
    for name in fifos.read_text().split() if fifos.exists() else ():
        os.mkfifo(content / name)
    if not (content / "taxonomy.toml").exists():
        shutil.copy(ROOT / "content" / "taxonomy.toml", content / "taxonomy.toml")
    return content


def rule_report(content: Path) -> str:
    """What `invoke check` prints for a rule's fixture content, as expected.txt holds it."""
    return format_report(check_content(content)) + "\n"


def report_text(report: ImportReport, content: Path) -> str:
    """The report as messages.txt holds it."""
    return "".join(f"{m.replace(str(content), CONTENT_PLACEHOLDER)}\n" for m in report.messages)


def imported_files(content: Path) -> dict[str, str]:
    """The story files an import wrote into `content` (not the taxonomy it was given)."""
    files = files_under(content)
    files.pop("taxonomy.toml", None)
    return files


def files_under(root: Path) -> dict[str, str]:
    """Every file under `root`, by path relative to it, with its text."""
    return {
        path.relative_to(root).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def rewrite(folder: Path, files: dict[str, str]) -> list[str]:
    """Make `folder` hold exactly `files`; return what changed, for the summary."""
    old = files_under(folder) if folder.is_dir() else {}
    if folder.is_dir():
        shutil.rmtree(folder)
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return [name for name in sorted(old.keys() | files.keys()) if old.get(name) != files.get(name)]


def write_all(work: Path) -> list[Path]:
    """Rewrite every golden from a build and an import into `work`; return what changed."""
    changed: list[Path] = []
    site = build_bilingual(work / "bilingual" / "output")
    expected = BILINGUAL / "expected"
    changed += [expected / name for name in rewrite(expected, bilingual_goldens(site))]
    for name in importer_cases():
        case = IMPORTER / name
        content = work / "importer" / name
        report = import_case(name, content)
        written = imported_files(content)
        changed += [case / "expected" / n for n in rewrite(case / "expected", written)]
        messages = case / "messages.txt"
        text = report_text(report, content)
        if not messages.is_file() or messages.read_text(encoding="utf-8") != text:
            messages.write_text(text, encoding="utf-8")
            changed.append(messages)
    for rule_id in sorted(RULES):
        expected = RULE_FIXTURES / rule_id / "expected.txt"
        text = rule_report(rule_content(rule_id, work / "rules"))
        if not expected.is_file() or expected.read_text(encoding="utf-8") != text:
            expected.write_text(text, encoding="utf-8")
            changed.append(expected)
    return changed


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="goldens-") as work:
        changed = write_all(Path(work))
    for path in changed:
        print(f"{'rewrote' if path.exists() else 'removed'} {path.relative_to(TESTS.parent)}")
    print(f"{len(changed)} golden file(s) changed; review them with `git diff tests/`")
    return 0


if __name__ == "__main__":
    sys.exit(main())
