"""The Invoke tasks, as `invoke --list` shows them: each says what it does in one line."""

from __future__ import annotations

import pytest
from invoke import Collection

import tasks

TASKS = Collection.from_module(tasks).tasks


@pytest.mark.parametrize("name", sorted(TASKS))
def test_every_task_explains_itself_in_one_line(name):
    doc = (TASKS[name].__doc__ or "").strip()
    assert doc, f"`invoke {name}` has no docstring: --list would show nothing"
    assert "\n" not in doc, f"`invoke {name}`: --list shows only the first line of its docstring"
