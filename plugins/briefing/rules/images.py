"""Images in stories: files of the site, described for readers who cannot see them.

An image is written `![description]({static}/images/photo.jpg)`: a file in content/images/
(the site's Content-Security-Policy loads images from the site alone), with a description
that screen readers read out.
"""

from __future__ import annotations

from briefing.addresses import link_scheme
from briefing.rules.core import Context, Document, rule, shorten
from briefing.rules.links import line_of, rendered

REMOTE = rule("image-remote", __name__, "an image loaded from another site")
NOT_STATIC = rule("image-not-static", __name__, "an image not written as {static}/images/…")
NO_ALT = rule("image-no-alt", __name__, "an image without a description", waits_in_draft=True)

HOW = "![description]({static}/images/name.jpg)"


def check(doc: Document, context: Context) -> None:
    if not any(line.strip() for line in doc.body):
        return
    folder = context.model.static_folders[0] if context.model.static_folders else "images"
    for address in rendered(doc, context)[1]:
        if address.tag != "img":
            continue
        line = line_of(doc, address.value)
        source = address.value
        scheme = link_scheme(source)
        if scheme in ("http", "https") or source.startswith("//"):
            doc.report_at(
                line,
                REMOTE,
                "body",
                f'the image "{shorten(source)}" is on another site, and readers\' browsers '
                "will not load it",
                f"download it (with the right to publish it), add it to content/{folder}/ "
                f"and write {HOW.replace('images', folder)}",
            )
        elif scheme is None and not source.startswith(("{static}", "{attach}")):
            doc.report_at(
                line,
                NOT_STATIC,
                "body",
                f'the image "{shorten(source)}" is not written as a file of the site',
                f"put it in content/{folder}/ and write {HOW.replace('images', folder)}",
            )
        if not address.alt.strip():
            doc.report_at(
                line,
                NO_ALT,
                "body",
                "an image without a description",
                "describe what it shows between the brackets: ![Description of the photo](…)",
            )
