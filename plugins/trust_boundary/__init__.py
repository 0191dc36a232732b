from .trust_boundary import *  # noqa: F403
