from .taxonomy import *  # noqa: F403
