"""French typography: no-break spaces before high punctuation and inside guillemets.

Only spaces the author typed are made unbreakable (and guillemets always get one), so
URLs, times such as 10:30 and code are never touched.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"
NNBSP = "\u202f"  # narrow no-break space, the usual choice before ; ! ?

_BEFORE_HIGH_PUNCT = re.compile(r"[ \u00a0\u202f\t]+([;!?])")
_BEFORE_COLON = re.compile(r"[ \u00a0\u202f\t]+:(?=\s|$)")
_AFTER_OPENING = re.compile(r"«[ \u00a0\u202f\t]*")
_BEFORE_CLOSING = re.compile(r"[ \u00a0\u202f\t]*»")


def french_spacing(text: str) -> str:
    """Return text with French no-break spaces; idempotent."""
    if not text:
        return text
    text = _BEFORE_HIGH_PUNCT.sub(NNBSP + r"\1", text)
    text = _BEFORE_COLON.sub(NBSP + ":", text)
    text = _AFTER_OPENING.sub("«" + NBSP, text)
    return _BEFORE_CLOSING.sub(NBSP + "»", text)
