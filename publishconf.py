"""Pelican settings for GitHub Pages: pelicanconf.py plus only what publishing needs.

SITEURL comes from the environment, e.g. https://org.github.io/briefing for a project site.
"""

from __future__ import annotations

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *

SITEURL = os.environ.get("SITEURL", "").rstrip("/")
if not SITEURL.startswith(("https://", "http://")):
    raise SystemExit(
        "publishconf.py: SITEURL must be set to the site's absolute address, "
        "e.g. SITEURL=https://org.github.io/briefing invoke publish"
    )
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
