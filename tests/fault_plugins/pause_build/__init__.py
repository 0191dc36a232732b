from .pause_build import *  # noqa: F403
