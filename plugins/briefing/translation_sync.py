"""Translations that stay in step with their original.

A translation records, in `Translated_from:`, the fingerprint of the original's text it
was made from (briefing.rules.core.fingerprint). When the original changes, the check
warns (rule translation-stale). Two tools close the loop without copying any hash:

- `mark_translated(translation)` records that the translation is up to date with the
  original as it is now (`invoke translated FILE`);
- `refresh(translation)` finds, in git's history, the version of the original the
  translation was made from, shows what changed since, paragraph by paragraph, and marks
  the translation where it needs work, with "TO TRANSLATE:" blocks the check reports
  until they are translated (`invoke retranslate FILE`).
"""

from __future__ import annotations

import difflib
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from briefing.i18n import _
from briefing.rules.core import Document, fingerprint, read_document
from briefing.rules.drafts import TO_TRANSLATE, marker_prefix
from briefing.site import SiteModel, model_for_content


def to_translate() -> str:
    return marker_prefix(TO_TRANSLATE)


class TranslationSyncError(Exception):
    """The translation cannot be brought in step; the message says why and what to do."""


@dataclass(frozen=True)
class Pair:
    translation: Document
    original: Document


def find_pair(content: Path, path: Path) -> Pair:
    """A translation and its original: the other language's story with the same key."""
    model = model_for_content(content)
    translation = _read(model, path.resolve())
    key = translation.value("Translation_key")
    if not key:
        raise TranslationSyncError(
            _("{path} has no Translation_key").format(path=translation.shown)
        )
    for kind, lang, folder in model.content_folders():
        if kind != translation.kind or lang == translation.folder_lang:
            continue
        for candidate in sorted(folder.rglob("*.md")):
            doc = _read(model, candidate)
            if doc.value("Translation_key") == key:
                return Pair(translation, doc)
    raise TranslationSyncError(
        _("{path}: no story in another language has Translation_key {key}").format(
            path=translation.shown, key=key
        )
    )


def _read(model: SiteModel, path: Path) -> Document:
    location = model.locate(path)
    if location is None or not path.is_file():
        raise TranslationSyncError(
            _("{path} is not a story or page of {content}").format(path=path, content=model.content)
        )
    shown = path.relative_to(model.content.parent).as_posix()
    return read_document(
        path, shown, location.kind, location.lang, model.name(location.lang), path.read_bytes()
    )


# --------------------------------------------------------------------------- up to date


def set_field(path: Path, name: str, value: str) -> None:
    """Write `Name: value` in a file's fields, replacing the line or adding it last."""
    lines = path.read_text(encoding="utf-8").split("\n")
    field_re = re.compile(rf"^{re.escape(name)}\s*:", re.I)
    end = lines.index("") if "" in lines else len(lines)
    for index in range(end):
        if field_re.match(lines[index]):
            lines[index] = f"{name}: {value}"
            break
    else:
        lines.insert(end, f"{name}: {value}")
    path.write_text("\n".join(lines), encoding="utf-8", newline="\n")


def mark_translated(content: Path, path: Path) -> str:
    """Record that the translation at `path` says what its original says now."""
    pair = find_pair(content, path)
    if pair.translation.value("Translated_from") == "" and pair.original.value("Translated_from"):
        raise TranslationSyncError(
            _("{path} is the original of {other}; run this on the translation, {other}").format(
                path=pair.translation.shown, other=pair.original.shown
            )
        )
    current = fingerprint(pair.original)
    set_field(path, "Translated_from", current)
    return _("{path}: up to date with {original} ({fingerprint})").format(
        path=pair.translation.shown, original=pair.original.shown, fingerprint=current
    )


# --------------------------------------------------------------------------- refresh


def paragraphs(doc: Document) -> list[str]:
    text = "\n".join(line.rstrip() for line in doc.body).strip("\n")
    return [p for p in re.split(r"\n\s*\n", text) if p.strip()]


