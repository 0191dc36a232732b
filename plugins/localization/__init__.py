from .localization import *  # noqa: F403
