from .sitemap_i18n import *  # noqa: F403
