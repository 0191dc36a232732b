from .editorial import *  # noqa: F403
