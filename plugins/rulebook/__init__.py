from .rulebook import *  # noqa: F403
