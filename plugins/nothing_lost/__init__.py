from .nothing_lost import *  # noqa: F403
