from .stable_order import *  # noqa: F403
