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


def imported_names(source: str, package: str = "") -> set[str]:
    """The absolute module names `source` imports (`a.b` for `import a.b` and `from a.b import c`,
    plus `a.b.c` in case `c` is a submodule); relative imports resolved inside `package`."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return set()
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level > 0:
                parts = package.split(".") if package else []
                if not parts or node.level - 1 > len(parts) - 1:
                    continue
                module = ".".join(parts[:len(parts) - (node.level - 1)] + ([module] if module else []))
            if module:
                names.add(module)
                names |= {f"{module}.{alias.name}" for alias in node.names if alias.name != "*"}
    return names


def _candidates(folder: Path, name: str) -> list[tuple[str, Path, bool]]:
    """The modules a dotted `name` and its parents stand for in `folder`: (module name, file,
    is package), outermost first; empty when its top level is not in the folder. Python's
    order: a package (folder with `__init__.py`), a module (`name.py`), then a namespace
    package (a folder without `__init__.py`)."""
    parts = name.split(".")
    found: list[tuple[str, Path, bool]] = []
    for depth in range(1, min(len(parts), MAX_PACKAGE_DEPTH) + 1):
        module = ".".join(parts[:depth])
        base = folder.joinpath(*parts[:depth])
        init = base / "__init__.py"
        if _is_plain_dir(base) and os.path.lexists(init):
            found.append((module, init, True))
        elif os.path.lexists(base.with_suffix(".py")):
            found.append((module, base.with_suffix(".py"), False))
            break
        elif _is_plain_dir(base):
            found.append((module, init, True))
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


@dataclass(frozen=True)
class Helpers:
    """The helper modules found (`modules`), and why each module that was there but could not
    be used was left out (`left_out`: module name -> one line)."""

    modules: tuple[HelperModule, ...] = ()
    left_out: tuple[tuple[str, str], ...] = ()

    def __iter__(self):  # noqa: ANN204 - iterating gives the modules
        return iter(self.modules)

    def __len__(self) -> int:
        return len(self.modules)

    def why_left_out(self, module: str) -> str | None:
        return dict(self.left_out).get(module)


def helper_modules(folder: Path, source: str, own_module: str) -> Helpers:
    """The helper modules in `folder` that `source` (the submission's code) imports, transitively.

    A package folder without `__init__.py` is imported as an empty package (Python's namespace
    packages). A helper that cannot be read (a link, too large, not UTF-8) is left out, with its
    reason: the import then fails in the sandbox and the report says why.
    """
    todo = sorted(imported_names(source))
    found: dict[str, HelperModule] = {}
    left_out: dict[str, str] = {}
    total = 0
    while todo and len(found) < MAX_HELPER_FILES:
        for module, path, package in _candidates(folder, todo.pop()):
            if module in found or module in left_out or module == own_module:
                continue
            source = ""
            if os.path.lexists(path):
                try:
                    source = _decode(path, read_regular_file(path, MAX_HELPER_BYTES - total, within=folder))
                except SubmissionError as error:
                    left_out[module] = str(error)
                    break
            total += len(source)
            found[module] = HelperModule(module, str(path.relative_to(folder)), source, package)
            context = module if package else module.rpartition(".")[0]
            todo.extend(sorted(imported_names(source, context) - set(found) - set(left_out)))
    return Helpers(tuple(found[name] for name in sorted(found)), tuple(sorted(left_out.items())))
