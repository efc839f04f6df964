"""Structures derived from the catalog, computed once and stored beside the index.

Why: constraint masks, lexicons and vocabularies are pure functions of the catalog,
but building them walks every product (seconds at 20k products), which every cold CLI
call, eval subprocess and first UI turn used to pay. Each entry is a pickle in
``<index>/derived/<name>.pkl`` stamped with

* the catalog *generation* (bumped by every change to the product table), and
* a *version*: a hash of the source files of the code that built it,

so an entry is rebuilt when the catalog changes or when the code that derives it
changes, and otherwise loads in milliseconds. Writes go to a temporary file that is
renamed into place, so a concurrent reader sees the old entry or the new one, never
half of one; a read-only index directory just rebuilds in memory each time.

The files are written and read only by shopguide in its own data directory (pickle is
not for files from elsewhere).

>>> import tempfile
>>> cache = DerivedCache(Path(tempfile.mkdtemp()), generation=lambda: 3)
>>> cache.get("squares", "v1", lambda: [i * i for i in range(4)])    # builds and saves
[0, 1, 4, 9]
>>> cache.get("squares", "v1", lambda: None)                         # loads the saved copy
[0, 1, 4, 9]
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import threading
from pathlib import Path
from types import ModuleType
from typing import Callable, TypeVar

T = TypeVar("T")
log = logging.getLogger(__name__)
_FORMAT = 1


def code_version(*modules: ModuleType) -> str:
    """A short hash of the modules' source files: changes whenever their code does."""
    digest = hashlib.sha1(str(_FORMAT).encode())
    for module in modules:
        path = getattr(module, "__file__", None)
        digest.update(Path(path).read_bytes() if path else module.__name__.encode())
    return digest.hexdigest()[:16]


class DerivedCache:
    """Named entries stamped with (generation, version); see the module docstring."""

    def __init__(self, directory: str | Path, generation: Callable[[], int]) -> None:
        self.directory = Path(directory)
        self._generation = generation
        self._lock = threading.RLock()   # a build may read another entry (vocabulary → index vocabulary)
        self.built: list[str] = []     # names built (not loaded) by this process, for tests and logs

    def path(self, name: str) -> Path:
        return self.directory / f"{name}.pkl"

    def get(self, name: str, version: str, build: Callable[[], T]) -> T:
        """The stored entry when its stamp matches, else ``build()`` (saved for next time)."""
        stamp = (self._generation(), version)
        with self._lock:
            value = self._load(name, stamp)
            if value is not None:
                return value[0]
            result = build()
            self.built.append(name)
            self._save(name, stamp, result)
            return result

    def _load(self, name: str, stamp: tuple) -> tuple | None:
        try:
            with self.path(name).open("rb") as fh:
                saved_stamp, value = pickle.load(fh)
        except FileNotFoundError:
            return None
        except Exception as exc:  # noqa: BLE001 - a stale or corrupt entry is rebuilt, never fatal
            log.info("derived %s unreadable (%s); rebuilding", name, exc)
            return None
        return (value,) if saved_stamp == stamp else None

    def _save(self, name: str, stamp: tuple, value: object) -> None:
        tmp = self.path(name).with_suffix(f".{os.getpid()}.tmp")
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            with tmp.open("wb") as fh:
                pickle.dump((stamp, value), fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.path(name))
        except OSError as exc:  # read-only data directory: still works, rebuilds each time
            log.info("could not store derived %s: %s", name, exc)
            try:
                tmp.unlink(missing_ok=True)
            except OSError:
                pass