def history_version(path: Path, wanted: str, model: SiteModel) -> Document | None:
    """The version of `path` in git's history whose fingerprint is `wanted`, if any."""
    root = model.content.parent
    command = ["git", "-C", str(root), "log", "--follow", "--format=commit %H", "--name-only"]
    try:
        log = subprocess.run(
            [*command, "--", str(path)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (subprocess.CalledProcessError, FileNotFoundError):
        return None
    versions: list[tuple[str, str]] = []  # (commit, the file's name in it), newest first
    for line in log.splitlines():
        if line.startswith("commit "):
            versions.append((line.removeprefix("commit "), ""))
        elif line.strip() and versions:
            versions[-1] = (versions[-1][0], line.strip())
    for commit, name in versions:
        shown = subprocess.run(
            ["git", "-C", str(root), "show", f"{commit}:{name}"], capture_output=True, check=False
        )
        if shown.returncode != 0:
            continue  # the commit removed the file
        doc = read_document(path, name, "story", "", "", shown.stdout)
        if fingerprint(doc) == wanted:
            return doc
    return None


@dataclass
class Refresh:
    report: list[str]  # the diff and what was done, for the terminal
    changed: bool


def refresh(content: Path, path: Path) -> Refresh:
    """Show what changed in the original since the translation was made; mark the
    translation's paragraphs, title and summary that need translating again."""
    model = model_for_content(content)
    pair = find_pair(content, path)
    recorded = pair.translation.value("Translated_from")
    current = fingerprint(pair.original)
    if not recorded:
        raise TranslationSyncError(
            _(
                "{path} records no Translated_from: run `invoke translated {path}` once it says "
                "what {original} says"
            ).format(path=pair.translation.shown, original=pair.original.shown)
        )
    if recorded == current:
        up_to_date = _("{path} is up to date with {original}").format(
            path=pair.translation.shown, original=pair.original.shown
        )
        return Refresh([up_to_date], False)
    old = history_version(pair.original.path, recorded, model)
    if old is None:
        raise TranslationSyncError(
            _(
                "the version of {original} this translation was made from ({fingerprint}) is not "
                "in git's history: compare the two files by hand, then run `invoke translated "
                "{path}`"
            ).format(
                original=pair.original.shown, fingerprint=recorded, path=pair.translation.shown
            )
        )
    report = [
        _("{original} changed since {path} was translated:").format(
            original=pair.original.shown, path=pair.translation.shown
        )
    ]
    report += _field_changes(old, pair, path)
    report += _body_changes(old, pair, path)
    return Refresh(report, True)


def _field_changes(old: Document, pair: Pair, path: Path) -> list[str]:
    report = []
    for name in ("Title", "Summary"):
        before, after = old.value(name), pair.original.value(name)
        if before != after:
            report += [f"  {name}:", f"  - {before}", f"  + {after}"]
            said = _("(the translation said: {text})").format(text=pair.translation.value(name))
            report += [f"    {said}"]
            set_field(path, name, to_translate() + after)
    return report


def _body_changes(old: Document, pair: Pair, path: Path) -> list[str]:
    """The paragraph diff of the original; the same places marked in the translation,
    whose paragraphs follow the original's one for one."""
    before, after = paragraphs(old), paragraphs(pair.original)
    mine = paragraphs(pair.translation)
    report: list[str] = []
    result: list[str] = []
    kept_until = 0
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        result += mine[kept_until:i2] if tag != "delete" else mine[kept_until:i1]
        kept_until = i2
        if tag == "equal":
            continue
        report += ["  " + _("paragraph {number}:").format(number=i1 + 1)]
        report += [f"  - {p}" for p in before[i1:i2]]
        report += [f"  + {p}" for p in after[j1:j2]]
        if tag == "delete":
            removed = _("(removed from the original: delete this paragraph)")
            result += [f"{to_translate()}{removed} {p}" for p in mine[i1:i2]]
        else:
            result += [to_translate() + p for p in after[j1:j2]]
    result += mine[kept_until:]
    text = path.read_text(encoding="utf-8").split("\n")
    end = text.index("") if "" in text else len(text)
    path.write_text(
        "\n".join(text[: end + 1]) + "\n" + "\n\n".join(result) + "\n",
        encoding="utf-8",
        newline="\n",
    )
    return report
