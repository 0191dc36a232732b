from .site_files import *  # noqa: F403
