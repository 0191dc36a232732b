"""Work shared among processes forked from this one, one per core.

A build holds everything it read in memory; a forked process sees it all without copying
or pickling anything, and only its answer travels back (pickled, through a pipe). The
caller's process takes the first share itself.

- Each forked process dies with its parent, however the parent ends (kill -9 included):
  on Linux the kernel kills it (PR_SET_PDEATHSIG); an orphan would hold the build's
  standard output open and `invoke build`, which reads it to the end, would hang.
- Objects are frozen out of the garbage collector's reach before forking, and a forked
  process does not collect: a collection writes to every object, which would copy every
  memory page of the build into each process.
- A process's warnings (and worse) are sent back and logged by the caller, which counts
  them (`--fatal warnings`); an exception is raised again in the caller; a process killed
  by a signal is an error naming the signal.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import logging
import os
import pickle
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def usable_cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def in_shares(
    items: Sequence[Item],
    work: Callable[[list[Item]], Result],
    processes: int,
    *,
    what: str,
) -> list[Result]:
    """`work` applied to `processes` interleaved shares of `items` (items of one kind cost
    alike), in that many processes, this one included; the results in share order.
    `what` names the work in errors ("page_writer: rendering")."""
    shares = [list(items[index::processes]) for index in range(processes)]
    shares = [share for share in shares if share] or [[]]
    if len(shares) == 1:
        return [work(shares[0])]
    children: list[tuple[int, int]] = []
    gc.freeze()
    try:
        for share in shares[1:]:
            children.append(_fork(share, work))
        own = work(shares[0])
    except BaseException:
        for pid, reader in children:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
            _collect(pid, reader, what)  # reaps it; its error is not the one to show
        raise
    finally:
        gc.unfreeze()
    results = [own]
    failure: BaseException | None = None
    for pid, reader in children:
        try:
            results.append(_collect(pid, reader, what))
        except BaseException as error:  # every process is reaped before raising
            failure = failure or error
    if failure is not None:
        raise failure
    return results


def _fork(share: list[Any], work: Callable[[list[Any]], Any]) -> tuple[int, int]:
    reader, writer = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid:
        os.close(writer)
        return pid, reader
    code = 0
    try:
        os.close(reader)
        die_with_parent(parent)
        gc.disable()
        warnings = _Warnings()
        payload = pickle.dumps(("ok", work(share), warnings.lines))
    except BaseException as error:  # every failure goes back to the caller
        code = 1
        try:
            payload = pickle.dumps(("error", error, []))
        except Exception:  # an exception that cannot be pickled
            payload = pickle.dumps(("error", RuntimeError(f"{type(error).__name__}: {error}"), []))
    try:
        with os.fdopen(writer, "wb") as pipe:
            pipe.write(payload)
    finally:
        os._exit(code)


def _collect(pid: int, reader: int, what: str) -> Any:
    with os.fdopen(reader, "rb") as pipe:
        payload = pipe.read()
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        name = signal.Signals(os.WTERMSIG(status)).name
        raise RuntimeError(f"{what}: a process doing this work was killed by {name}")
    if not payload:
        raise RuntimeError(f"{what}: a process doing this work ended without an answer")
    kind, value, lines = pickle.loads(payload)
    for name, level, message in lines:
        logging.getLogger(name).log(level, "%s", message)
    if kind == "error":
        raise value
    return value


class _Warnings(logging.Handler):
    """In a forked process: its warnings and errors, kept to be logged by the caller
    (instead of being shown here, where no one counts them)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[tuple[str, int, str]] = []
        root = logging.getLogger()
        for handler in list(root.handlers):
            root.removeHandler(handler)
        root.addHandler(self)

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append((record.name, record.levelno, record.getMessage()))


def die_with_parent(parent: int) -> None:
    """In a forked process: end as soon as the process that forked it ends, however it ends.

    A build killed with SIGKILL runs no clean-up, and a worker would live on, an orphan
    holding the build's stdout and stderr open, so `invoke build`, which reads them to
    the end, would wait forever. On Linux the kernel sends the worker SIGKILL when its
    parent dies (PR_SET_PDEATHSIG); elsewhere a thread watches for the parent to go.
    """
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            error = ctypes.get_errno()
            raise OSError(error, f"prctl(PR_SET_PDEATHSIG): {os.strerror(error)}")
    else:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    # The parent may have died between the fork and the line above, before the kernel
    # knew whom to tell: the worker has been adopted by then.
    if os.getppid() != parent:
        os._exit(1)


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)
