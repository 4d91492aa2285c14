"""The course: which assignments exist, and which assignment a path on disk belongs to."""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from grader.i18n import _
from grader.quiz.bank import QUIZ_ID
from grader.quiz.commands import course_quiz_file, is_quiz_file, is_quiz_folder, quiz_file_in
from grader.results import AssignmentResult, CheckResult, ExerciseResult, Failure
from grader.submission import SubmissionError

if TYPE_CHECKING:  # the checks (hypothesis, numpy) load with a spec, after `grade` starts its sandboxes
    from grader.spec import Assignment

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
    """The assignment's spec; in the student copy (no reference, no specs) its recording."""
    from grader.replay import installed_recording, recorded_assignment

    recording = installed_recording()
    if recording is not None:
        return recorded_assignment(recording, assignment_id)
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


def _course_base(root: Path) -> Path:
    return root / "assignments" if (root / "assignments").is_dir() else root


def _course_folders(root: Path) -> list[tuple[str, Path]]:
    """(assignment id, file) for each assignment found; one whose folder cannot be read is not
    here (see `course_gaps`)."""
    base = _course_base(root)
    found = []
    for assignment_id in ASSIGNMENTS:
        try:
            file = _assignment_files(base / assignment_id, assignment_id) if (base / assignment_id).is_dir() else None
        except OSError:
            file = None
        if file is not None:
            found.append((assignment_id, file))
    return found


def _is_course(path: Path | None, assignment_id: str | None) -> bool:
    """Whether `resolve(path, assignment_id)` grades the course (not one assignment)."""
    target = Path.cwd() if path is None else path
    try:
        return (assignment_id is None and target.is_dir() and not target.is_symlink() and _id_for_folder(target) is None
                and not is_quiz_folder(target))
    except OSError:
        return False


def course_gaps(path: Path | None, assignment_id: str | None = None) -> tuple[list[tuple[str, Path, str]],
                                                                           list[tuple[str, str]]]:
    """For the course (what `resolve` grades when pointed at the course root): the assignments it
    cannot grade, as (unreadable, missing). Unreadable, (id, folder, why): the folder is there
    but cannot be read; it counts 0 in the course total. Missing, (id, why): no folder, or no
    module in it; named in the total, not counted. Both empty when `path` is one assignment."""
    unreadable: list[tuple[str, Path, str]] = []
    missing: list[tuple[str, str]] = []
    if not _is_course(path, assignment_id):
        return unreadable, missing
    root = Path.cwd() if path is None else path
    base = _course_base(root)
    for assignment_id_, (module, _kind) in ASSIGNMENTS.items():
        folder = base / assignment_id_
        try:
            if not folder.is_dir():
                what = _("{folder} is not a folder") if os.path.lexists(folder) else _("{folder} is not there")
                missing.append((assignment_id_, what.format(folder=folder)))
            elif _assignment_files(folder, assignment_id_) is None:
                missing.append((assignment_id_, _('no {module}.py or {module}.ipynb in {folder}').format(module=module, folder=folder)))
        except OSError as error:
            unreadable.append((assignment_id_, folder, _('{folder}: cannot be read ({strerror})').format(folder=folder, strerror=error.strerror or error)))
    return unreadable, missing


def unreadable_result(assignment_id: str, source: Path, seed: int, reason: str) -> AssignmentResult:
    """An assignment of the course whose file or folder cannot be read: every exercise scores 0,
    its one check (`readable`) failing with `reason`, which is also the result's notice, so each
    report format says why (and counts it in the total)."""
    failure = Failure(reason)
    exercises = [ExerciseResult(exercise.name, float(exercise.points),
                                [CheckResult("readable", False, 0.0, float(exercise.points), reason, failure)])
                 for exercise in load_assignment(assignment_id).exercises]
    return AssignmentResult(assignment_id, str(source), seed, exercises, notices=[reason],
                            environment={"unreadable": reason})


def resolve(path: Path | None, assignment_id: str | None = None) -> list[tuple[str, Path]]:
    """(assignment id, file to grade) pairs for what the student pointed at.

    No path: the current folder (an assignment folder or the course root). A folder: an
    assignment folder, `assignments/` or the course root. A file: its assignment comes from
    `assignment_id`, else its folder's name, else its file name (`softmax.py` -> 05_softmax).
    A file is never read through a symbolic link: a link named as PATH is refused here, one
    found in a folder when it is loaded (`load_submission(file, within=folder)`).
    """
    if assignment_id is not None and assignment_id not in ASSIGNMENTS and assignment_id != QUIZ_ID:
        raise SubmissionError(_('unknown assignment {assignment_id}; known: {known}').format(
            assignment_id=repr(assignment_id), known=', '.join([*ASSIGNMENTS, QUIZ_ID])))
    target = Path.cwd() if path is None else path
    if target.is_symlink() and not target.is_dir():
        raise SubmissionError(_('{target}: is a symbolic link; hand in the file itself').format(target=target))
    if not target.exists():
        raise SubmissionError(_('{target}: no such file or folder').format(target=target))
    if target.is_dir():
        if assignment_id == QUIZ_ID or (assignment_id is None and is_quiz_folder(target)):
            return [(QUIZ_ID, quiz_file_in(target))]  # the quiz: an answers file, not code
        own = assignment_id or _id_for_folder(target)
        if own is not None:
            file = _assignment_files(target, own)
            if file is None:
                module = ASSIGNMENTS[own][0]
                raise SubmissionError(_('{target}: no {module}.py or {module}.ipynb in this folder').format(target=target, module=module))
            return [(own, file)]
        found = _course_folders(target)
        quiz = course_quiz_file(target)
        found += [(QUIZ_ID, quiz)] if quiz is not None else []
        if not found:
            raise SubmissionError(_('{target}: not an assignment folder or a course folder (expected e.g. 01_activations/activations.py)').format(target=target))
        return found
    if assignment_id == QUIZ_ID or (assignment_id is None and is_quiz_file(target)):
        return [(QUIZ_ID, target)]
    if target.suffix not in SUFFIXES:
        raise SubmissionError(_('{target}: expected a .py module or a .ipynb notebook').format(target=target))
    own = assignment_id or (target.parent.name if target.parent.name in ASSIGNMENTS else None) \
        or MODULE_TO_ID.get(target.stem)
    if own is None:
        names = ", ".join(f"{module}{target.suffix}" for module in MODULE_TO_ID)
        raise SubmissionError(_('{target}: cannot tell which assignment this is; name it one of {names}, or pass --assignment ID').format(target=target, names=names))
    return [(own, target)]
