"""The `grade` command."""

from __future__ import annotations

import os
import secrets
import shutil
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from grader.audit.command import audit_command
from grader.i18n import N_, _, language_option
from grader.course import ASSIGNMENTS, TORCH_ASSIGNMENTS, course_gaps, resolve
from grader.quiz.bank import QUIZ_ID
from grader.quiz.commands import GradeCommand, grade_quiz_targets
from grader.submission import SubmissionError

#: the report formats printed as one document (besides the text report)
DOCUMENT_FORMATS = ("json", "gradescope", "junit", "markdown", "classroom")
#: `grade --fail-under SCORE`'s exit status when the score is below SCORE (1 stays "could not run")
FAIL_UNDER_STATUS = 3
#: a drawn seed is below this (any int works; these stay short enough to read and type)
SEED_RANGE = 2**31


#: `grade --help` (click's `\b` keeps the next paragraph's lines as written)
GRADE_HELP = N_("""Grade PATH: an assignment folder, a .py module, a .ipynb notebook, or the course.

With no PATH, grades what it finds in the current folder (an assignment folder or the
course root). A file outside the course is matched to its assignment by its name
(softmax.py is 05_softmax); --assignment says it outright.

\b
Examples:
  grade                                   the folder you are in
  grade assignments/05_softmax            one assignment
  grade ~/work/my_softmax.ipynb --assignment 05_softmax
  grade --no-timing                       quicker, without the timing checks
  grade --format json > report.json       one JSON document

The report lists each exercise's points, why a check failed (with the smallest failing
call) and ends with the command that replays it exactly. Exit status 0 means grading ran
(whatever the score); non-zero means it could not run, with the reason on stderr (with
--fail-under SCORE, also 3 when the total is below SCORE).

Teaching staff: `grade-class` grades a class; `grade-teacher` rebuilds the notebooks from
the stubs, makes nbgrader releases and writes sandboxed scores into nbgrader's gradebook
(see `grade-teacher -h`); `grade audit [ASSIGNMENT|EXERCISE]` measures how strong the
checks are, by grading mutants of the model solutions (see `grade audit -h`).
""")


