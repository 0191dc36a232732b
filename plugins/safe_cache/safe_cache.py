"""Safe cache: Pelican's content cache is loaded with checks and saved whole or not at all.

Pelican keeps what it has read as pickles in CACHE_PATH (FileDataCacher in
pelican/cache.py). It writes them in place, so a build killed while saving, or a full
disk, leaves a truncated file; loading that raises EOFError, which Pelican does not catch,
and every later build fails until someone removes the cache by hand.

Pelican has no hook for either step, so this plugin replaces, when a build starts, the two
places of FileDataCacher that touch the file, and nothing else:

- loading (in `__init__`: Pelican's own constructor still runs, told not to load): a file
  that cannot be read back to its end as a dict of cache entries is damaged, whatever the
  error; it is removed with one line saying so, and the stories are read again;
- saving (`save_cache`): skipped when the build read nothing new; else through
  briefing.atomic, a temporary file in the same folder, fsync, then os.replace, so the
  cache file is always a complete cache, old or new. A
  full disk stops the build there (Pelican only warned, and went on to fail later).

A temporary file left by a save that was killed is removed by the next save.
"""

from __future__ import annotations

import contextlib
import gzip
import logging
import os
import pickle
from collections.abc import Callable
from typing import Any

from pelican import signals
from pelican.cache import FileDataCacher, FileStampDataCacher

from briefing.atomic import atomic_writer
from briefing.notices import notice

logger = logging.getLogger(__name__)

# Pelican's own constructor, kept to build on; found through the mark set below if this
# module is ever loaded a second time, after the first copy replaced it.
PELICAN_INIT = getattr(FileDataCacher.__init__, "pelican_original", FileDataCacher.__init__)


class DamagedCache(ValueError):
    """A cache file that must not be trusted."""


def load_cache(path: str, opener: Callable[..., Any], *, stamped: bool) -> dict:
    """The cache stored at `path`; an empty one if there is none or it is damaged."""
    try:
        with opener(path, "rb") as handle:
            data = pickle.load(handle)
            # Reading past the end makes gzip check the length and CRC of what it read.
            if handle.read(1):
                raise DamagedCache("data after the end of the cache")
        check_shape(data, stamped=stamped)
    except FileNotFoundError:
        return {}  # first build
    except gzip.BadGzipFile as error:
        return _discard(path, error)
    except OSError:
        raise  # an unreadable folder or a failing disk is not a damaged cache
    except Exception as error:
        # EOFError, UnpicklingError, a class that no longer exists …: all say the same.
        return _discard(path, error)
    return data


def check_shape(data: Any, *, stamped: bool) -> None:
    if not isinstance(data, dict):
        raise DamagedCache(f"a {type(data).__name__}, not a dict of entries")
    if stamped and not all(isinstance(v, tuple) and len(v) == 2 for v in data.values()):
        raise DamagedCache("entries without their file stamp")


def _discard(path: str, error: BaseException) -> dict:
    reason = f"{type(error).__name__}: {error}".rstrip(": ")
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
    notice(
        logger,
        "safe_cache: %s was damaged (%s); discarded, its files are read again",
        path,
        reason,
    )
    return {}


def save_cache(path: str, data: dict, *, compress: bool) -> None:
    """Write the cache whole, or leave the previous one in place."""
    with atomic_writer(path) as raw:
        if compress:
            # mtime=0: no build time inside the file, so the same cache gives the same bytes.
            with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as handle:
                pickle.dump(data, handle)
        else:
            pickle.dump(data, raw)


def _cacher_init(
    self: FileDataCacher,
    settings: dict[str, Any],
    cache_name: str,
    caching_policy: bool,
    load_policy: bool,
) -> None:
    # Pelican's constructor sets the path, the policy and the opener; it loads nothing.
    PELICAN_INIT(self, settings, cache_name, caching_policy, False)
    if load_policy:
        stamped = isinstance(self, FileStampDataCacher)
        self._cache = load_cache(self._cache_path, self._cache_open, stamped=stamped)
    # What is on disk: saving it again would only cost the pickling.
    self._saved_entries = dict(self._cache)


def _cacher_save(self: FileDataCacher) -> None:
    if not self._cache_data_policy or _unchanged(self):
        return
    try:
        save_cache(self._cache_path, self._cache, compress=self.settings["GZIP_CACHE"])
    except (pickle.PicklingError, TypeError, AttributeError) as error:
        # As Pelican does: the site can be built without a cache. An OSError, though (a
        # full disk), goes on: the build could not write its pages either.
        logger.warning(
            "safe_cache: could not save %s (%s); the previous cache, if any, is kept",
            self._cache_path,
            error,
        )


def _unchanged(cacher: FileDataCacher) -> bool:
    """Whether the cache holds exactly the entries loaded (Pelican replaces an entry it
    reads again, so the same objects mean nothing was read)."""
    saved = getattr(cacher, "_saved_entries", None)
    return (
        saved is not None
        and cacher._cache.keys() == saved.keys()
        and all(cacher._cache[key] is value for key, value in saved.items())
    )


_cacher_init.pelican_original = PELICAN_INIT  # type: ignore[attr-defined]


def install(pelican: Any) -> None:
    """Before any generator exists, use the checked load and the atomic save."""
    FileDataCacher.__init__ = _cacher_init
    FileDataCacher.save_cache = _cacher_save


def register() -> None:
    signals.initialized.connect(install)
