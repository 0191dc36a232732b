"""Pelican settings for local preview: relative URLs, French at the root, English under /en/.

publishconf.py imports this file and adds only what publishing needs.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent

AUTHOR = "La rédaction"
SITENAME = "Le Briefing"
SITESUBTITLE = "L’actualité en bref, en français et en anglais"
# Absolute URLs appear only where a standard demands them (feeds, sitemap, canonical and
# hreflang links); every link a reader follows is relative, so a preview build works from
# any folder or subpath. This origin is the one `invoke serve` listens on.
SITEURL = "http://localhost:8000"
RELATIVE_URLS = True

PATH = "content"
THEME = "theme"
TIMEZONE = "Europe/Paris"
DEFAULT_LANG = "fr"
# Dates are written by Babel (plugins/localization), never with the machine's locale, so
# a LANG naming a locale the machine lacks (fr_FR.UTF-8 on a CI runner) must not matter.
LOCALE = ("C.UTF-8", "C")

# Each language run reads only its own folder; the counterparts plugin links the two.
ARTICLE_PATHS = ["fr"]
PAGE_PATHS = ["pages/fr"]
STATIC_PATHS = ["images"]
# Hidden files (editors' backups, .gitkeep) are never part of the site.
IGNORE_FILES = [".*"]
# Stories are Markdown only: HTML and reStructuredText would carry markup past the story
# reader's escaping.
READERS = {"html": None, "htm": None, "rst": None}
USE_FOLDER_AS_CATEGORY = False
# No silent fallback: a story without a category is an error (plugins/taxonomy).
DEFAULT_CATEGORY = ""
# Stories are linked by the project's own key (see plugins/counterparts), not Pelican's.
ARTICLE_TRANSLATION_ID = None
PAGE_TRANSLATION_ID = None

# Every address names its page, ".../index.html": a preview build opens from the file system
# too (the CI preview is a downloaded folder), where a link to a folder shows a listing.
# publishconf.py drops "index.html" from every *_URL, for clean URLs on the web.
ARTICLE_SAVE_AS = ARTICLE_URL = "{date:%Y}/{date:%m}/{slug}/index.html"
PAGE_SAVE_AS = PAGE_URL = "{slug}/index.html"
CATEGORY_SAVE_AS = CATEGORY_URL = "categorie/{slug}/index.html"
CATEGORIES_SAVE_AS = CATEGORIES_URL = "categories/index.html"
TAG_SAVE_AS = TAG_URL = "sujet/{slug}/index.html"
TAGS_SAVE_AS = TAGS_URL = "sujets/index.html"
ARCHIVES_SAVE_AS = ARCHIVES_URL = "archives/index.html"
SEARCH_SAVE_AS = SEARCH_URL = "recherche/index.html"
INDEX_SAVE_AS = INDEX_URL = "index.html"
SEARCH_INDEX_SAVE_AS = "search-index.json"
DIRECT_TEMPLATES = ["index", "categories", "tags", "archives", "search", "404"]
# The 404 page stays /404.html (Pelican's default for the "404" template): GitHub Pages
# serves it for any missing path.
# Editors' drafts, author pages and date archives are not part of the site.
DRAFT_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_PAGE_LANG_SAVE_AS = ""
ARTICLE_LANG_SAVE_AS = ""
PAGE_LANG_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""

DEFAULT_PAGINATION = 10
PAGINATED_TEMPLATES = {"index": None, "tag": None, "category": None}
# "/page/N/" rather than Pelican's "{name}{number}.html", which lets tag "t4" page 2
# overwrite tag "t42".
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/index.html", "{base_name}/page/{number}/index.html"),
)

# Atom feeds per language: all stories, and one per section and per topic, for readers
# who follow a section. Each run holds one language, so no feed mixes them, and the
# counterparts plugin gives each subsite its own FEED_DOMAIN.
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = "feeds/categorie/{slug}.atom.xml"
CATEGORY_FEED_RSS = None
TAG_FEED_ATOM = "feeds/sujet/{slug}.atom.xml"
TAG_FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None
FEED_MAX_ITEMS = 50

# Summaries are plain text: no Markdown pass over them (it also halves per-file parsing).
FORMATTED_FIELDS: list[str] = []
# Python-Markdown's "extra" without attr_list and md_in_html: those would let a story
# give its HTML any attribute ({: onclick=…}) or raw markup. Raw HTML itself is escaped
# by the story reader (plugins/briefing/markdown.py).
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.abbr": {},
        "markdown.extensions.def_list": {},
        "markdown.extensions.fenced_code": {},
        "markdown.extensions.footnotes": {},
        "markdown.extensions.tables": {},
        "markdown.extensions.toc": {},
    },
    "output_format": "html5",
}
# The content cache skips re-reading unchanged stories. sha1 keeps it valid on a fresh
# checkout (CI restores it), where every file time is new.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CHECK_MODIFIED_METHOD = "sha1"


def _code_fingerprint() -> str:
    """What produced the cached stories: a new reader or setting must not reuse them."""
    digest = hashlib.sha1()
    for path in [*sorted(ROOT.glob("plugins/**/*.py")), ROOT / "requirements.txt"]:
        digest.update(path.read_bytes())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()[:12]


CACHE_PATH = f"cache/{_code_fingerprint()}"

PLUGIN_PATHS = ["plugins"]
PLUGINS = [
    # First: no other plugin works on content the rulebook refuses.
    "rulebook",
    "pelican.plugins.i18n_subsites",
    "story_reader",
    "taxonomy",
    "localization",
    "counterparts",
    "sitemap_i18n",
    "editorial",
    "structured_data",
    "site_files",
    "search_index",
    "nothing_lost",
    "trust_boundary",
    "safe_cache",
    "build_lock",
    "stable_order",
    "settled_urls",
    "exact_output",
    "page_writer",
    "clear_errors",
]

JINJA_ENVIRONMENT = {
    "extensions": ["jinja2.ext.i18n"],
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
}
# Template msgids are English; French comes from theme/translations.
I18N_TEMPLATES_LANG = "en"
I18N_SUBSITES = {
    "en": {
        "SITENAME": "The Briefing",
        "SITESUBTITLE": "The news in brief, in French and English",
        "AUTHOR": "The newsroom",
        "ARTICLE_PATHS": ["en"],
        "PAGE_PATHS": ["pages/en"],
        "CATEGORY_URL": "category/{slug}/index.html",
        "CATEGORY_SAVE_AS": "category/{slug}/index.html",
        "TAG_URL": "tag/{slug}/index.html",
        "TAG_SAVE_AS": "tag/{slug}/index.html",
        "CATEGORY_FEED_ATOM": "feeds/category/{slug}.atom.xml",
        "TAG_FEED_ATOM": "feeds/tag/{slug}.atom.xml",
        "TAGS_URL": "tags/index.html",
        "TAGS_SAVE_AS": "tags/index.html",
        "SEARCH_URL": "search/index.html",
        "SEARCH_SAVE_AS": "search/index.html",
    },
}

# The project's own settings (defaults and checks in plugins/briefing/site.py).
TAXONOMY_FILE = "taxonomy.toml"
SLUG_MAX_LENGTH = 80
SUMMARY_MAX_LENGTH = 300
# Plugin settings, each with its default in its plugin (plugins/editorial, site_files).
READING_WORDS_PER_MINUTE = 220
RELATED_STORIES_MAX = 3
SHARE_IMAGE_SAVE_AS = "share.png"
# robots.txt only for the published site (publishconf.py): a preview has no address for
# crawlers to come back to.
ROBOTS_TXT = False