def _running_in_ci() -> bool:
    """CI=true (GitHub Actions, GitLab CI, most others set it): grading is official."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no", "off")


def _student_copy() -> bool:
    from grader.replay import installed_recording

    return installed_recording() is not None


def choose_seed(seed: int | None, official: bool) -> int:
    """The seed to grade with: the one given (`--seed N` replays a run exactly); otherwise, for
    official grading, a fresh one the student cannot know in advance (inputs recorded on one's
    own machine, or a table of answers for them, are worth nothing); otherwise (practice) 0."""
    if seed is not None:
        return seed
    return secrets.randbelow(SEED_RANGE) if official else 0


def _say(message: object) -> None:
    """One line on stderr; whatever the student controls in it shown, never obeyed, by the terminal."""
    from grader.report import visible

    click.echo(visible(str(message)), err=True)


def _device(choice: str) -> str:
    if choice == "cpu":
        return "cpu"
    import torch

    if choice == "cuda" and not torch.cuda.is_available():
        if torch.version.cuda is None:
            raise click.UsageError(_("--device cuda: this torch is a CPU-only build; install a CUDA build of "
                                     "torch (see the README, 'On a GPU machine'), or grade with --device cpu"))
        raise click.UsageError(_("--device cuda: torch has CUDA but sees no GPU (check nvidia-smi and "
                                 "CUDA_VISIBLE_DEVICES), or grade with --device cpu"))
    return "cuda" if torch.cuda.is_available() else "cpu"


@click.command(cls=GradeCommand, context_settings={"help_option_names": ["-h", "--help"]},
               subcommands={"audit": audit_command}, help=_(GRADE_HELP))
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--assignment", "assignment_id", type=click.Choice([*ASSIGNMENTS, QUIZ_ID]),
              help=_("Which assignment PATH is (otherwise told from its folder or file name)."))
@click.option("--format", "output_format", type=click.Choice(["text", *DOCUMENT_FORMATS]),
              default="text", show_default=True,
              help=_("json prints exactly one JSON document on stdout; gradescope prints Gradescope's "
                   "results.json; junit prints JUnit XML for CI; markdown a summary for a CI job's page; "
                   "classroom the result GitHub Classroom's autograding reporter reads."))
@click.option("--also", "also", multiple=True, metavar="FORMAT=FILE",
              help=_("Also write the same report in FORMAT (json, gradescope, junit, markdown, classroom) to "
                   "FILE, from the same grading (repeatable), e.g. --also markdown=$GITHUB_STEP_SUMMARY."))
@click.option("--seed", type=int, default=None,
              help=_("Seed for every generated input: the same code and seed give the same report. "
                   "Default: 0 when practising; a fresh secret seed when grading is official "
                   "(--official, a Gradescope report, or CI=true in the environment)."))
@click.option("--official", is_flag=True,
              help=_("Official grading: without --seed, inputs come from a fresh seed nobody knows in advance."))
@click.option("--device", type=click.Choice(["auto", "cpu", "cuda"]), default="auto", show_default=True,
              help=_("Where the PyTorch exercises and references run."))
@click.option("--no-timing", is_flag=True,
              help=_("Skip the timing checks (faster); each exercise's points then count for its other checks."))
@click.option("--examples", "examples_factor", type=click.FloatRange(0.05, 1.0), default=1.0, hidden=True,
              help=_("Share of the generated examples to draw (test suites of the grader itself)."))
@click.option("--student", default=None,
              help=_("Quiz (07_quiz): the student whose numbers are graded; takes precedence over the id "
                   "the answers file names."))
@click.option("--jobs", "-j", type=click.IntRange(1, 2), default=None,
              help=_("Assignments graded at once when PATH holds several (1 or 2). Default: 2 on a machine with "
                   "two cores or more."))
@language_option()
@click.option("--fail-under", type=float, default=None, metavar="SCORE",
              help=_("CI: exit with status {status} when the total score is below SCORE (points, as "
                     "the report counts them), after printing the report.").format(status=FAIL_UNDER_STATUS))
def main(path: Path | None, assignment_id: str | None, output_format: str, also: tuple[str, ...],
         seed: int | None, official: bool, device: str, no_timing: bool, examples_factor: float,
         student: str | None, jobs: int | None, fail_under: float | None) -> None:
    """The `grade` command: its help is the text above (translated)."""
    extra_reports = _extra_reports(also)
    # a Gradescope report is an official one, whether printed or written with --also
    official_run = official or "gradescope" in (output_format, *(f for f, __ in extra_reports)) or _running_in_ci()
    seed = choose_seed(seed, official_run)
    if official and _student_copy():
        _say(_("grade: this is the student copy (recorded cases, no reference): its scores are practice; "
               "official scores come from your teacher's grading"))
    try:
        targets = resolve(path, assignment_id)
    except SubmissionError as error:
        _say(f"grade: {error}")
        sys.exit(1)
    # The course: an assignment that cannot be read counts 0 with its reason; one that is not
    # there is named in the total. One assignment that cannot be read: grading cannot run.
    unreadable_folders, missing = course_gaps(path, assignment_id)
    course = len(targets) > 1 or bool(unreadable_folders or missing)
    quiz_targets = [(target_id, file) for target_id, file in targets if target_id == QUIZ_ID]
    targets = [(target_id, file) for target_id, file in targets if target_id != QUIZ_ID]
    # Files found in a folder must really lie inside it (no symbolic link leading out of it).
    root = Path.cwd() if path is None else path
    within = root if root.is_dir() else None

    from grader.course import unreadable_result
    from grader.submission import load_submission

    submissions = []
    results = [unreadable_result(target_id, folder, seed, why) for target_id, folder, why in unreadable_folders]
    for target_id, file in targets:
        try:
            submissions.append((target_id, load_submission(file, within)))
        except SubmissionError as error:
            _say(f"grade: {error}")
            if not course:
                sys.exit(1)
            results.append(unreadable_result(target_id, file, seed, str(error)))
    for target_id, folder, why in unreadable_folders:
        _say(f"grade: {why}")
    if submissions:
        results += _grade_submissions(submissions, seed=seed, device=device, timing=not no_timing,
                                      examples_factor=examples_factor, official=official_run, jobs=jobs)
    results += grade_quiz_targets(quiz_targets, within, student, seed, _say, alone=not course)
    if not results:
        sys.exit(1)
    order = list(ASSIGNMENTS)
    results.sort(key=lambda result: order.index(result.assignment) if result.assignment in order else len(order))
    for extra_format, file in extra_reports:
        try:
            file.write_text(_render(extra_format, results, missing) + "\n", encoding="utf-8")
        except OSError as error:
            _say(_("grade: --also {format}={file}: cannot be written ({error})").format(
                format=extra_format, file=file, error=error.strerror or error))
            sys.exit(1)
    if output_format in DOCUMENT_FORMATS:
        click.echo(_render(output_format, results, missing))
    else:
        from rich.console import Console

        from grader.report import render_text, shell_quote

        # the command that replays this report, written so that it works from any folder
        words = ([program_name(), str((Path.cwd() if path is None else path).absolute())]
                 + (["--assignment", assignment_id] if assignment_id else [])
                 + ["--seed", str(seed)] + (["--no-timing"] if no_timing else [])
                 + (["--device", device] if device != "auto" else [])
                 + (["--student", student] if student else []))
        replay = " ".join(shell_quote(word) for word in words)
        render_text(results, Console(highlight=False, soft_wrap=True), replay, missing)
    total = round(sum(result.score for result in results), 4)
    if fail_under is not None and total < fail_under:
        _say(_("grade: the score {score} / {max_score} is below --fail-under {limit}").format(
            score=f"{total:g}", max_score=f"{sum(r.max_score for r in results):g}", limit=f"{fail_under:g}"))
        sys.exit(FAIL_UNDER_STATUS)


def _grade_submissions(submissions: list, *, seed: int, device: str, timing: bool, examples_factor: float,
                       official: bool, jobs: int | None = None) -> list:
    """Grade each (assignment id, submission); their results. With `jobs` 2 (by default, on two
    cores or more), a course's assignments are split in two halves graded at once, one in
    a forked copy of this process; a timing check that then failed close to its limit is
    measured again with nothing else running. The sandboxes start first: their imports overlap
    with the grader's own."""
    from grader import forked
    from grader.course import load_assignment
    from grader.loading import without_collection
    from grader.sandbox.host import Sandbox, SandboxError

    two = jobs == 2 or (jobs is None and forked.cores() >= 2)
    halves = _halves(submissions) if len(submissions) > 1 and two else [submissions]
    sandboxes = {}  # (half, torch backend) -> Sandbox
    for half, group in enumerate(halves):
        for target_id, _submission in group:
            key = (half, target_id in TORCH_ASSIGNMENTS)
            if key not in sandboxes:
                sandboxes[key] = Sandbox(torch=key[1])
                sandboxes[key].start()
    with without_collection():
        import torch

        from grader.runner import Options, grade  # the checks (hypothesis...): loaded while the sandboxes start

    torch.set_num_threads(1)
    from grader.case_cache import cache_folder

    options = Options(seed=seed, device=_device(device), timing=timing, examples_factor=examples_factor,
                      case_cache=None if official else cache_folder())
    assignments = {}
    for target_id, _submission in submissions:
        try:
            with without_collection():
                assignments[target_id] = load_assignment(target_id)
        except ModuleNotFoundError:
            _say(_("grade: {assignment}: the checks for this assignment are not written yet").format(
                assignment=target_id))

    def grade_half(half: int, only: dict[str, frozenset[str]] | None = None) -> list:
        results = []
        for target_id, submission in halves[half]:
            if target_id in assignments and (only is None or target_id in only):
                chosen = options if only is None else replace(options, only=only[target_id])
                try:
                    results.append(grade(assignments[target_id], submission, chosen,
                                         sandboxes[(half, target_id in TORCH_ASSIGNMENTS)]))
                except SandboxError as error:
                    _say(f"grade: {error}")
                    sys.exit(1)
        return results

    def in_the_child() -> list:
        for (half, _backend), sandbox in sandboxes.items():
            if half == 0:
                sandbox.adopt()
            else:
                sandbox.forget()
        try:
            return grade_half(0)
        finally:
            for (half, _backend), sandbox in sandboxes.items():
                if half == 0:
                    sandbox.close()

    try:
        if len(halves) == 1:
            return grade_half(0)
        theirs, mine = forked.both(in_the_child, lambda: grade_half(1))
        if theirs is None:  # the copy could not finish: this process grades its half too
            theirs = grade_half(0)
        results = theirs + mine
        by_id = {result.assignment: result for result in results}
        for half in (0, 1):
            close = {target_id: frozenset(exercises) for target_id, _submission in halves[half]
                     if target_id in by_id and (exercises := by_id[target_id].close_timing_failures())}
            for again in grade_half(half, close) if close else []:
                by_id[again.assignment].take_passed_timing(again, sorted(close[again.assignment]), _(
                    "timing: measured again after the other assignments were graded, with nothing else running; "
                    "this measurement counts"))
        return results
    finally:
        for sandbox in sandboxes.values():
            sandbox.close()


