"""What the rules found in each file, remembered until the file or the rules change.

Checking a story costs a Markdown rendering and a dozen rule families; a build checks
every file of the site, so one edited story cost the check of thousands. The problems a
story's own checks find (DOCUMENT_CHECKS) depend only on

- the file's text, path, kind and folder;
- the rules (the briefing package's code and catalogs), the site's settings, the taxonomy,
  today's date and the language the messages are written in;

except when its text links to other files (`{filename}`, `{static}` …: what they find
depends on those files), which is why a file whose text holds "{", "|" or "&" is checked
every time. Everything else is remembered in `rulebook.pickle` in the build's cache
folder, written whole or not at all, and forgotten as a whole when any of the above
changes. The checks that compare files (SITE_CHECKS) always run.

A remembered file gets back its problems and the addresses its rendering holds, which the
links family's site check reads.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path
from typing import Any

from briefing.atomic import write_atomic
from briefing.i18n import current_language
from briefing.rules.core import Context, Document, Problem
from briefing.site import SiteModel

FILE_NAME = "rulebook.pickle"
FORMAT = "briefing-rulebook-memory-1"
# Characters without which a text cannot link to another file of the site: Pelican's
# {filename} and |filename| forms, and HTML entities that may spell them.
LINK_MARKS = ("{", "|", "&")
PACKAGE = Path(__file__).resolve().parents[1]


@dataclass
class Memory:
    path: Path | None
    key: str
    entries: dict[str, tuple[list[Problem], Any]] = field(default_factory=dict)
    kept: dict[str, tuple[list[Problem], Any]] = field(default_factory=dict)

    @classmethod
    def open(cls, model: SiteModel, today: Date) -> Memory:
        folder = cache_folder(model)
        key = rules_key(model, today)
        if folder is None:
            return cls(None, key)
        path = folder / FILE_NAME
        try:
            data = pickle.loads(path.read_bytes())
            if data["format"] == FORMAT and data["key"] == key:
                return cls(path, key, data["entries"])
        except (
            OSError,
            EOFError,
            pickle.UnpicklingError,
            KeyError,
            TypeError,
            ValueError,
            AttributeError,
            ImportError,
        ):
            pass  # nothing remembered, or nothing usable: every file is checked
        return cls(path, key)

    def recall(self, doc: Document, context: Context) -> bool:
        """Give `doc` the problems its checks found last time; False if it must be checked."""
        name = document_key(doc)
        if name is None or name not in self.entries:
            return False
        problems, addresses = self.entries[name]
        doc.problems.extend(problems)
        if addresses is not None:
            # What the links family's site check reads of a rendering (see links.rendered).
            context.cache[("links.rendered", doc.path)] = ("", addresses)
        self.kept[name] = (problems, addresses)
        return True

    def keep(self, doc: Document, context: Context, found: list[Problem]) -> None:
        name = document_key(doc)
        if name is None:
            return
        rendered = context.cache.get(("links.rendered", doc.path))
        self.kept[name] = (found, rendered[1] if rendered else None)

    def save(self) -> None:
        """Remember this check's files (only them: removed files are forgotten)."""
        if self.path is None or self.kept == self.entries:
            return
        data = {"format": FORMAT, "key": self.key, "entries": self.kept}
        # A check need not be remembered: if it cannot be, the next one checks every file.
        with contextlib.suppress(OSError):
            write_atomic(self.path, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))


def document_key(doc: Document) -> str | None:
    """What a file's own checks depend on, or None if they depend on other files too."""
    if any(mark in doc.text for mark in LINK_MARKS):
        return None
    digest = hashlib.sha1(f"{doc.shown}\0{doc.kind}\0{doc.folder_lang}\0".encode())
    digest.update(doc.text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def rules_key(model: SiteModel, today: Date) -> str:
    digest = hashlib.sha1(f"{FORMAT}\0{today.isoformat()}\0{current_language()}\0".encode())
    for path in sorted([*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.po")]):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0")
        digest.update(hashlib.sha1(path.read_bytes()).digest())
    digest.update(repr(_plain_model(model)).encode())
    try:
        digest.update(model.taxonomy_path.read_bytes())
    except OSError:
        digest.update(b"no taxonomy")
    return digest.hexdigest()


def cache_folder(model: SiteModel) -> Path | None:
    cache = model.languages[model.main_lang].settings.get("CACHE_PATH")
    return Path(cache) if cache else None


def _plain_model(model: SiteModel) -> Any:
    """The model as plain values (settings that are functions or objects left out)."""
    languages = {
        code: (language.name, _plain(dict(language.settings)))
        for code, language in model.languages.items()
    }
    return (
        str(model.content),
        model.main_lang,
        model.taxonomy_file,
        model.static_folders,
        model.theme_static_dir,
        model.slug_max,
        model.summary_max,
        languages,
    )


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, dict):
        return sorted((str(k), _plain(v)) for k, v in value.items())
    if isinstance(value, list | tuple | set | frozenset):
        items = [_plain(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, set | frozenset) else items
    return type(value).__qualname__
