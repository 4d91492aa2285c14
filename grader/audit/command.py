"""`grade audit [ASSIGNMENT|EXERCISE]`: the click command (staff and CI)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from grader.i18n import _, language_option

from grader.audit.operators import operator_names


def _targets(target: str | None) -> list[tuple[str, str | None]]:
    """(assignment id, exercise or None) for what was named: nothing (the course), an
    assignment id, or an exercise's name (a function of some assignment)."""
    from grader.course import ASSIGNMENTS, load_assignment

    if target is None:
        return [(assignment_id, None) for assignment_id in ASSIGNMENTS]
    if target in ASSIGNMENTS or ":" in target:  # "package.module:NAME": an assignment declared elsewhere
        return [(target, None)]
    for assignment_id in ASSIGNMENTS:
        if any(e.name == target for e in load_assignment(assignment_id).exercises):
            return [(assignment_id, target)]
    raise click.BadParameter(_("{target} is neither an assignment ({assignments}) nor an exercise of one").format(
        target=repr(target), assignments=", ".join(ASSIGNMENTS)), param_hint="TARGET")


@click.command("audit", context_settings={"help_option_names": ["-h", "--help"]}, help=_("""Measure how strong the checks are: mutate the model solutions, grade every mutant.

TARGET is an assignment (03_optimizers), an exercise (adam), an assignment declared
outside the course ("package.module:NAME", its model in --solutions) or, when left out,
the whole course. Each mutant is one realistic mistake (a swapped or dropped term, an off-by-one
size, a wrong axis or missing keepdims, a dropped transpose, a changed constant, a float64
buffer, an in-place update, a Python loop, a dropped max-shift) in the model solution,
graded with the course's checks in the sandbox. The report lists every mutant that still
gets full marks, with its diff; mutants that give the model's results on many inputs are
listed apart as equivalent.

Exit status 0: no surviving mutant; 1: some mutant survives (or the model loses marks);
2: the audit could not run."""))
@language_option()
@click.argument("target", required=False)
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=None,
              help=_("Processes grading mutants in parallel (default: the number of CPUs)."))
@click.option("--sample", "sample_size", type=click.IntRange(0), default=0,
              help=_("Grade a fixed sample of this many mutants per target (0: all of them)."))
@click.option("--operator", "operators", multiple=True, type=click.Choice(sorted(operator_names())),
              help=_("Only mutants of this operator (repeatable)."))
@click.option("--seed", type=int, default=0, show_default=True, help=_("Seed of every generated input."))
@click.option("--examples", "examples_factor", type=click.FloatRange(0.05, 1.0), default=1.0, show_default=True,
              help=_("Share of the generated examples each check draws (1: as in official grading)."))
@click.option("--no-timing", is_flag=True, help=_("Skip the timing checks (python_loop mutants then survive)."))
@click.option("--solutions", type=click.Path(path_type=Path, file_okay=False, exists=True), default=None,
              help=_("Folder of model solutions, <assignment>/<module>.py (default: tests/model_solutions)."))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def audit_command(target: str | None, jobs: int | None, sample_size: int, operators: tuple[str, ...], seed: int,
                  examples_factor: float, no_timing: bool, solutions: Path | None, output_format: str) -> None:
    """`grade audit`: its help, above, says what it does and what its exit status means."""
    from grader.audit import render
    from grader.audit.run import MODEL_SOLUTIONS, Settings, audit
    from grader.replay import installed_recording

    if installed_recording() is not None:
        click.echo(_("grade audit: this is the student copy of the grader: the audit needs the course's model "
                     "solutions and exercise specs, which only the teaching repository holds"), err=True)
        sys.exit(2)
    targets = _targets(target)
    settings = Settings(seed=seed, examples_factor=examples_factor, timing=not no_timing)

    def progress(outcome) -> None:
        click.echo(f"{outcome.status:10} {outcome.seconds:5.1f}s {outcome.mutant.id}", err=True)

    try:
        report = audit(targets, jobs=jobs or os.cpu_count() or 1, settings=settings, sample_size=sample_size,
                       operators=operators, solutions=solutions or MODEL_SOLUTIONS, progress=progress)
    except (OSError, RuntimeError) as error:
        click.echo(_("grade audit: {error}").format(error=error), err=True)
        sys.exit(2)
    click.echo(render.to_json(report) if output_format == "json" else render.to_text(report))
    sys.exit(0 if report.clean else 1)
