from .settled_urls import *  # noqa: F403
