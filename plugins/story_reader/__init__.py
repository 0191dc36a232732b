from .story_reader import *  # noqa: F403
