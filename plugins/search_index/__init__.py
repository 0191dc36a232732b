from .search_index import *  # noqa: F403
