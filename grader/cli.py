"""The `grade` command."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from grader.course import ASSIGNMENTS, TORCH_ASSIGNMENTS, resolve
from grader.submission import SubmissionError


def _device(choice: str) -> str:
    if choice == "cpu":
        return "cpu"
    import torch

    if choice == "cuda" and not torch.cuda.is_available():
        raise click.UsageError("--device cuda: no CUDA device is available")
    return "cuda" if torch.cuda.is_available() else "cpu"


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--assignment", "assignment_id", type=click.Choice(list(ASSIGNMENTS)),
              help="Which assignment PATH is (otherwise told from its folder or file name).")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "gradescope", "junit"]),
              default="text", show_default=True,
              help="json prints exactly one JSON document on stdout; gradescope prints Gradescope's "
                   "results.json; junit prints JUnit XML for CI.")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Seed for every generated input: the same code and seed give the same report.")
@click.option("--device", type=click.Choice(["auto", "cpu", "cuda"]), default="auto", show_default=True,
              help="Where the PyTorch exercises and references run.")
@click.option("--no-timing", is_flag=True,
              help="Skip the timing checks (faster); each exercise's points then count for its other checks.")
def main(path: Path | None, assignment_id: str | None, output_format: str, seed: int, device: str,
         no_timing: bool) -> None:
    """Grade PATH: an assignment folder, a .py module, a .ipynb notebook, or the course.

    With no PATH, grades what it finds in the current folder. Exit status 0 means grading ran
    (whatever the score); non-zero means it could not run, with the reason on stderr.
    """
    try:
        targets = resolve(path, assignment_id)
    except SubmissionError as error:
        click.echo(f"grade: {error}", err=True)
        sys.exit(1)

    from grader.course import load_assignment
    from grader.runner import Options, grade
    from grader.sandbox.host import Sandbox, SandboxError
    from grader.submission import load_submission

    submissions = []
    for target_id, file in targets:
        try:
            submissions.append((target_id, load_submission(file)))
        except SubmissionError as error:
            click.echo(f"grade: {error}", err=True)
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
    options = Options(seed=seed, device=_device(device), timing=not no_timing)
    results = []
    try:
        for target_id, submission in submissions:
            try:
                assignment = load_assignment(target_id)
            except ModuleNotFoundError:
                click.echo(f"grade: {target_id}: the checks for this assignment are not written yet", err=True)
                continue
            sandbox = sandboxes[target_id in TORCH_ASSIGNMENTS]
            try:
                results.append(grade(assignment, submission, options, sandbox))
            except SandboxError as error:
                click.echo(f"grade: {error}", err=True)
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

        from grader.report import render_text

        replay = " ".join(["grade", str(path) if path is not None else "."]
                          + ([f"--assignment {assignment_id}"] if assignment_id else [])
                          + [f"--seed {seed}"] + (["--no-timing"] if no_timing else [])
                          + ([f"--device {device}"] if device != "auto" else []))
        # soft_wrap: long lines are the terminal's to wrap, never broken mid-sentence in logs and pipes
        render_text(results, Console(highlight=False, soft_wrap=True), replay)


if __name__ == "__main__":
    main()


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("folder", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option("--assignment", "assignment_id", type=click.Choice(list(ASSIGNMENTS)), required=True,
              help="The assignment every student handed in.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed for every generated input.")
@click.option("--device", type=click.Choice(["auto", "cpu", "cuda"]), default="auto", show_default=True,
              help="Where the PyTorch exercises and references run.")
@click.option("--no-timing", is_flag=True, help="Skip the timing checks (their points count for the other checks).")
@click.option("--reports", type=click.Path(path_type=Path, file_okay=False),
              help="Also write each student's JSON report (as `grade --format json`) to this folder.")
def class_main(folder: Path, assignment_id: str, seed: int, device: str, no_timing: bool,
               reports: Path | None) -> None:
    """Grade a whole class: FOLDER holds one file or folder per student; prints a CSV gradebook.

    Progress goes to stderr, one line per student. Exit status 0 means grading ran.
    """
    import torch

    from grader.batch import grade_class, to_csv
    from grader.report import to_json
    from grader.runner import Options

    torch.set_num_threads(1)
    options = Options(seed=seed, device=_device(device), timing=not no_timing)
    if reports is not None:
        reports.mkdir(parents=True, exist_ok=True)

    def progress(row) -> None:
        if row.result is None:
            click.echo(f"{row.student}: {row.problem}", err=True)
            return
        click.echo(f"{row.student}: {row.result.score:g} / {row.result.max_score:g}", err=True)
        if reports is not None:
            safe_name = re.sub(r"[^\w.-]", "_", row.student)
            (reports / f"{safe_name}.json").write_text(to_json([row.result]) + "\n")

    rows = grade_class(folder, assignment_id, options, progress)
    click.echo(to_csv(rows, assignment_id), nl=False)
