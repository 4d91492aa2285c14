"""Grading a whole class: one submission per student, one sandbox for all of them.

    grade-class submitted/ --assignment 05_softmax --reports reports/ > grades.csv

A class folder holds one entry per student: a file (`alice.py`, `bob.ipynb`) or a folder in
which the assignment's module is found at any depth (nbgrader's
`submitted/<student>/<assignment>/softmax.ipynb`). `grade_class` grades students one after
another in this process, with one zygote whose start is paid once for the class; `grade-class`
grades them in parallel into a gradebook (`grader.classrun`, `grader.parallel`) with the same
per-student step (`grade_into`).

Nothing one student hands in can stop the others being graded, or be graded as theirs when it
is not their own file: a student whose submission is missing, unreadable, ambiguous, a symbolic
link, a pipe, or a file that makes the grader itself fail gets a row with score 0 and the reason,
and the next student is graded as usual. The search for a student's module never follows a
symbolic link (to a file or a folder), and the file graded must really lie inside the student's
own folder. Two candidate files (say `softmax.py` and `softmax.ipynb`, or two copies in
different folders) are reported in the student's row and neither is graded: picking one
silently may grade the file the student did not mean, and grading the better one rewards
handing in several attempts; the staff remove the extra file and regrade that student.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from grader.course import ASSIGNMENTS, SUFFIXES, TORCH_ASSIGNMENTS, load_assignment
from grader.i18n import _
from grader.quiz.bank import QUIZ_ID
from grader.report import csv_text
from grader.results import AssignmentResult
from grader.runner import Options, grade
from grader.sandbox.host import Sandbox
from grader.spec import Assignment
from grader.submission import Submission, SubmissionError, load_submission

#: the most files and folders looked at in one student's folder
MAX_ENTRIES = 20_000
#: folders never searched (Jupyter's autosaves)
SKIPPED_FOLDERS = frozenset({".ipynb_checkpoints", "__pycache__"})
LINK_PROBLEM = "is a symbolic link; hand in the file itself"


@dataclass
class StudentResult:
    """One row of the class: the report, or why there is none."""

    student: str
    path: Path | None
    result: AssignmentResult | None = None
    problem: str = ""
    #: the grader failed on this student's row (not the student's file): worth a regrade
    grader_error: bool = False


@dataclass
class Found:
    """One student's entry in the class folder: the file to grade, or why there is none."""

    student: str
    path: Path | None
    problem: str = ""
    #: the folder the graded file must really lie in
    within: Path | None = None
    #: whether modules beside the file are the student's own (a folder of theirs), so helpers
    #: may import from it; never for a file handed in straight into the class folder
    own_folder: bool = True