#: how long each assignment's model solution takes to grade with its cases kept, relative to
#: the others (`_halves`; measured with bench/grade_time.py)
GRADING_WEIGHT = {"01_activations": 1.0, "02_backprop": 1.1, "03_optimizers": 0.7, "04_convolution": 1.1,
                  "05_softmax": 0.4, "06_attention": 1.5}


def _halves(submissions: list) -> list[list]:
    """The submissions in two halves of about equal grading time (the longest first, each to
    the half with less so far), each half in the course's order."""
    order = {target_id: index for index, (target_id, _submission) in enumerate(submissions)}
    halves: list[list] = [[], []]
    loads = [0.0, 0.0]
    for item in sorted(submissions, key=lambda item: -GRADING_WEIGHT.get(item[0], 1.0)):
        lighter = loads.index(min(loads))
        halves[lighter].append(item)
        loads[lighter] += GRADING_WEIGHT.get(item[0], 1.0)
    return [sorted(half, key=lambda item: order[item[0]]) for half in halves]


def _render(output_format: str, results: list, missing: list) -> str:
    from grader import report

    render = {"json": report.to_json, "gradescope": report.to_gradescope, "junit": report.to_junit,
              "markdown": report.to_markdown, "classroom": report.to_classroom}
    return render[output_format](results, missing).rstrip("\n")


