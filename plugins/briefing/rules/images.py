"""Images in stories: files of the site, described for readers who cannot see them.

An image is written `![description]({static}/images/photo.jpg)`: a file in content/images/
(the site's Content-Security-Policy loads images from the site alone), with a description
that screen readers read out.
"""

from __future__ import annotations

from briefing.addresses import link_scheme
from briefing.i18n import _
from briefing.rules.core import Context, Document, rule, shorten
from briefing.rules.links import line_of, rendered

REMOTE = rule("image-remote", __name__, "an image loaded from another site")
NOT_STATIC = rule("image-not-static", __name__, "an image not written as {static}/images/…")
NO_ALT = rule("image-no-alt", __name__, "an image without a description", waits_in_draft=True)


def check(doc: Document, context: Context) -> None:
    if not any(line.strip() for line in doc.body):
        return
    folder = context.model.static_folders[0] if context.model.static_folders else "images"
    how = _("![description]({{static}}/{folder}/name.jpg)").format(folder=folder)
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
                _("body"),
                _(
                    'the image "{image}" is on another site, and readers\' browsers will not '
                    "load it"
                ).format(image=shorten(source)),
                _(
                    "download it (with the right to publish it), add it to content/{folder}/ "
                    "and write {how}"
                ).format(folder=folder, how=how),
            )
        elif scheme is None and not source.startswith(("{static}", "{attach}")):
            doc.report_at(
                line,
                NOT_STATIC,
                _("body"),
                _('the image "{image}" is not written as a file of the site').format(
                    image=shorten(source)
                ),
                _("put it in content/{folder}/ and write {how}").format(folder=folder, how=how),
            )
        if not address.alt.strip():
            doc.report_at(
                line,
                NO_ALT,
                _("body"),
                _("an image without a description"),
                _("describe what it shows between the brackets: ![Description of the photo](…)"),
            )
