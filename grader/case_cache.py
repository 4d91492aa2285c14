"""The cases a property check's search tried, kept between practice runs (a disk cache).

A property check asks hypothesis for cases and calls the student's function on each. When every
case passes, the cases hypothesis asks for depend only on the seed, the strategy and the
settings, never on the function under test (no deadline, health checks off: nothing in its
generation looks at the clock or at the results beyond "passed"). So the cases of a passing
search are kept, and the next run of the same check with the same seed calls the function on
them directly, without hypothesis: the same calls in the same order, so the same verdict. A kept
case that fails stops the replay, and the check runs its full search as if nothing had been
kept, so a failure is found and shrunk exactly as without the cache.

What is kept is keyed by everything the cases depend on: the grader's and the reference's
sources, the versions of Python, hypothesis, numpy and torch, the assignment, the function, the
check, its seed and its number of examples. A change to any of them is a miss, never a stale hit.

Practice only: official grading (a secret seed, `grade-class`, CI) neither reads nor writes it,
so a file planted in the cache can never change an official score. Files are read with an
unpickler that builds numpy arrays, plain Python containers and the grader's own data classes
only (no function is ever called by reading one).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import io
import os
import pickle
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

#: the variable that moves the cache (a folder), or turns it off ("off")
ENVIRONMENT_VARIABLE = "GRADER_CACHE_DIR"
#: a grader version's folder unused for this long is removed when another one is written
STALE_SECONDS = 30 * 24 * 3600
#: what numpy pickles arrays, dtypes and scalars with
_NUMPY_GLOBALS = {("numpy.core.multiarray", "_reconstruct"), ("numpy._core.multiarray", "_reconstruct"),
                  ("numpy.core.multiarray", "scalar"), ("numpy._core.multiarray", "scalar"),
                  ("numpy", "ndarray"), ("numpy", "dtype"), ("numpy._core.numeric", "_frombuffer"),
                  ("numpy.core.numeric", "_frombuffer")}
_BUILTIN_GLOBALS = {"complex", "slice", "frozenset", "set", "bytearray", "range"}


def cache_folder() -> Path | None:
    """Where practice runs keep their cases: $GRADER_CACHE_DIR, else the user's cache folder
    ($XDG_CACHE_HOME or ~/.cache)/grader; None when turned off."""
    chosen = os.environ.get(ENVIRONMENT_VARIABLE, "").strip()
    if chosen.lower() == "off":
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or str(Path.home() / ".cache")
    return Path(base) / "grader"


@functools.lru_cache(maxsize=1)
def fingerprint() -> str:
    """What the generated cases depend on besides a check's own key: the grader's and the
    reference's sources and the versions of the libraries that draw and hold them."""
    import hypothesis
    import numpy

    import grader

    digest = hashlib.sha256()
    torch = sys.modules.get("torch")
    for part in (sys.version, hypothesis.__version__, numpy.__version__, getattr(torch, "__version__", "")):
        digest.update(part.encode() + b"\0")
    package = Path(grader.__file__).resolve().parent
    for folder in (package, package.parent / "reference"):
        for path in sorted(folder.rglob("*.py")):
            digest.update(str(path.relative_to(folder)).encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


class _DataOnly(pickle.Unpickler):
    """Builds numpy arrays, builtin containers and the grader's data classes; refuses the rest."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _NUMPY_GLOBALS or (module == "builtins" and name in _BUILTIN_GLOBALS):
            return super().find_class(module, name)
        if module.startswith("grader.") and module.split(".")[-1] not in ("__main__",):
            found = super().find_class(module, name)
            if isinstance(found, type) and dataclasses.is_dataclass(found):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not data")


def _data_only(blob: bytes) -> Any:
    return _DataOnly(io.BytesIO(blob)).load()


class CaseCache:
    """The kept cases of one assignment at one seed (one file), read at start and written back
    once, at the end, when a search added to them."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._kept: dict[str, list[bytes]] = {}
        self._changed = False
        try:
            loaded = _data_only(path.read_bytes())
            if isinstance(loaded, dict):
                self._kept = {k: v for k, v in loaded.items()
                              if isinstance(k, str) and isinstance(v, list) and all(isinstance(b, bytes) for b in v)}
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, ImportError,
                IndexError, KeyError, MemoryError):
            self._kept = {}

    @classmethod
    def for_run(cls, folder: Path, assignment_id: str, seed: int, examples_factor: float) -> "CaseCache":
        return cls(folder / fingerprint() / f"{assignment_id}-seed{seed}-x{examples_factor:g}.pickle")

    def cases(self, key: str) -> list[tuple[bytes, Any]] | None:
        """The cases kept for `key`, in the order they were tried, each with its pickled form
        (`pickled`); None if none are."""
        blobs = self._kept.get(key)
        if blobs is None:
            return None
        try:
            return [(blob, _data_only(blob)) for blob in blobs]
        except Exception:  # noqa: BLE001 - a damaged entry is a miss
            del self._kept[key]
            return None

    def keep(self, key: str, blobs: list[bytes]) -> None:
        """Keep `blobs` (each case pickled as it was tried) for `key`."""
        self._kept[key] = blobs
        self._changed = True

    def save(self) -> None:
        """Write the file back if a search added to it (atomically: a reader sees the old file
        or the new one); older grader versions' folders unused for a month are removed."""
        if not self._changed:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".cases-")
            with os.fdopen(handle, "wb") as f:
                pickle.dump(self._kept, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.path)
            self._changed = False
            _remove_stale(self.path.parent.parent, keep=self.path.parent.name)
        except OSError:
            pass  # a read-only or full disk: the next run draws its cases again


def pickled(case: Any) -> bytes | None:
    """`case` as the cache keeps it, or None if it is not plain data (e.g. holds a function)."""
    try:
        blob = pickle.dumps(case, protocol=pickle.HIGHEST_PROTOCOL)
        _data_only(blob)
    except Exception:  # noqa: BLE001 - not data: this search is not kept
        return None
    return blob


def _remove_stale(folder: Path, keep: str) -> None:
    now = time.time()
    try:
        entries = list(folder.iterdir())
    except OSError:
        return
    for entry in entries:
        try:
            if entry.name != keep and entry.is_dir() and now - entry.stat().st_mtime > STALE_SECONDS:
                shutil.rmtree(entry, ignore_errors=True)
        except OSError:
            pass
