"""What a rendered page is made of, as one fingerprint: a page whose fingerprint has not
changed since it was last written need not be rendered again.

A page is one template rendered with one context. The fingerprint covers

- the build key: the theme's files, the run's settings, the taxonomy, the language and
  the versions of Pelican and Jinja2 (the code itself names the cache folder, see
  CACHE_PATH in pelicanconf.py): a change to any of them changes every page;
- the names the template (with everything it extends, includes and imports) reads from
  its context, found in the templates' source with jinja2.meta, and the value of each;
- what the template's globals read from outside the context, given by the caller (the
  counterparts plugin's language links and translations).

Values are digested by what they hold, never by where they live in memory:

- a story or page that the context names directly (`article`, `page`) by everything it
  holds: its source text as read, its address, every field a plugin added, and, when its
  text links to other files, the text with those links resolved;
- a story or page met anywhere else (in a listing, as a related story, as a translation)
  by its card: every field but its text, with the stories it names by their own fields,
  and the stories those name by source and address.
  A template that shows the text of a story it did not get as `article` or `page` makes
  cards carry the text too (`text_in_cards`);
- a category, tag or author by its name, slug, address and taxonomy term;
- a paginator by its shape (name, address, count, page size), not by the list it splits:
  the stories of a page come from that page (`articles_page.object_list`);
- anything else by its type and its public attributes; a value that cannot be digested by
  content makes the page always rendered (`Unknowable`).
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import types
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from jinja2 import Environment, meta, nodes
from markupsafe import Markup
from pelican.contents import Content
from pelican.paginator import Page, Paginator
from pelican.urlwrappers import URLWrapper
from pelican.utils import SafeDatetime

# Attributes that are the machinery of a content object, not what it shows.
# (Its files are named by their path in the content folder: a moved checkout is the same site.)
_MACHINERY = frozenset({"settings", "_context", "_content", "metadata", "source_path"})
# Names whose content objects are shown whole (text included) by the templates.
WHOLE = frozenset({"article", "page"})
_ABSENT = b"\x00absent"
# Types whose repr is their whole content (a Markup is a str; a SafeDatetime a datetime).
_PLAIN = frozenset(
    {str, Markup, int, float, bool, type(None), datetime.date, datetime.datetime, SafeDatetime}
)
_MAX_DEPTH = 6


class Unknowable(ValueError):
    """A value whose digest would depend on more than its content."""


# One template's parse: its tree, the context names it reads itself, the templates it uses.
Parsed = tuple[nodes.Template, set[str], list[str | None]]


def parse(environment: Environment, name: str, parsed: dict[str, Parsed]) -> Parsed:
    """Template `name` parsed once per `parsed` (parsing is the slow part)."""
    if name not in parsed:
        tree = environment.parse(environment.loader.get_source(environment, name)[0])
        parsed[name] = (
            tree,
            meta.find_undeclared_variables(tree),
            list(meta.find_referenced_templates(tree)),
        )
    return parsed[name]


def template_names(
    environment: Environment, name: str, parsed: dict[str, Parsed] | None = None
) -> frozenset[str] | None:
    """The context names that template `name` and every template it uses can read; None
    when a template is named at render time, so that anything may be read."""
    parsed = {} if parsed is None else parsed
    names: set[str] = set()
    seen: set[str] = set()
    pending = [name]
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        _, own, referenced = parse(environment, current, parsed)
        names |= own
        if None in referenced:
            return None
        pending.extend(referenced)
    return frozenset(names)


def text_in_cards(
    environment: Environment, templates: Iterable[str], parsed: dict[str, Parsed] | None = None
) -> bool:
    """Whether a template shows the text (`.content`) of a story it did not get whole."""
    parsed = {} if parsed is None else parsed
    for name in templates:
        tree = parse(environment, name, parsed)[0]
        for node in tree.find_all(nodes.Getattr):
            whole = isinstance(node.node, nodes.Name) and node.node.name in WHOLE
            if node.attr in ("content", "get_content", "_content") and not whole:
                return True
    return False


class Digester:
    """Digests of values for one build; each object is digested once (by identity, which
    is stable while the build holds the object)."""

    def __init__(self, build_key: bytes, *, cards_with_text: bool = False) -> None:
        self.build_key = build_key
        self.cards_with_text = cards_with_text
        self._memo: dict[tuple[int, str], tuple[Any, bytes]] = {}

    def page(
        self,
        template: str,
        output: str,
        context: Mapping[str, Any],
        names: Iterable[str] | None,
        outside: Iterable[Any] = (),
    ) -> str:
        """The fingerprint of the page `output`, rendered from `template` with `context`."""
        parts = [self.build_key, f"\x00{template}\x00{output}".encode()]
        for name in sorted(context if names is None else names):
            parts.append(b"\x01" + name.encode())
            if name not in context:
                parts.append(_ABSENT)
            elif name in WHOLE and isinstance(context[name], Content):
                parts.append(self.whole(context[name]))
            else:
                parts.append(self.value(context[name]))
        parts += [b"\x02" + self.value(value) for value in outside]
        return hashlib.sha1(b"".join(parts)).hexdigest()

    def value(self, value: Any, depth: int = 0) -> bytes:
        """A digest of `value`, by content."""
        if value is None or isinstance(value, bool | int | float):
            return f"{type(value).__name__}:{value!r}".encode()
        if isinstance(value, str):
            # Settings reach every page as the same objects: digest each once.
            key = (id(value), "str")
            if key not in self._memo:
                text = value.encode("utf-8", "surrogatepass")
                self._memo[key] = (value, b"s" + hashlib.sha1(text).digest())
            return self._memo[key][1]
        if isinstance(value, bytes):
            return b"b" + hashlib.sha1(value).digest()
        if isinstance(value, datetime.date | datetime.time):
            tz = getattr(value, "tzinfo", None)
            return f"t:{value.isoformat()}:{tz}".encode()
        if isinstance(value, types.FunctionType | types.BuiltinFunctionType | type):
            return f"f:{value.__module__}.{value.__qualname__}".encode()
        if isinstance(value, types.ModuleType):
            return f"m:{value.__name__}".encode()
        if depth > _MAX_DEPTH:
            raise Unknowable(f"{type(value).__name__} nested deeper than {_MAX_DEPTH}")
        key = (id(value), "value")
        if key in self._memo:
            return self._memo[key][1]
        result = self._compound(value, depth)
        self._memo[key] = (value, result)
        return result

    def whole(self, content: Content) -> bytes:
        """A story or page as its own page shows it: its card, its text, its links."""
        key = (id(content), "whole")
        if key not in self._memo:
            digest = hashlib.sha1(self._fields(content, 2))
            text = content._content or ""
            digest.update(text.encode("utf-8", "surrogatepass"))
            if _links_to_files(content, text):
                # Links to other files are resolved when rendered: their target's address
                # is part of the page.
                siteurl = content._context.get("localsiteurl", "") if content._context else ""
                digest.update(content.get_content(siteurl).encode("utf-8", "surrogatepass"))
            self._memo[key] = (content, digest.digest())
        return self._memo[key][1]

    def card(self, content: Content) -> bytes:
        """A story or page as a listing shows it: every field; the stories it names (its
        related stories, its translations) by their own fields, and the stories those
        name by reference."""
        return self.whole(content) if self.cards_with_text else self._fields(content, 2)

    def _fields(self, content: Content, level: int) -> bytes:
        if level == 0:
            return self.reference(content)
        key = (id(content), f"fields{level}")
        if key not in self._memo:
            parts = [self.reference(content)]
            for name, item in sorted(vars(content).items()):
                if name in _MACHINERY or name.startswith("__"):
                    continue
                if type(item) in _PLAIN:  # most fields: their repr says all, and is quick
                    parts.append(f"\x03{name}={item!r}".encode("utf-8", "surrogatepass"))
                else:
                    parts.append(b"\x03" + name.encode() + self._field(item, level - 1))
            self._memo[key] = (content, hashlib.sha1(b"".join(parts)).digest())
        return self._memo[key][1]

    def reference(self, content: Content) -> bytes:
        """A story or page named by another: which file, at which address."""
        key = (id(content), "reference")
        if key not in self._memo:
            named = (
                f"c:{type(content).__name__}:{content.relative_source_path}:{content.lang}"
                f":{content.url}:{content.save_as}:{content.status}"
            )
            self._memo[key] = (content, named.encode())
        return self._memo[key][1]

    def _field(self, value: Any, level: int) -> bytes:
        """A field of a story: the stories it holds at `level` (see card)."""
        if isinstance(value, Content):
            return self._fields(value, level)
        if isinstance(value, list | tuple) and any(isinstance(v, Content) for v in value):
            return b"".join(self._field(v, level) for v in value)
        if isinstance(value, Mapping) and any(isinstance(v, Content) for v in value.values()):
            return b"".join(
                repr(k).encode() + self._field(v, level) for k, v in sorted(value.items())
            )
        return self.value(value, 1)

    def _compound(self, value: Any, depth: int) -> bytes:
        digest = hashlib.sha1(type(value).__qualname__.encode())
        if dataclasses.is_dataclass(value) and " at 0x" not in (shown := repr(value)):
            # A record of plain values (a page's language links): its repr is its content.
            digest.update(shown.encode("utf-8", "surrogatepass"))
        elif isinstance(value, Content):
            digest.update(self.card(value))
        elif isinstance(value, URLWrapper):
            # By what it shows: whether its name was set by a plugin or read back from
            # Pelican's cache leaves different attributes behind.
            shape = (value.name, value.slug, value.url, value.save_as)
            digest.update(repr(shape).encode())
            if getattr(value, "term", None) is not None:
                digest.update(self.value(value.term, depth + 1))
        elif isinstance(value, Paginator):
            shape = (value.name, value.url, value.count, value.per_page, value.orphans)
            digest.update(repr(shape).encode())
        elif isinstance(value, Page):
            digest.update(repr((value.number, value.full_name, value.base_url)).encode())
            digest.update(self.value(value.paginator, depth + 1))
            digest.update(self.value(value.object_list, depth + 1))
        elif isinstance(value, Mapping):
            items = sorted((repr(k), v) for k, v in value.items())
            for name, item in items:
                digest.update(b"\x04" + name.encode() + self.value(item, depth + 1))
        elif isinstance(value, set | frozenset):
            for part in sorted(self.value(item, depth + 1) for item in value):
                digest.update(part)
        elif isinstance(value, list | tuple):
            for item in value:
                digest.update(b"\x05" + self.value(item, depth + 1))
        elif isinstance(value, Callable):  # bound methods, partials, callable objects
            digest.update(_callable_name(value).encode())
        elif hasattr(value, "__dict__"):
            for name, item in sorted(vars(value).items()):
                if name.startswith("_") or name == "settings":
                    continue
                digest.update(b"\x06" + name.encode() + self.value(item, depth + 1))
        else:
            text = repr(value)
            if " at 0x" in text:
                raise Unknowable(f"{type(value).__name__} has no content to digest")
            digest.update(text.encode())
        return digest.digest()


def _callable_name(value: Any) -> str:
    function = getattr(value, "__func__", None) or getattr(value, "func", None) or value
    name = getattr(function, "__qualname__", None) or type(function).__qualname__
    return f"{getattr(function, '__module__', '')}.{name}"


def _links_to_files(content: Content, text: str) -> bool:
    if "{" not in text and "|" not in text:
        return False
    return content._get_intrasite_link_regex().search(text) is not None
