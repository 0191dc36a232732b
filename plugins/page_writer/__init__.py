from .page_writer import *  # noqa: F403
