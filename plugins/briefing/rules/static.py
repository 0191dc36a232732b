"""Static files: what a story may show besides its text, checked by what it is.

Only raster images are published from the static folders (content/images/): PNG, JPEG,
GIF, WebP and AVIF, each opened with Pillow to make sure the file is the image its name
says. Everything else is refused, SVG included: an SVG is a document that can carry
scripts and links, and opened directly from the site's own address it would run them (a
`<meta>` Content-Security-Policy covers the HTML pages, not the files served beside them).
Charts and logos export to PNG or WebP as well.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from briefing.i18n import _
from briefing.rules.core import Context, rule

TYPE_NOT_ALLOWED = rule(
    "static-type-not-allowed", __name__, "a file in a static folder that is not a raster image"
)
NOT_AN_IMAGE = rule(
    "static-not-an-image", __name__, "a file named as an image that is not that image"
)

# Extension -> the format Pillow must find in the file.
RASTER_FORMATS = {
    ".png": "PNG",
    ".jpg": "JPEG",
    ".jpeg": "JPEG",
    ".gif": "GIF",
    ".webp": "WEBP",
    ".avif": "AVIF",
}


def image_format(path: Path) -> str | None:
    """The format Pillow reads in the file, or None if it is no image it can verify."""
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                found = image.format
                image.verify()  # reads the whole structure, checksums included
        return found
    except (UnidentifiedImageError, Image.DecompressionBombWarning, OSError, ValueError):
        return None
    except Image.DecompressionBombError:
        return None


def check_file(context: Context, path: Path) -> None:
    """A file of a static folder: allowed by its name, and truly what its name says."""
    extension = path.suffix.lower()
    kinds = ", ".join(sorted({e.lstrip(".") for e in RASTER_FORMATS}))
    if extension not in RASTER_FORMATS:
        if extension == ".svg":
            message = _(
                "{kind} is not published: an SVG image can carry scripts, which would run on "
                "the site's own address"
            )
        else:
            message = _("{kind} is not published: only images are published from this folder")
        context.report(
            path,
            1,
            TYPE_NOT_ALLOWED,
            _("file"),
            message.format(kind=extension or _("a file without extension")),
            _("export it as one of {kinds} (a chart or logo as PNG or WebP), or remove it").format(
                kinds=kinds
            ),
        )
        return
    found = image_format(path)
    if found != RASTER_FORMATS[extension]:
        if found:
            message = _("named {extension} but a {found} image")
        else:
            message = _("named {extension} but not an image this site can read")
        context.report(
            path,
            1,
            NOT_AN_IMAGE,
            _("file"),
            message.format(extension=extension, found=found),
            _(
                "export the picture again as {format}, or give the file the extension of its "
                "real format"
            ).format(format=extension.lstrip(".").upper()),
        )
