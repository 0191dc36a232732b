from .build_lock import *  # noqa: F403
