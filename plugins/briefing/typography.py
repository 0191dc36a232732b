"""Typography per language.

French: no-break spaces before high punctuation and inside guillemets. Only spaces the
author typed are made unbreakable (and guillemets always get one), so URLs, times such as
10:30 and code are never touched.

English: curly quotes, apostrophes and dashes, by Python-Markdown's smarty extension,
which leaves code spans, code blocks and link addresses alone.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions.smarty import SmartyExtension
from markdown.util import HTML_PLACEHOLDER_RE

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


# --------------------------------------------------------------------------- English

# Python-Markdown's smarty extension does English punctuation: quotes, apostrophes, dashes
# and ellipses. Its substitutions default to HTML entities; characters serve both the HTML
# and the plain-text fields (titles, summaries), which templates escape themselves.
ENGLISH_SUBSTITUTIONS = {
    "left-single-quote": "‘",
    "right-single-quote": "’",
    "left-double-quote": "“",
    "right-double-quote": "”",
    "mdash": "—",
    "ndash": "–",
    "ellipsis": "…",
}


def smarty_extension() -> SmartyExtension:
    """smarty with character substitutions; angled quotes stay off (they re-enable the raw
    HTML pattern the stories' Markdown switches off)."""
    return SmartyExtension(substitutions=ENGLISH_SUBSTITUTIONS, smart_angled_quotes=False)


_TEXT_MARKDOWN: list[Markdown] = []


def english_punctuation(text: str) -> str:
    """Curly quotes, apostrophes, dashes and ellipses in a plain-text field (a title, a
    summary), by smarty's own rules: the field is not Markdown, so only smarty runs."""
    if not text:
        return text
    if not _TEXT_MARKDOWN:
        _TEXT_MARKDOWN.append(Markdown(extensions=[smarty_extension()]))
    md = _TEXT_MARKDOWN[0]
    md.reset()
    root = etree.Element("div")
    etree.SubElement(root, "p").text = text
    md.treeprocessors["smarty"].run(root)
    # smarty stashes each substitution; put the characters back in place.
    blocks = md.htmlStash.rawHtmlBlocks
    return HTML_PLACEHOLDER_RE.sub(lambda m: str(blocks[int(m.group(1))]), root[0].text or "")
