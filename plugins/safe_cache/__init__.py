from .safe_cache import *  # noqa: F403