def _shown(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def _search(folder: Path, names: frozenset[str], root: Path) -> tuple[list[Path], list[Path]]:
    """(entries named like the module, symbolic links to folders) under `folder`, found without
    following any symbolic link and without recursion (a folder nested thousands deep is fine)."""
    named, links = [], []
    pending, seen = [folder], 0
    while pending:
        current = pending.pop()
        try:
            with os.scandir(current) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as error:
            raise SubmissionError(_("{path}: cannot be read ({error})").format(path=_shown(current, root),
                                                                                 error=error.strerror)) from None
        for entry in entries:
            seen += 1
            if seen > MAX_ENTRIES:
                raise SubmissionError(_("{path}: more than {count} files and folders; hand in the assignment's "
                                        "folder only").format(path=_shown(folder, root), count=MAX_ENTRIES))
            path = Path(entry.path)
            if entry.name in names:  # any kind: links and pipes are refused with their reason
                if not entry.is_dir(follow_symlinks=False):
                    named.append(path)
                    continue
            if entry.is_symlink():
                if entry.is_dir():  # stat only; never listed
                    links.append(path)
            elif entry.is_dir(follow_symlinks=False) and entry.name not in SKIPPED_FOLDERS:
                pending.append(path)
    named.sort(key=lambda p: (len(p.parts), str(p)))
    return named, sorted(links)


def _find_in_folder(student: str, folder: Path, root: Path, module: str) -> Found:
    return find_one_file(student, folder, root, frozenset(f"{module}{suffix}" for suffix in SUFFIXES),
                         f"{module}.py or {module}.ipynb")


def find_one_file(student: str, folder: Path, root: Path, names: frozenset[str], wanted: str) -> Found:
    """The one file named in `names` in a student's `folder` (at any depth, links never
    followed), or why there is none to grade: none, several, or a link."""
    try:
        named, links = _search(folder, names, root)
    except SubmissionError as error:
        return Found(student, None, str(error))
    if not named:
        problem = _("no {wanted} handed in").format(wanted=wanted)
        if links:
            problem += _(" (symbolic links are not followed: {links})").format(
                links=", ".join(_shown(p, root) for p in links[:3]) + ("..." if len(links) > 3 else ""))
        return Found(student, None, problem)
    if len(named) > 1:
        listed = ", ".join(_shown(p, root) for p in named[:4]) + (", ..." if len(named) > 4 else "")
        return Found(student, None, f"more than one file could be the submission ({listed}); "
                                    "none was graded: hand in exactly one")
    path = named[0]
    if path.is_symlink():
        return Found(student, None, f"{_shown(path, root)} {LINK_PROBLEM}")
    return Found(student, path, within=folder)


def find_submissions(root: Path, assignment_id: str) -> list[Found]:
    """One `Found` per student under `root`, sorted by student.

    A student is a folder (`alice/`, searched at any depth) or a file (`alice.py`,
    `alice.ipynb`); hidden entries and files of other kinds are not students. A student with
    more than one entry (`alice.py` and `alice/`) gets one row saying so.
    """
    module = ASSIGNMENTS[assignment_id][0]
    entries: dict[str, list[os.DirEntry]] = {}
    with os.scandir(root) as listing:
        for entry in sorted(listing, key=lambda e: e.name):
            if entry.name.startswith("."):
                continue
            suffix = Path(entry.name).suffix
            if entry.is_dir(follow_symlinks=False):
                student = entry.name
            elif suffix in SUFFIXES and entry.name != suffix:
                student = entry.name[:-len(suffix)]
            elif entry.is_symlink() and entry.is_dir():  # a student's folder, linked from elsewhere
                student = entry.name
            else:
                continue
            entries.setdefault(student, []).append(entry)
    found = []
    for student, own in sorted(entries.items()):
        if len(own) > 1:
            found.append(Found(student, None, "more than one submission ("
                               + ", ".join(e.name for e in own) + "); none was graded: hand in exactly one"))
            continue
        entry = own[0]
        path = Path(entry.path)
        if entry.is_symlink():
            found.append(Found(student, None, f"{entry.name} {LINK_PROBLEM}"))
        elif entry.is_dir(follow_symlinks=False):
            found.append(_find_in_folder(student, path, root, module))
        else:  # a file: load_submission refuses pipes, devices and the like with their reason
            found.append(Found(student, path, within=root, own_folder=False))
    return found


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return f"{type(error).__name__}: {text.splitlines()[0][:300]}" if text else type(error).__name__


def grade_class(root: Path, assignment_id: str, options: Options,
                progress: Callable[[StudentResult], None] = lambda row: None) -> list[StudentResult]:
    """Grade every student's submission of `assignment_id` under `root`.

    Raises OSError only when `root` itself cannot be listed; anything about one student ends
    in that student's row."""
    if assignment_id == QUIZ_ID:  # answers files, each graded as its student (no code, no sandbox)
        from grader.quiz.classgrade import grade_quiz_class

        return grade_quiz_class(root, options, progress)
    assignment = load_assignment(assignment_id)
    students = find_submissions(root, assignment_id)

    def new_sandbox() -> Sandbox:
        sandbox = Sandbox(torch=assignment_id in TORCH_ASSIGNMENTS, limits=options.limits, isolate=options.isolate)
        sandbox.start()
        return sandbox

    rows = []
    sandbox = new_sandbox()
    try:
        for found in students:
            row = StudentResult(found.student, found.path, problem=found.problem)
            if found.path is not None:
                try:
                    submission = load_submission(found.path, found.within, helpers=found.own_folder)
                except SubmissionError as error:
                    row.problem = str(error)
                else:
                    if not grade_into(row, assignment, submission, options, sandbox):
                        sandbox.close()  # whatever state it was left in is not the next student's
                        sandbox = new_sandbox()
            rows.append(row)
            progress(row)
    finally:
        sandbox.close()
    return rows


def grade_into(row: StudentResult, assignment: Assignment, submission: Submission, options: Options,
               sandbox: Sandbox) -> bool:
    """Grade `submission` into `row` (its report, or why there is none); never raises.

    Returns False when grading failed in a way that may have left `sandbox` in a bad state:
    the caller must not use it for the next student."""
    try:
        row.result = grade(assignment, submission, options, sandbox)
        broken = _grader_failures(row.result)
        if broken:  # the student keeps the report, and staff are told to regrade
            row.problem = _("the grader failed on a check ({check}); grade it again on its own").format(
                check=broken[0])
            row.grader_error = True
    except SubmissionError as error:
        row.problem = str(error)
    except Exception as error:  # noqa: BLE001 - one student's row, never the class
        row.problem = _("the grader failed on this submission ({error}); grade it again on its own").format(
            error=_first_line(error))
        row.grader_error = True
        return False
    return True


def _grader_failures(result: AssignmentResult) -> list[str]:
    """Checks that failed because the grader could not run them (not the student's doing)."""
    return [f"{exercise.id}: {check.name}" for exercise in result.exercises for check in exercise.checks
            if not check.passed and check.failure is not None and check.failure.grader_error]


def report_file_name(student: str) -> str:
    """The file name of a student's JSON report: letters, digits, `_`, `.` and `-` only, never
    hidden or a path (so never outside the reports folder), and one per student (a name that
    had to change, or that looks like a changed one, carries a hash of the original, so `a b`,
    `a_b` and `a_b-<that hash>` do not collide)."""
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", student).lstrip(".")[:80]
    # a name that already ends like a hashed one is hashed too: no folder can be named after
    # another student's report file and overwrite it
    if safe != student or not safe or re.search(r"-[0-9a-f]{12}$", safe):
        digest = hashlib.sha256(student.encode("utf-8", "surrogateescape")).hexdigest()[:12]
        safe = f"{safe or 'student'}-{digest}"
    return f"{safe}.json"


def write_new_file(folder: Path, name: str, text: str) -> None:
    """Write `text` to `folder/name`, never through a symbolic link planted there."""
    if "/" in name or name in (".", ".."):
        raise ValueError(f"not a file name: {name!r}")
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(folder / name, flags, 0o644)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(0, "not a regular file")
        os.write(fd, text.encode("utf-8"))
    finally:
        os.close(fd)


def _number(value: float) -> str:
    """Points written one way in every cell: 10, 2.5, 0.6667 (never 10.0 beside 0)."""
    return f"{round(float(value), 4):g}"


class Gradebook:
    """The class's CSV, one line at a time: student, score, max_score, one column per exercise,
    problem, seed, as a gradebook imports it. Lines can be printed as students finish, so a
    run that stops halfway keeps every row already graded.

    Scores are plain numbers; text cells (student, problem) never start a spreadsheet formula
    and show control characters as escapes (see `report.csv_text`)."""

    def __init__(self, assignment_id: str, seed: int | None = None) -> None:
        if assignment_id == QUIZ_ID:  # one column per question
            from grader.quiz.classgrade import gradebook_columns

            self.exercises, self.max_score = gradebook_columns()
        else:
            assignment = load_assignment(assignment_id)
            self.exercises = [e.name for e in assignment.exercises]
            self.max_score = float(sum(e.points for e in assignment.exercises))
        self.seed = seed

    def header(self) -> str:
        return self._line(["student", "score", "max_score", *self.exercises, "problem", "seed"])

    def row(self, row: StudentResult) -> str:
        if row.result is None:
            return self._line([csv_text(row.student), _number(0), _number(self.max_score),
                               *([_number(0)] * len(self.exercises)),
                               csv_text(row.problem), "" if self.seed is None else self.seed])
        scores = {e.id: e.score for e in row.result.exercises}
        notice = "; ".join([row.problem] * bool(row.problem) + list(row.result.notices))
        return self._line([csv_text(row.student), _number(row.result.score), _number(row.result.max_score),
                           *(_number(scores.get(name, 0)) for name in self.exercises), csv_text(notice),
                           row.result.seed])

    @staticmethod
    def _line(cells: list) -> str:
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerow(cells)
        return out.getvalue()


def to_csv(rows: Iterable[StudentResult], assignment_id: str, seed: int | None = None) -> str:
    """The whole gradebook at once (see `Gradebook`)."""
    book = Gradebook(assignment_id, seed)
    return book.header() + "".join(book.row(row) for row in rows)