def official_options(seed: int | None, device: str, no_timing: bool, examples_factor: float,
                     reports: Path | None) -> Any:
    """The runner's options for grading a class (official: a fresh secret seed unless `seed`),
    on one torch thread as `grade` runs, with the reports folder made if one is asked for."""
    import torch

    from grader.runner import Options

    torch.set_num_threads(1)
    if reports is not None:
        reports.mkdir(parents=True, exist_ok=True)
    from grader.i18n import current

    return Options(seed=choose_seed(seed, official=True), device=_device(device), timing=not no_timing,
                   examples_factor=examples_factor, language=current())


def _extra_reports(also: tuple[str, ...]) -> list[tuple[str, Path]]:
    """`--also FORMAT=FILE` values, checked before anything is graded."""
    found = []
    for value in also:
        extra_format, equals, file = value.partition("=")
        if not equals or extra_format not in DOCUMENT_FORMATS or not file:
            raise click.BadParameter(_("{value}: expected FORMAT=FILE with FORMAT one of {formats}").format(
                value=repr(value), formats=", ".join(DOCUMENT_FORMATS)), param_hint="--also")
        found.append((extra_format, Path(file)))
    return found


def program_name() -> str:
    """How a printed command names this program: `grade` when that is what the shell finds (the
    venv is active, or it is installed on PATH), else this very script's full path (as
    `.venv/bin/grade` run without activating the venv), so the command works as written."""
    script = sys.argv[0] if sys.argv else ""
    if Path(script).name != "grade":  # `python -m grader.cli` (the test suite): the command's name
        return "grade"
    found = shutil.which("grade")
    try:
        if found and os.path.samefile(found, script):
            return "grade"
    except OSError:
        pass
    return str(Path(script).absolute())


if __name__ == "__main__":  # `python -m grader.cli`: as the `grade` command (its language chosen first)
    from grader.entry import grade

    grade()



def __getattr__(name: str):  # noqa: ANN202 - `grade-class` lives in its own module; kept importable from here
    if name == "class_main":
        from grader.class_command import class_main

        return class_main
    raise AttributeError(name)
