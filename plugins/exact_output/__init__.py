from .exact_output import *  # noqa: F403
