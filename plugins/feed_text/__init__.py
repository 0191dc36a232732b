from .feed_text import *  # noqa: F403
