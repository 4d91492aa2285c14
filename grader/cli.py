"""The `grade` command."""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

import click

from grader.course import ASSIGNMENTS, TORCH_ASSIGNMENTS, resolve
from grader.submission import SubmissionError

#: a drawn seed is below this (any int works; these stay short enough to read and type)
SEED_RANGE = 2**31


def _running_in_ci() -> bool:
    """CI=true (GitHub Actions, GitLab CI, most others set it): grading is official."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no", "off")


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
            raise click.UsageError("--device cuda: this torch is a CPU-only build; install a CUDA build of "
                                   "torch (see the README, 'On a GPU machine'), or grade with --device cpu")
        raise click.UsageError("--device cuda: torch has CUDA but sees no GPU (check nvidia-smi and "
                               "CUDA_VISIBLE_DEVICES), or grade with --device cpu")
    return "cuda" if torch.cuda.is_available() else "cpu"


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--assignment", "assignment_id", type=click.Choice(list(ASSIGNMENTS)),
              help="Which assignment PATH is (otherwise told from its folder or file name).")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "gradescope", "junit"]),
              default="text", show_default=True,
              help="json prints exactly one JSON document on stdout; gradescope prints Gradescope's "
                   "results.json; junit prints JUnit XML for CI.")
@click.option("--seed", type=int, default=None,
              help="Seed for every generated input: the same code and seed give the same report. "
                   "Default: 0 when practising; a fresh secret seed when grading is official "
                   "(--official, --format gradescope, or CI=true in the environment).")
@click.option("--official", is_flag=True,
              help="Official grading: without --seed, inputs come from a fresh seed nobody knows in advance.")
@click.option("--device", type=click.Choice(["auto", "cpu", "cuda"]), default="auto", show_default=True,
              help="Where the PyTorch exercises and references run.")
@click.option("--no-timing", is_flag=True,
              help="Skip the timing checks (faster); each exercise's points then count for its other checks.")
@click.option("--examples", "examples_factor", type=click.FloatRange(0.05, 1.0), default=1.0, hidden=True,
              help="Share of the generated examples to draw (test suites of the grader itself).")
def main(path: Path | None, assignment_id: str | None, output_format: str, seed: int | None,
         official: bool, device: str, no_timing: bool, examples_factor: float) -> None:
    """Grade PATH: an assignment folder, a .py module, a .ipynb notebook, or the course.

    With no PATH, grades what it finds in the current folder. Exit status 0 means grading ran
    (whatever the score); non-zero means it could not run, with the reason on stderr.
    """
    seed = choose_seed(seed, official or output_format == "gradescope" or _running_in_ci())
    try:
        targets = resolve(path, assignment_id)
    except SubmissionError as error:
        _say(f"grade: {error}")
        sys.exit(1)
    # Files found in a folder must really lie inside it (no symbolic link leading out of it).
    root = Path.cwd() if path is None else path
    within = root if root.is_dir() else None

    from grader.course import load_assignment
    from grader.runner import Options, grade
    from grader.sandbox.host import Sandbox, SandboxError
    from grader.submission import load_submission

    submissions = []
    for target_id, file in targets:
        try:
            submissions.append((target_id, load_submission(file, within)))
        except SubmissionError as error:
            _say(f"grade: {error}")
            if len(targets) == 1:
                sys.exit(1)
    # Start the sandboxes first: their imports overlap with the grader's own torch import.
    sandboxes = {}
    for target_id, _ in submissions:
        backend_torch = target_id in TORCH_ASSIGNMENTS
        if backend_torch not in sandboxes:
            sandboxes[backend_torch] = Sandbox(torch=backend_torch)
            sandboxes[backend_torch].start()
    import torch

    torch.set_num_threads(1)
    options = Options(seed=seed, device=_device(device), timing=not no_timing, examples_factor=examples_factor)
    results = []
    try:
        for target_id, submission in submissions:
            try:
                assignment = load_assignment(target_id)
            except ModuleNotFoundError:
                _say(f"grade: {target_id}: the checks for this assignment are not written yet")
                continue
            sandbox = sandboxes[target_id in TORCH_ASSIGNMENTS]
            try:
                results.append(grade(assignment, submission, options, sandbox))
            except SandboxError as error:
                _say(f"grade: {error}")
                sys.exit(1)
    finally:
        for sandbox in sandboxes.values():
            sandbox.close()
    if not results:
        sys.exit(1)
    if output_format in ("json", "gradescope", "junit"):
        from grader import report

        render = {"json": report.to_json, "gradescope": report.to_gradescope, "junit": report.to_junit}
        click.echo(render[output_format](results))
    else:
        from rich.console import Console

        from grader.report import render_text, shell_quote

        words = (["grade", str(path) if path is not None else "."]
                 + (["--assignment", assignment_id] if assignment_id else [])
                 + ["--seed", str(seed)] + (["--no-timing"] if no_timing else [])
                 + (["--device", device] if device != "auto" else []))
        replay = " ".join(shell_quote(word) for word in words)
        render_text(results, Console(highlight=False, soft_wrap=True), replay)


if __name__ == "__main__":
    main()


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("folder", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option("--assignment", "assignment_id", type=click.Choice(list(ASSIGNMENTS)), required=True,
              help="The assignment every student handed in.")
@click.option("--seed", type=int, default=None,
              help="Seed for every generated input (default: a fresh secret seed, written in the CSV's "
                   "seed column and each report; pass it to replay the run exactly).")
@click.option("--device", type=click.Choice(["auto", "cpu", "cuda"]), default="auto", show_default=True,
              help="Where the PyTorch exercises and references run.")
@click.option("--no-timing", is_flag=True, help="Skip the timing checks (their points count for the other checks).")
@click.option("--reports", type=click.Path(path_type=Path, file_okay=False),
              help="Also write each student's JSON report (as `grade --format json`) to this folder.")
def class_main(folder: Path, assignment_id: str, seed: int | None, device: str, no_timing: bool,
               reports: Path | None) -> None:
    """Grade a whole class: FOLDER holds one file or folder per student; prints a CSV gradebook.

    Progress goes to stderr, one line per student. Exit status 0 means grading ran.
    """
    import torch

    from grader.batch import Gradebook, grade_class, report_file_name, write_new_file
    from grader.report import to_json
    from grader.runner import Options

    torch.set_num_threads(1)
    options = Options(seed=choose_seed(seed, official=True), device=_device(device), timing=not no_timing)
    if reports is not None:
        reports.mkdir(parents=True, exist_ok=True)

    book = Gradebook(assignment_id, options.seed)
    click.echo(book.header(), nl=False)

    def progress(row) -> None:
        click.echo(book.row(row), nl=False)  # each row as soon as it is known: a stopped run keeps them
        if row.result is None:
            _say(f"{row.student}: {row.problem}")
            return
        _say(f"{row.student}: {row.result.score:g} / {row.result.max_score:g}")
        if reports is not None:
            try:
                write_new_file(reports, report_file_name(row.student), to_json([row.result]) + "\n")
            except OSError as error:
                _say(f"grade-class: {row.student}: the report could not be written ({error.strerror})")

    try:
        rows = grade_class(folder, assignment_id, options, progress)
    except OSError as error:
        _say(f"grade-class: {folder}: cannot be read ({error.strerror or error})")
        sys.exit(1)
    tried = [row for row in rows if row.path is not None]
    if tried and all(row.grader_error for row in tried):
        _say(f"grade-class: grading could not run for any student ({tried[-1].problem})")
        sys.exit(1)
