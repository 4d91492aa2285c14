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
so a file planted in the cache can never change an official score. A practice run is the
student's own: code that times its calls can tell a replay (calls closer together) from a
search, and so can pass in practice what a search would fail, which is worth nothing where
scores count. A cache file is read only when it is a regular file of at most `MAX_FILE_BYTES`,
owned by this user and writable by nobody else (as ssh treats its keys), with an unpickler that
builds numpy arrays, tuples, lists, dicts and the few data classes cases are made of, named
exactly (no function is ever called by reading one).
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import pickle
import re
import stat
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

#: the variable that moves the cache (a folder), or turns it off ("off")
ENVIRONMENT_VARIABLE = "GRADER_CACHE_DIR"
#: the folder, inside the cache folder, that holds one folder of kept cases per grader version
CASES_FOLDER = "cases"
#: a grader version's folder unused for this long is removed when another one is written
STALE_SECONDS = 30 * 24 * 3600
#: a cache file larger than this is not read (a course's files are a few hundred kB each)
MAX_FILE_BYTES = 64 * 2**20
#: everything a cache file may name: what numpy pickles arrays, dtypes and scalars with, and
#: the data classes cases are made of
ALLOWED_GLOBALS = frozenset({
    ("numpy", "dtype"), ("numpy", "ndarray"),
    ("numpy._core.numeric", "_frombuffer"), ("numpy.core.numeric", "_frombuffer"),
    ("numpy._core.multiarray", "_reconstruct"), ("numpy.core.multiarray", "_reconstruct"),
    ("numpy._core.multiarray", "scalar"), ("numpy.core.multiarray", "scalar"),
    ("builtins", "complex"), ("builtins", "slice"),
    ("grader.checks", "Case"), ("grader.checks", "FromCall"),
    ("grader.sandbox.wire", "TensorValue"), ("grader.sandbox.wire", "Fixture"), ("grader.sandbox.wire", "SlotRef"),
    ("grader.exercises.optimizers", "Trajectory"), ("grader.exercises.optimizers", "TwoTrajectories"),
})


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
    from importlib import metadata

    import grader

    digest = hashlib.sha256(sys.version.encode() + b"\0")
    for library in ("hypothesis", "numpy", "torch"):
        try:
            digest.update(metadata.version(library).encode() + b"\0")
        except metadata.PackageNotFoundError:
            digest.update(b"-\0")
    package = Path(grader.__file__).resolve().parent
    for folder in (package, package.parent / "reference"):
        for path in sorted(folder.rglob("*.py")):
            digest.update(str(path.relative_to(folder)).encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


class _DataOnly(pickle.Unpickler):
    """Builds what `ALLOWED_GLOBALS` names (exactly: no dotted path past them) and plain
    containers; refuses everything else."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in ALLOWED_GLOBALS:
            return super().find_class(module, name)
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
        data = _own_regular_file(path)
        if data is None:
            return
        try:
            loaded = _data_only(data)
        except Exception:  # noqa: BLE001 - whatever a damaged or foreign file holds: a miss
            return
        if isinstance(loaded, list):  # (key, [pickled case, ...]) pairs: no dict is built from the file
            self._kept = {pair[0]: list(pair[1]) for pair in loaded
                          if isinstance(pair, tuple) and len(pair) == 2 and isinstance(pair[0], str)
                          and isinstance(pair[1], list) and pair[1] and all(isinstance(b, bytes) for b in pair[1])}

    @classmethod
    def for_run(cls, folder: Path, assignment_id: str, seed: int, examples_factor: float) -> "CaseCache":
        return cls(folder / CASES_FOLDER / fingerprint() / f"{assignment_id}-seed{seed}-x{examples_factor:g}.pickle")

    def cases(self, key: str) -> list[tuple[bytes, Any]] | None:
        """The cases kept for `key`, in the order they were tried, each with its pickled form
        (`pickled`); None if none are."""
        blobs = self._kept.get(key)
        if blobs is None:
            return None
        try:
            cases = [(blob, _data_only(blob)) for blob in blobs]
        except Exception:  # noqa: BLE001 - a damaged entry is a miss
            cases = None
        if cases is None or not all(_modest(case) for __, case in cases):
            del self._kept[key]
            return None
        return cases

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
                pickle.dump(sorted(self._kept.items()), f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.path)
            self._changed = False
            _remove_stale(self.path.parent.parent, keep=self.path.parent.name)
        except OSError:
            pass  # a read-only or full disk: the next run draws its cases again


#: a kept case is walked before it is used: at most this many values (a value met twice counts
#: twice), this deep, and this many bytes of arrays, as a call's arguments may be on the wire
MAX_CASE_VALUES = 100_000
MAX_CASE_DEPTH = 32


def _modest(case: Any) -> bool:
    """The case is of a size a call can carry: a file can share one tuple between both halves of
    another 60 times over (2**60 values in 400 bytes); copying it would never end."""
    from grader.sandbox.wire import MAX_ARRAY_BYTES

    budget, array_bytes = MAX_CASE_VALUES, 0
    pending: list[tuple[Any, int]] = [(case, 0)]
    while pending:
        value, depth = pending.pop()
        budget -= 1
        if budget < 0 or depth > MAX_CASE_DEPTH:
            return False
        if isinstance(value, np.ndarray):
            array_bytes += value.nbytes
            if array_bytes > MAX_ARRAY_BYTES:
                return False
        elif isinstance(value, (tuple, list)):
            pending.extend((item, depth + 1) for item in value)
        elif isinstance(value, dict):
            pending.extend((item, depth + 1) for item in value.values())
        elif hasattr(value, "__dataclass_fields__"):
            pending.extend((item, depth + 1) for item in vars(value).values())
    return True


def pickled(case: Any) -> bytes | None:
    """`case` as the cache keeps it, or None if it is not plain data (e.g. holds a function)."""
    try:
        blob = pickle.dumps(case, protocol=pickle.HIGHEST_PROTOCOL)
        _data_only(blob)
    except Exception:  # noqa: BLE001 - not data: this search is not kept
        return None
    return blob


def _own_regular_file(path: Path) -> bytes | None:
    """The file's bytes when it is a regular file of at most MAX_FILE_BYTES, owned by this user
    and writable by nobody else; None otherwise (a pipe is never waited on)."""
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES or info.st_uid != os.getuid() \
                or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            return None
        with os.fdopen(handle, "rb", closefd=False) as f:
            data = f.read(MAX_FILE_BYTES + 1)
        return data if len(data) <= MAX_FILE_BYTES else None
    except OSError:
        return None
    finally:
        os.close(handle)


#: a grader version's folder: the first 20 hex digits of its fingerprint
_VERSION_FOLDER = re.compile(r"[0-9a-f]{20}")


def _remove_stale(folder: Path, keep: str) -> None:
    """Remove, from the cases folder, other grader versions' folders unused for STALE_SECONDS
    (only folders named like one and holding nothing but cache files), and temporary files a
    stopped run left behind an hour ago or more."""
    now = time.time()
    try:
        entries = list(folder.iterdir())
    except OSError:
        return
    for entry in entries:
        try:
            if entry.name == keep or not _VERSION_FOLDER.fullmatch(entry.name) or not entry.is_dir() \
                    or entry.is_symlink() or now - entry.stat().st_mtime <= STALE_SECONDS:
                continue
            files = list(entry.iterdir())
            if all(f.is_file() and not f.is_symlink() and (f.suffix == ".pickle" or f.name.startswith(".cases-"))
                   for f in files):
                for f in files:
                    f.unlink()
                entry.rmdir()
        except OSError:
            pass
    try:
        for leftover in (folder / keep).glob(".cases-*"):
            if now - leftover.stat().st_mtime > 3600:
                leftover.unlink()
    except OSError:
        pass
