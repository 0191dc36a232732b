"""Rules for addresses, shared by the story reader (which refuses at build time), the story
checker (which explains) and the taxonomy: what a slug may contain, and which link
schemes a story may use."""

from __future__ import annotations

import html
import re

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SAFE_SCHEMES = ("http", "https", "mailto")
_SCHEME_RE = re.compile(r"^([a-z][a-z0-9+.-]*):")


def link_scheme(url: str) -> str | None:
    """The scheme a browser would read in `url`, or None for a relative address.

    Browsers decode entities and drop whitespace and control characters before reading
    the scheme, so "jav&#x61;script:" and "java\\tscript:" are still javascript.
    """
    decoded = html.unescape(url)
    cleaned = "".join(c for c in decoded if c.isprintable() and not c.isspace()).lower()
    match = _SCHEME_RE.match(cleaned)
    return match[1] if match else None


def is_safe_url(url: str) -> bool:
    """Relative addresses, Pelican's {filename}/{static} links and web addresses only."""
    scheme = link_scheme(url)
    return scheme is None or scheme in SAFE_SCHEMES
