"""A whole class into the gradebook: find each student's submission, skip what is graded
already, grade the rest on an executor, record each row as it finishes.

    with ClassGradebook(path) as book, LocalExecutor(4) as executor:
        summary = run_class(folder, "05_softmax", options, book, executor, on_row=print)

What a student handed in is read here, on the teacher's machine (the file and the helper modules
it imports), and hashed: a student whose code, seed, settings and grader version are those of
their row already is not graded again, so re-running a batch that was stopped halfway grades
only what it had not finished, and re-running a finished one grades nothing. Rows that need no
grading (no file, two candidate files, a file that cannot be read) are written at once; every
other row is written when its grading comes back, keyed by the student this run dispatched.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from grader.batch import find_submissions
from grader.course import ASSIGNMENTS
from grader.gradebook import ClassGradebook, StoredRow, grader_version
from grader.i18n import _
from grader.parallel import Executor, Job, Outcome
from grader.results import AssignmentResult
from grader.runner import Options
from grader.submission import Submission, SubmissionError, load_submission, with_helpers


def settings_key(options: Options) -> str:
    """The grading settings a row depends on (besides the seed), as one comparable string."""
    return json.dumps({"timing": options.timing, "device": options.device, "language": options.language,
                       "examples": options.examples_factor,
                       "only": sorted(options.only) if options.only is not None else None}, sort_keys=True)


def content_hash(assignment_id: str, submission: Submission) -> str:
    """A digest of everything of the student's that grading reads: the file's name, its code
    (a notebook's cells one by one) and the helper modules it imports."""
    helpers = submission.helpers
    document = [assignment_id, submission.filename, submission.source, [list(c) for c in submission.cells],
                [[m.name, m.filename, m.source, m.package] for m in helpers] if helpers is not None else None,
                [list(item) for item in helpers.left_out] if helpers is not None else None]
    return hashlib.sha256(json.dumps(document).encode("utf-8", "surrogateescape")).hexdigest()


@dataclass
class Summary:
    """What a run did: `graded` now, `unchanged` (kept from an earlier run), `not_graded` (no
    file to grade), `failed` (the grader failed: worth a regrade), and every row in order."""

    total: int = 0
    graded: int = 0
    unchanged: int = 0
    not_graded: int = 0
    failed: int = 0
    rows: list[StoredRow] = field(default_factory=list)


#: on_row(row, how): how is "graded", "unchanged" or "not graded"
RowCallback = Callable[[StoredRow, str], None]


def run_class(root: Path, assignment_id: str, options: Options, book: ClassGradebook, executor: Executor,
              on_row: RowCallback = lambda row, how: None,
              on_start: Callable[[list[str], int], None] = lambda students, to_grade: None,
              regrade: bool = False, same_seed: bool = False) -> Summary:
    """Grade `assignment_id`'s class in `root` into `book`; what is graded now uses `options.seed`.

    A row of unchanged content keeps the seed it was graded with, unless `same_seed` (the
    teacher chose the seed: a row graded with another one is graded again). `regrade`: grade
    every submission, even unchanged ones. `on_start(students, to_grade)` is told the students
    (sorted) and how many will be graded once the folder is read; `on_row` each row as it is
    recorded (in the order they finish). Raises OSError only when
    `root` cannot be listed; anything about one student ends in their row."""
    version = grader_version()
    settings = settings_key(options)
    module = ASSIGNMENTS[assignment_id][0]
    students = find_submissions(root, assignment_id)
    run = book.start_run(assignment_id, options.seed, settings, version)
    summary = Summary(total=len(students))
    jobs: list[Job] = []
    hashes: list[str] = []
    ready: list[tuple[StoredRow, str]] = []
    for found in students:
        row = StoredRow(found.student, None, problem=found.problem, seed=options.seed, run=run)
        if found.path is not None:
            try:
                submission = with_helpers(load_submission(found.path, found.within, helpers=found.own_folder),
                                          module)
            except SubmissionError as error:
                row.problem = str(error)
            else:
                digest = content_hash(assignment_id, submission)
                if not regrade and book.is_current(assignment_id, found.student, digest,
                                                   options.seed if same_seed else None, settings,
                                                   version):
                    ready.append((book.rows(assignment_id, [found.student])[0], "unchanged"))
                    continue
                jobs.append(Job(found.student, assignment_id, submission, options))
                hashes.append(digest)
                continue
        kept = book.rows(assignment_id, [found.student])
        if kept and kept[0].content_hash is None and kept[0].problem == row.problem and kept[0].result is None:
            row = kept[0]  # the same reason as last time: the row stays as it was
        else:
            book.record(assignment_id, run, row, settings, version)
        ready.append((row, "not graded"))
    on_start([found.student for found in students], len(jobs))
    for row, how in ready:
        _count(summary, row, how)
        on_row(row, how)
    to_confirm: list[tuple[int, StoredRow]] = []
    for index, outcome in executor.results(jobs):
        job = jobs[index]  # the row is the dispatched student's, whatever came back
        row = _row(job, hashes[index], outcome, version, run)
        if row.result is not None and close_timing_failures(row.result):
            to_confirm.append((index, row))  # recorded once confirmed (a stop before grades it again)
            continue
        book.record(assignment_id, run, row, settings, version)
        _count(summary, row, "graded")
        on_row(row, "graded")
    for index, row in to_confirm:
        confirm_timing(row, jobs[index], executor)
        book.record(assignment_id, run, row, settings, version)
        _count(summary, row, "graded")
        on_row(row, "graded")
    return summary


def close_timing_failures(result: AssignmentResult) -> list[str]:
    """The exercises whose timing check failed close to its limit (`AssignmentResult.close_timing_failures`):
    under a whole class's load such a verdict may be the machine's, not the code's."""
    return result.close_timing_failures()


def confirm_timing(row: StoredRow, job: Job, executor: Executor) -> None:
    """Measure the close timing failures of `row` again, alone (the executor grades nothing
    else meanwhile; the same seed, so the same inputs), and keep the better verdict. Only the
    timing check's result changes; the rest of the report stays as graded."""
    exercises = close_timing_failures(row.result)
    again = Job(job.student, job.assignment_id, job.submission, replace(job.options, only=frozenset(exercises)))
    outcome = next(iter(dict(executor.results([again])).values()), None)
    if outcome is None or outcome.result is None:
        return
    row.result.take_passed_timing(outcome.result, exercises, _(
        "timing: measured again after the class was graded, with nothing else of the class running; this "
        "measurement counts"))


def _row(job: Job, digest: str, outcome: Outcome, version: str, run: int) -> StoredRow:
    if outcome.version and outcome.version != version and not outcome.grader_error:
        return StoredRow(job.student, digest, None, _(
            "graded by another grader version ({theirs}, this one is {ours}): install the same dl-grader on every "
            "worker, then grade it again").format(theirs=outcome.version, ours=version), True, job.options.seed, run)
    return StoredRow(job.student, digest, outcome.result, outcome.problem, outcome.grader_error,
                     job.options.seed, run)


def _count(summary: Summary, row: StoredRow, how: str) -> None:
    summary.rows.append(row)
    if how == "graded":
        summary.graded += 1
    elif how == "unchanged":
        summary.unchanged += 1
    else:
        summary.not_graded += 1
    summary.failed += row.grader_error


def run_quiz_class(root: Path, options: Options, book: ClassGradebook, on_row: RowCallback) -> Summary:
    """The quiz's class (answers files, no code to sandbox): every row graded and recorded."""
    from grader.batch import StudentResult
    from grader.quiz.bank import QUIZ_ID
    from grader.quiz.classgrade import grade_quiz_class

    version, settings = grader_version(), settings_key(options)
    run = book.start_run(QUIZ_ID, options.seed, settings, version)
    summary = Summary()

    def record(graded: StudentResult) -> None:
        row = StoredRow(graded.student, None, graded.result, graded.problem, graded.grader_error, options.seed, run)
        book.record(QUIZ_ID, run, row, settings, version)
        how = "graded" if row.result is not None else "not graded"
        _count(summary, row, how)
        on_row(row, how)

    summary.total = len(grade_quiz_class(root, options, record))
    return summary
