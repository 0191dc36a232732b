"""Pelican settings for GitHub Pages: pelicanconf.py plus only what publishing needs.

SITEURL comes from the environment, e.g. https://org.github.io/briefing for a project site.
"""

from __future__ import annotations

import os
from pathlib import Path

from pelican.settings import get_settings_from_file

from briefing.site import clean_urls

# pelicanconf.py's settings, read by path: this works from any folder.
globals().update(get_settings_from_file(str(Path(__file__).with_name("pelicanconf.py"))))

SITEURL = os.environ.get("SITEURL", "").rstrip("/")
if not SITEURL.startswith(("https://", "http://")):
    raise SystemExit(
        "publishconf.py: SITEURL must be set to the site's absolute address, "
        "e.g. SITEURL=https://org.github.io/briefing invoke publish"
    )
RELATIVE_URLS = False
# Clean URLs on the web: "2022/03/slug/", which GitHub Pages serves as its index.html.
clean_urls(globals())
# robots.txt pointing crawlers to the sitemap (plugins/site_files).
ROBOTS_TXT = True
DELETE_OUTPUT_DIRECTORY = True
