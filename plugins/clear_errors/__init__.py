from .clear_errors import *  # noqa: F403
