from .counterparts import *  # noqa: F403
