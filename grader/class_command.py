"""The `grade-class` command: a whole class, in parallel or on a cluster, into the gradebook."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from grader.course import ASSIGNMENTS
from grader.i18n import language_option
from grader.i18n import _
from grader.quiz.bank import QUIZ_ID


@click.command(context_settings={"help_option_names": ["-h", "--help"]}, help=_("""Grade a whole class: FOLDER holds one file or folder per student; prints a CSV gradebook
(one row per student) and keeps every row in a SQLite gradebook as it is graded.

\b
Examples:
  grade-class submitted/ --assignment 05_softmax > grades.csv
  grade-class submitted/ --assignment 05_softmax --reports reports/ --nbgrader course/
  grade-class submitted/ --assignment 05_softmax --scheduler tcp://10.0.0.5:8786

Progress goes to stderr, one line per student (and a bar in a terminal). Exit status 0 means
grading ran; 130 when stopped (Ctrl-C): run the same command again to finish."""))
@language_option()
@click.argument("folder", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option("--assignment", "assignment_id", type=click.Choice([*ASSIGNMENTS, QUIZ_ID]), required=True,
              help=_("The assignment every student handed in (07_quiz: each student's answers file, graded "
                     "with the numbers of the student's folder or file name)."))
@click.option("--seed", type=int, default=None,
              help=_("Seed for every generated input (default: a fresh secret seed, written in the CSV's "
                     "seed column and each report; pass it to replay the run exactly). With --seed, a row "
                     "graded earlier with another seed is graded again."))
@click.option("--device", type=click.Choice(["auto", "cpu", "cuda"]), default="auto", show_default=True,
              help=_("Where the PyTorch exercises and references run."))
@click.option("--no-timing", is_flag=True, help=_("Skip the timing checks (their points count for the other checks)."))
@click.option("--reports", type=click.Path(path_type=Path, file_okay=False),
              help=_("Also write each student's JSON report (as `grade --format json`) to this folder."))
@click.option("--jobs", "-j", type=click.IntRange(1), default=None,
              help=_("Worker processes grading at once, each with its own sandbox (default: one per core; "
                     "1 grades in this process)."))
@click.option("--scheduler", metavar="ADDRESS",
              help=_("Grade on a Dask distributed cluster (its scheduler, e.g. tcp://host:8786); the gradebook "
                     "stays here. Start each worker with --nthreads 1 and the same dl-grader installed."))
@click.option("--gradebook", "gradebook_path", type=click.Path(path_type=Path, dir_okay=False),
              help=_("The SQLite gradebook (default: FOLDER/.gradebook.sqlite). Rows whose code did not change "
                     "since they were graded are kept, not graded again: rerun a stopped batch to finish it."))
@click.option("--regrade", is_flag=True, help=_("Grade every submission again, changed or not."))
@click.option("--nbgrader", "nbgrader_course", type=click.Path(path_type=Path, file_okay=False, exists=True),
              help=_("Also write the scores into this nbgrader course's gradebook (made by `grade-teacher "
                     "generate`), through nbgrader's API."))
@click.option("--progress/--no-progress", "bar", default=None,
              help=_("A progress bar on stderr (default: when stderr is a terminal)."))
@click.option("--examples", "examples_factor", type=click.FloatRange(0.05, 1.0), default=1.0, hidden=True)
def class_main(folder: Path, assignment_id: str, seed: int | None, device: str, no_timing: bool,
               reports: Path | None, jobs: int | None, scheduler: str | None, gradebook_path: Path | None,
               regrade: bool, nbgrader_course: Path | None, bar: bool | None, examples_factor: float) -> None:
    """Grade a whole class (the help text is the command's `help=`, translated)."""
    from grader.batch import Gradebook, StudentResult, report_file_name, write_new_file
    from grader.cli import official_options
    from grader.gradebook import DEFAULT_NAME, ClassGradebook, GradebookError, StoredRow
    from grader.progress import ClassProgress
    from grader.report import to_json

    options = official_options(seed, device, no_timing, examples_factor, reports)
    csv_book = Gradebook(assignment_id, options.seed)
    progress = ClassProgress(bar)

    def say(line: str) -> None:
        progress.say(f"grade-class: {line}")

    # CSV rows in student order, each as soon as it and every row before it are known
    order: list[str] = []
    waiting: dict[str, StoredRow] = {}

    def start(students: list[str], to_grade: int) -> None:
        order.extend(reversed(students))
        progress.start(to_grade)

    def write_row(row: StoredRow, how: str) -> None:
        waiting[row.student] = row
        while waiting and (not order or order[-1] in waiting):
            ready = waiting.pop(order.pop() if order else row.student)
            click.echo(csv_book.row(StudentResult(ready.student, None, ready.result, ready.problem)), nl=False)
        if row.result is None:
            line = f"{row.student}: {row.problem}"
        else:
            line = f"{row.student}: {row.result.score:g} / {row.result.max_score:g}" + \
                   (_(" (unchanged, kept)") if how == "unchanged" else "")
        if how == "graded":  # the bar counts gradings; kept rows are only listed
            progress.advance(line, row.grader_error)
        else:
            progress.say(line)
        if reports is not None and row.result is not None:
            try:
                write_new_file(reports, report_file_name(row.student), to_json([row.result]) + "\n")
            except OSError as error:
                say(_("{student}: the report could not be written ({error})").format(student=row.student,
                                                                                      error=error.strerror))

    try:
        book = ClassGradebook(gradebook_path or folder / DEFAULT_NAME)
    except GradebookError as error:
        say(_("{error} (choose another file with --gradebook)").format(error=error))
        sys.exit(1)
    click.echo(csv_book.header(), nl=False)
    try:
        with book, progress, _executor(assignment_id, jobs, scheduler) as executor:
            summary = _grade(folder, assignment_id, options, book, executor, write_row, start, regrade,
                             same_seed=seed is not None)
        for row in waiting.values():  # none should wait once every student is done; never dropped
            click.echo(csv_book.row(StudentResult(row.student, None, row.result, row.problem)), nl=False)
    except KeyboardInterrupt:
        progress.stop()
        say(_("stopped; every row finished is kept in {path}: run the same command again to grade the rest"
              ).format(path=book.path))
        sys.exit(130)
    except OSError as error:
        say(_("{folder}: cannot be read ({error})").format(folder=folder, error=error.strerror or error))
        sys.exit(1)
    if summary.unchanged or progress.bar:
        say(_("{graded} graded, {unchanged} unchanged since they were graded (kept), {not_graded} with nothing "
              "to grade; gradebook: {path}").format(graded=summary.graded, unchanged=summary.unchanged,
                                                    not_graded=summary.not_graded, path=book.path))
    if nbgrader_course is not None:
        _export_nbgrader(nbgrader_course, assignment_id, summary.rows, say)
    tried = [row for row in summary.rows if row.content_hash is not None]
    if tried and all(row.grader_error for row in tried):
        say(_("grading could not run for any student ({problem})").format(problem=tried[-1].problem))
        sys.exit(1)


def _executor(assignment_id: str, jobs: int | None, scheduler: str | None):  # noqa: ANN202 - an Executor
    from grader.parallel import DaskExecutor, LocalExecutor, SerialExecutor, default_processes

    if scheduler:
        return DaskExecutor(scheduler)
    processes = jobs or default_processes()
    return SerialExecutor() if processes == 1 or assignment_id == QUIZ_ID else LocalExecutor(processes)


def _grade(folder, assignment_id, options, book, executor, write_row, start, regrade, same_seed):  # noqa: ANN001, ANN202
    from grader.classrun import run_class, run_quiz_class

    if assignment_id == QUIZ_ID:  # answers files: no code, no sandbox, graded in order at once
        return run_quiz_class(folder, options, book, write_row)
    return run_class(folder, assignment_id, options, book, executor, on_row=write_row, on_start=start,
                     regrade=regrade, same_seed=same_seed)


def _export_nbgrader(course: Path, assignment_id: str, rows: list, say) -> None:  # noqa: ANN001
    from grader.teacher import TeacherError, export_scores

    try:
        done = export_scores(course, assignment_id, rows)
    except ImportError as error:
        say(_("--nbgrader: {error}; install the teacher's tools: pip install 'dl-grader[teacher]'").format(
            error=error))
        sys.exit(1)
    except (TeacherError, OSError) as error:
        say(f"--nbgrader: {error}")
        sys.exit(1)
    say(_("{count} student(s) written into nbgrader's gradebook of {course}").format(count=len(done),
                                                                                      course=course))
