"""A submission's own helper modules: the `.py` files and packages beside it that it imports.

Students who learned from a textbook keep helpers beside their file (`from common.functions
import softmax`, `import layers`). Those a submission imports, directly or through another
helper, are read here (regular files inside the submission's folder only, never through a
symbolic link, within a size budget) and handed to the worker, which imports them from memory:
the sandbox never sees the folder itself, so nothing else in it (other students' files,
solutions left lying around) can be read.
"""

from __future__ import annotations

import ast
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from grader.submission import SubmissionError, _decode, read_regular_file

#: at most this many helper files, and this much source in all
MAX_HELPER_FILES = 64
MAX_HELPER_BYTES = 2_000_000
#: how deep a package's folders are followed
MAX_PACKAGE_DEPTH = 4


@dataclass(frozen=True)
class HelperModule:
    """One importable module: `name` as imported (`common.functions`), its file relative to
    the submission's folder, its source, and whether it is a package (`__init__.py`)."""

    name: str
    filename: str
    source: str
    package: bool = False


def imported_names(source: str) -> set[str]:
    """The absolute module names `source` imports (`a.b` for `import a.b` and `from a.b import c`,
    plus `a.b.c` in case `c` is a submodule)."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return set()
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names if alias.name != "*"}
    return names


def _candidates(folder: Path, name: str) -> list[tuple[str, Path, bool]]:
    """The modules a dotted `name` and its parents stand for in `folder`: (module name, file,
    is package), outermost first; empty when its top level is not in the folder."""
    parts = name.split(".")
    found: list[tuple[str, Path, bool]] = []
    for depth in range(1, min(len(parts), MAX_PACKAGE_DEPTH) + 1):
        module = ".".join(parts[:depth])
        base = folder.joinpath(*parts[:depth])
        init = base / "__init__.py"
        if _is_plain_dir(base):
            found.append((module, init, True))
        elif _is_regular(base.with_suffix(".py")):
            found.append((module, base.with_suffix(".py"), False))
            break
        else:
            break
    return found


def _is_plain_dir(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def helper_modules(folder: Path, source: str, own_module: str) -> tuple[HelperModule, ...]:
    """The helper modules in `folder` that `source` (the submission's code) imports, transitively.

    A package folder without `__init__.py` is imported as an empty package (Python's namespace
    packages). A helper that cannot be read (a link, too large, not UTF-8) is left out: the
    import then fails in the sandbox and the report says the file must be handed in too.
    """
    todo = sorted(imported_names(source))
    found: dict[str, HelperModule] = {}
    total = 0
    while todo and len(found) < MAX_HELPER_FILES:
        for module, path, package in _candidates(folder, todo.pop()):
            if module in found or module == own_module:
                continue
            source = ""
            if _is_regular(path):
                try:
                    source = _decode(path, read_regular_file(path, MAX_HELPER_BYTES - total, within=folder))
                except SubmissionError:
                    continue
            total += len(source)
            found[module] = HelperModule(module, str(path.relative_to(folder)), source, package)
            todo.extend(sorted(imported_names(source) - set(found)))
    return tuple(found[name] for name in sorted(found))
