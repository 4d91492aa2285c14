"""The course: which assignments exist, and which assignment a path on disk belongs to."""

from __future__ import annotations

import importlib
from pathlib import Path

from grader.spec import Assignment
from grader.submission import SubmissionError

#: assignment id -> (student module name, spec module)
ASSIGNMENTS: dict[str, tuple[str, str]] = {
    "01_activations": ("activations", "grader.exercises.activations"),
    "02_backprop": ("backprop", "grader.exercises.backprop"),
    "03_optimizers": ("optimizers", "grader.exercises.optimizers"),
    "04_convolution": ("convolution", "grader.exercises.convolution"),
    "05_softmax": ("softmax", "grader.exercises.softmax"),
    "06_attention": ("attention", "grader.exercises.attention"),
}
#: assignments whose student code is PyTorch (their sandbox preloads torch)
TORCH_ASSIGNMENTS = frozenset({"06_attention"})
MODULE_TO_ID = {module: assignment_id for assignment_id, (module, _) in ASSIGNMENTS.items()}
SUFFIXES = (".py", ".ipynb")


def load_assignment(assignment_id: str) -> Assignment:
    return importlib.import_module(ASSIGNMENTS[assignment_id][1]).ASSIGNMENT


def _assignment_files(folder: Path, assignment_id: str) -> Path | None:
    """The assignment's module in `folder`. A symbolic link or other non-regular file by that name
    is returned too (not skipped, not followed): loading it then says why it cannot be graded."""
    module = ASSIGNMENTS[assignment_id][0]
    for suffix in SUFFIXES:
        candidate = folder / f"{module}{suffix}"
        if candidate.is_symlink() or (candidate.exists() and not candidate.is_dir()):
            return candidate
    return None


def _id_for_folder(folder: Path) -> str | None:
    if folder.name in ASSIGNMENTS:
        return folder.name
    found = [aid for aid in ASSIGNMENTS if _assignment_files(folder, aid)]
    return found[0] if len(found) == 1 else None


def _course_folders(root: Path) -> list[tuple[str, Path]]:
    base = root / "assignments" if (root / "assignments").is_dir() else root
    found = []
    for assignment_id in ASSIGNMENTS:
        file = _assignment_files(base / assignment_id, assignment_id) if (base / assignment_id).is_dir() else None
        if file is not None:
            found.append((assignment_id, file))
    return found


def resolve(path: Path | None, assignment_id: str | None = None) -> list[tuple[str, Path]]:
    """(assignment id, file to grade) pairs for what the student pointed at.

    No path: the current folder (an assignment folder or the course root). A folder: an
    assignment folder, `assignments/` or the course root. A file: its assignment comes from
    `assignment_id`, else its folder's name, else its file name (`softmax.py` -> 05_softmax).
    A file is never read through a symbolic link: a link named as PATH is refused here, one
    found in a folder when it is loaded (`load_submission(file, within=folder)`).
    """
    if assignment_id is not None and assignment_id not in ASSIGNMENTS:
        raise SubmissionError(f"unknown assignment {assignment_id!r}; known: {', '.join(ASSIGNMENTS)}")
    target = Path.cwd() if path is None else path
    if target.is_symlink() and not target.is_dir():
        raise SubmissionError(f"{target}: is a symbolic link; hand in the file itself")
    if not target.exists():
        raise SubmissionError(f"{target}: no such file or folder")
    if target.is_dir():
        own = assignment_id or _id_for_folder(target)
        if own is not None:
            file = _assignment_files(target, own)
            if file is None:
                module = ASSIGNMENTS[own][0]
                raise SubmissionError(f"{target}: no {module}.py or {module}.ipynb in this folder")
            return [(own, file)]
        found = _course_folders(target)
        if not found:
            raise SubmissionError(f"{target}: not an assignment folder or a course folder "
                                  f"(expected e.g. 01_activations/activations.py)")
        return found
    if target.suffix not in SUFFIXES:
        raise SubmissionError(f"{target}: expected a .py module or a .ipynb notebook")
    own = assignment_id or (target.parent.name if target.parent.name in ASSIGNMENTS else None) \
        or MODULE_TO_ID.get(target.stem)
    if own is None:
        names = ", ".join(f"{module}{target.suffix}" for module in MODULE_TO_ID)
        raise SubmissionError(f"{target}: cannot tell which assignment this is; name it one of "
                              f"{names}, or pass --assignment ID")
    return [(own, target)]
