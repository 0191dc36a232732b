"""Site files: what browsers, crawlers and social networks ask every site for.

Written by the build, from the settings, so nothing binary is kept by hand:

- at the main site's root: `favicon.ico` (16, 32 and 48 px; every browser asks for it),
  `apple-touch-icon.png` (180 px, opaque, as iOS wants it) and `icon-192.png` /
  `icon-512.png` for the manifests and the publisher's logo, all drawn like
  theme/static/icon.svg: a white B on the site's red;
- in each language's site: `manifest.webmanifest` (its name, language and start page)
  and the default share image (`SHARE_IMAGE_SAVE_AS`, 1200 x 630): the icon and the
  site's name in that language, which a shared story without an image of its own shows;
- `robots.txt` at the main site's root, pointing to the sitemap, when `ROBOTS_TXT` is
  true (publish builds: a preview has no address for crawlers to come back to).

Drawing uses Pillow's own bundled font, so the images do not depend on the fonts a
machine has installed.
"""

from __future__ import annotations

import json
import logging
import posixpath
from pathlib import Path
from typing import Any

from pelican import signals
from PIL import Image, ImageDraw, ImageFont

from briefing.site import is_main_run, model_for

logger = logging.getLogger(__name__)

DEFAULT_SETTINGS: dict[str, Any] = {
    "SHARE_IMAGE_SAVE_AS": "share.png",
    "MANIFEST_SAVE_AS": "manifest.webmanifest",
    "ROBOTS_TXT": False,
    "SITEMAP_SAVE_AS": "sitemap.xml",
}
SHARE_SIZE = (1200, 630)  # what Facebook, LinkedIn and X crop the least
ICON_SIZES = (192, 512)
TOUCH_ICON_SIZE = 180
FAVICON_SIZES = (16, 32, 48)
BRAND = "#9b1c1c"  # the red of theme/static/icon.svg
PAPER = "#fbfaf8"  # the page background of the light scheme (theme/static/css/site.css)
INK = "#1b1a18"


class SiteFilesSettingsError(ValueError):
    """A site_files setting cannot be used."""


def setting(settings: Any, name: str) -> Any:
    return settings.get(name, DEFAULT_SETTINGS[name])


def share_image_path(settings: Any) -> tuple[str, int, int]:
    """The default share image's path within a language's site, and its size."""
    return str(setting(settings, "SHARE_IMAGE_SAVE_AS")), *SHARE_SIZE


def check_settings(pelican: Any) -> None:
    settings = pelican.settings
    problems = []
    for name, suffix in (("SHARE_IMAGE_SAVE_AS", ".png"), ("MANIFEST_SAVE_AS", ".webmanifest")):
        value = setting(settings, name)
        if not isinstance(value, str) or not value.endswith(suffix) or value.startswith("/"):
            problems.append(f"{name} must be a site path ending in {suffix}, not {value!r}")
    robots = setting(settings, "ROBOTS_TXT")
    if not isinstance(robots, bool):
        problems.append(f"ROBOTS_TXT must be True or False, not {robots!r}")
    if problems:
        raise SiteFilesSettingsError("site_files: " + "; ".join(problems))


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def draw_icon(size: int, *, opaque: bool = False) -> Image.Image:
    """The site's icon at `size` px, drawn larger and scaled down for smooth edges (4x for
    a favicon, 2x for the large icons, which every build draws again)."""
    big = size * (4 if size <= 64 else 2)
    image = Image.new("RGBA", (big, big), BRAND if opaque else (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if not opaque:
        draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=big * 6 // 32, fill=BRAND)
    draw.text((big / 2, big / 2), "B", font=_font(int(big * 0.72)), fill="white", anchor="mm")
    return image.resize((size, size), Image.Resampling.LANCZOS)


def draw_share_image(name: str) -> Image.Image:
    """The default image of a shared link: the icon and the site's name in its language.

    Pillow's bundled font covers ASCII only, so a name it cannot write (accents) leaves
    the icon alone rather than showing missing-glyph boxes."""
    width, height = SHARE_SIZE
    image = Image.new("RGB", SHARE_SIZE, PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width, 20), fill=BRAND)  # the header's red rule
    icon = draw_icon(220)
    font = _font(120)
    text_width = draw.textlength(name, font=font) if name.isascii() else 0
    gap = 64 if text_width else 0
    left = int((width - icon.width - gap - text_width) / 2)
    top = (height - icon.height) // 2
    image.paste(icon, (left, top), icon)
    if text_width:
        x = left + icon.width + gap
        draw.text((x, height / 2), name, font=font, fill=INK, anchor="lm")
    return image


def manifest(settings: Any, prefix: str) -> str:
    """The web app manifest of one language's site; icons live at the main site's root."""
    up = posixpath.relpath("/", "/" + prefix) if prefix else "."
    icons = [
        {
            "src": posixpath.join(up, f"icon-{size}.png"),
            "sizes": f"{size}x{size}",
            "type": "image/png",
        }
        for size in ICON_SIZES
    ]
    data = {
        "name": settings["SITENAME"],
        "short_name": settings["SITENAME"],
        "description": settings.get("SITESUBTITLE", ""),
        "lang": settings["DEFAULT_LANG"],
        "start_url": "./",
        "scope": "./",
        "display": "browser",
        "background_color": PAPER,
        "theme_color": BRAND,
        "icons": icons,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def robots_txt(settings: Any) -> str:
    sitemap = f"{settings['SITEURL'].rstrip('/')}/{setting(settings, 'SITEMAP_SAVE_AS')}"
    return f"User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n"


def write_files(pelican: Any) -> None:
    """Each run writes its language's files; the main run (last) also the shared ones."""
    settings = pelican.settings
    output = Path(settings["OUTPUT_PATH"])
    model = model_for(settings)
    lang = settings["DEFAULT_LANG"]
    share_path, _, _ = share_image_path(settings)
    target = output / share_path
    target.parent.mkdir(parents=True, exist_ok=True)
    draw_share_image(settings["SITENAME"]).save(target)
    (output / setting(settings, "MANIFEST_SAVE_AS")).write_text(
        manifest(settings, model.languages[lang].prefix), encoding="utf-8"
    )
    if not is_main_run(settings):
        return
    draw_icon(max(FAVICON_SIZES)).save(
        output / "favicon.ico", sizes=[(size, size) for size in FAVICON_SIZES]
    )
    draw_icon(TOUCH_ICON_SIZE, opaque=True).convert("RGB").save(output / "apple-touch-icon.png")
    for size in ICON_SIZES:
        draw_icon(size).save(output / f"icon-{size}.png")
    if setting(settings, "ROBOTS_TXT"):
        (output / "robots.txt").write_text(robots_txt(settings), encoding="utf-8")
    logger.info("site_files: wrote the icons, manifests and share images in %s", output)


def register() -> None:
    signals.initialized.connect(check_settings)
    signals.finalized.connect(write_files)


__all__ = ["ICON_SIZES", "register", "share_image_path"]
