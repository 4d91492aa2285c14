"""`grade-class FOLDER --assignment 07_quiz`: every student's answers file, graded as that student.

A class folder holds one entry per student, as for code: `alice.toml`, or a folder `alice/` with
an `answers.toml` at any depth (nbgrader's `submitted/alice/07_quiz/answers.toml`). The
student's id is the entry's name, so the numbers graded are that student's, whatever id the
file names (a file naming someone else gets a notice in the row). The search, the refusal of
links and the one-row-per-student rules are those of `grader.batch`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from grader.batch import LINK_PROBLEM, Found, StudentResult, _first_line, find_one_file
from grader.i18n import _
from grader.quiz.bank import ANSWERS_FILE, Bank, load_bank
from grader.quiz.grading import grade_file
from grader.runner import Options
from grader.submission import SubmissionError

SUFFIX = ".toml"


def _find_in_folder(student: str, folder: Path, root: Path) -> Found:
    return find_one_file(student, folder, root, frozenset({ANSWERS_FILE}), ANSWERS_FILE)


def find_answer_files(root: Path) -> list[Found]:
    """One `Found` per student under `root` (a folder, or a `<student>.toml` file), sorted."""
    entries: dict[str, list[os.DirEntry]] = {}
    with os.scandir(root) as listing:
        for entry in sorted(listing, key=lambda e: e.name):
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False) or (entry.is_symlink() and entry.is_dir()):
                student = entry.name
            elif entry.name.endswith(SUFFIX) and entry.name != SUFFIX:
                student = entry.name[:-len(SUFFIX)]
            else:
                continue
            entries.setdefault(student, []).append(entry)
    found = []
    for student, own in sorted(entries.items()):
        if len(own) > 1:
            found.append(Found(student, None, _("more than one submission ({names}); none was graded: hand in "
                                                "exactly one").format(names=", ".join(e.name for e in own))))
            continue
        entry = own[0]
        path = Path(entry.path)
        if entry.is_symlink():
            found.append(Found(student, None, f"{entry.name} {LINK_PROBLEM}"))
        elif entry.is_dir(follow_symlinks=False):
            found.append(_find_in_folder(student, path, root))
        else:
            found.append(Found(student, path, within=root))
    return found


def grade_quiz_class(root: Path, options: Options, progress: Callable[[StudentResult], None] = lambda row: None,
                     bank: Bank | None = None) -> list[StudentResult]:
    """Grade every student's answers file under `root`, each with the numbers of the student's
    own name. Raises OSError only when `root` cannot be listed (BankError for a broken bank)."""
    bank = load_bank() if bank is None else bank
    rows = []
    for found in find_answer_files(root):
        row = StudentResult(found.student, found.path, problem=found.problem)
        if found.path is not None:
            try:
                row.result = grade_file(bank, found.path, teacher_student=found.student, seed=options.seed,
                                        within=found.within)
            except SubmissionError as error:
                row.problem = str(error)
            except Exception as error:  # noqa: BLE001 - one student's row, never the class
                row.problem = _("the grader failed on this submission ({error}); grade it again on its own").format(
                    error=_first_line(error))
                row.grader_error = True
        rows.append(row)
        progress(row)
    return rows


def gradebook_columns(bank: Bank | None = None) -> tuple[list[str], float]:
    """The gradebook's exercise columns (question ids) and the quiz's maximum score."""
    bank = load_bank() if bank is None else bank
    return [q.id for q in bank.questions], bank.max_score
