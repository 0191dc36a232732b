"""Stable order: the same content always lists its stories and pages in the same order.

Pelican sorts stories by ARTICLE_ORDER_BY ("reversed-date" by default) with a stable sort
of a list that comes from a Python set of file names (`Generator.get_files`), whose order
changes with PYTHONHASHSEED and with the order the files were created on disk. Stories
of the same date (the same day, or the same month for a story dated to the month) then
changed places from one build to the next, on the home page and its pages, the archives,
category and tag pages, and in the feeds.

This plugin replaces the two orders with total ones, when a build starts: the order the
setting asks for, then the story's source path (unique within a language) to break ties.
Every other list Pelican makes of stories follows that order: the feeds and pagination
use ARTICLE_ORDER_BY, category and tag lists are filled in the order of the stories,
and the archives' `dates` are a stable sort of them by date.

ARTICLE_ORDER_BY and PAGE_ORDER_BY keep Pelican's meaning: an attribute name, "basename"
(of the source file), either with a "reversed-" prefix. A function is left as it is: it
is the order its author wants, ties included.
"""

from __future__ import annotations

import functools
import logging
import os
from typing import Any

from pelican import signals

logger = logging.getLogger(__name__)

SETTINGS = ("ARTICLE_ORDER_BY", "PAGE_ORDER_BY")


class StableOrderError(ValueError):
    """An order setting this plugin cannot make total."""


@functools.total_ordering
class Descending:
    """Wraps a value so that sorting puts larger values first, inside an ascending key."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Descending) and self.value == other.value

    def __lt__(self, other: Descending) -> bool:
        return other.value < self.value

    __hash__ = None  # type: ignore[assignment]  # compared, never hashed


class TotalOrder:
    """A sort key: Pelican's order named by `order_by`, then the source path.

    A class, not a closure: settings end up in Pelican's pickled cache, and an instance
    of a module-level class pickles by name.
    """

    def __init__(self, order_by: str) -> None:
        self.order_by = order_by
        self.descending = order_by.startswith("reversed-")
        self.attribute = order_by.removeprefix("reversed-")

    def __call__(self, content: Any) -> tuple[Any, str]:
        if self.attribute == "basename":
            value: Any = os.path.basename(content.source_path or "")
        else:
            value = getattr(content, self.attribute)
        key = Descending(value) if self.descending else value
        return key, content.get_relative_source_path()

    def __repr__(self) -> str:
        return f"TotalOrder({self.order_by!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TotalOrder) and other.order_by == self.order_by

    def __hash__(self) -> int:
        return hash(self.order_by)


def make_orders_total(pelican: Any) -> None:
    """Before anything is read: give Pelican sort keys with no ties."""
    settings = pelican.settings
    for name in SETTINGS:
        order_by = settings.get(name)
        if isinstance(order_by, TotalOrder) or callable(order_by):
            continue  # ours already (a language run of this build), or the user's own
        if not isinstance(order_by, str) or not order_by.removeprefix("reversed-"):
            raise StableOrderError(
                f"stable_order: {name} must name an attribute, 'basename' or a function, "
                f"not {order_by!r}"
            )
        settings[name] = TotalOrder(order_by)


def register() -> None:
    signals.initialized.connect(make_orders_total)
