"""Files that are either whole or absent: never half-written.

A build killed while writing a file, or stopped by a full disk, must not leave a truncated
file under the real name, where the next build (or a reader) would trust it. Each file is
written to a temporary file in the same folder, flushed to the disk with fsync, then renamed
over the real name with os.replace, which is atomic within one file system: the real name
holds either the previous complete file or the new complete file, never a part.

A temporary file left by a killed process is named `.<name>.<pid>.<random>.tmp`, so the
next writer of the same file can tell it from one a live process is writing, and remove it.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

_TEMPORARY = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.[^.]+\.tmp$")
_UMASK: list[int] = []


def write_atomic(path: str | os.PathLike[str], data: bytes | str, *, durable: bool = True) -> None:
    """Write `data` (text is written as UTF-8) to `path`, whole or not at all."""
    content = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_writer(path, durable=durable) as handle:
        handle.write(content)


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike[str], *, durable: bool = True) -> Iterator[BinaryIO]:
    """A binary file to write into; it replaces `path` only if the block ends normally.

    `durable=False` leaves out the two fsyncs: the file is still whole or absent after a
    killed process, but a power cut may lose it. For files whose record of having been
    written is itself checked (a page's size and time, see plugins/page_writer), where
    thousands of fsyncs would cost more than the rendering they save."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(target.parent, target.name)
    descriptor, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "wb") as handle:
            yield handle
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        # mkstemp makes the file private (0600); a published file is made like any other.
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    if durable:
        _sync_folder(target.parent)


def write_many_atomic(folder: str | os.PathLike[str], files: dict[str, bytes]) -> None:
    """Write many new files into `folder`, each whole or not at all, as briefing.atomic does
    (a temporary file of the same name pattern, then os.replace), with one sync of the
    disk for all of them instead of one per file: a cold build writes thousands."""
    if not files:
        return
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(folder)
    temporaries: list[tuple[str, Path]] = []
    try:
        for name, data in files.items():
            descriptor, temporary = tempfile.mkstemp(
                dir=folder, prefix=f".{name}.{os.getpid()}.", suffix=".tmp"
            )
            temporaries.append((temporary, folder / name))
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(data)
            os.chmod(temporary, 0o666 & ~_umask())
        os.sync()  # every file's bytes are on the disk before any takes its name
        for temporary, target in temporaries:
            os.replace(temporary, target)
    except BaseException:
        for temporary, _ in temporaries:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        raise
    _sync_folder(folder)


def remove_stale_temporaries(folder: str | os.PathLike[str], name: str | None = None) -> list[Path]:
    """Remove the temporary files (of file `name`, or of any) that processes no longer
    running left in `folder`."""
    removed = []
    with contextlib.suppress(FileNotFoundError, NotADirectoryError):
        for entry in os.scandir(folder):
            match = _TEMPORARY.match(entry.name)
            if match and name is not None and match["name"] != name:
                continue
            stale = match and not _is_running(int(match["pid"]))
            if stale and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


def _is_running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process: alive
    return True


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; some systems cannot open a folder, which is fine."""
    try:
        descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _umask() -> int:
    # Python has no way to read the umask without setting it; read it once.
    if not _UMASK:
        mask = os.umask(0o022)
        os.umask(mask)
        _UMASK.append(mask)
    return _UMASK[0]
