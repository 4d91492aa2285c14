"""Renderers: the same results as a terminal report or as one JSON document.

Renderers only read results; they never decide anything about a score.
"""

from __future__ import annotations

import json
import re
from typing import Sequence

from rich.console import Console
from rich.markup import escape

from grader.results import AssignmentResult, CheckResult, Failure


def to_json(results: Sequence[AssignmentResult]) -> str:
    """SYLLABUS's document for one assignment; for several, {"assignments": [...], totals}."""
    if len(results) == 1:
        document = results[0].to_json()
    else:
        document = {"score": round(sum(r.score for r in results), 4),
                    "max_score": round(sum(r.max_score for r in results), 4),
                    "assignments": [r.to_json() for r in results]}
    return json.dumps(document, indent=2, sort_keys=False)


def _points(value: float) -> str:
    """At most two decimals for reading (1.56, 4.5, 10); the JSON keeps four."""
    return f"{round(value, 2):g}"


def _not_run_note(checks: Sequence[CheckResult]) -> str:
    """"not run until matches_reference passes: keeps_dtype, inputs_unchanged" for skipped checks."""
    waiting: dict[str, list[str]] = {}
    for check in checks:
        needed = re.match(r"not run: needs `(\w+)`", check.message)
        if needed:
            waiting.setdefault(needed.group(1), []).append(check.name)
    return "; ".join(f"not run until {need} passes: {', '.join(names)}" for need, names in waiting.items())


def render_text(results: Sequence[AssignmentResult], console: Console, replay: str = "") -> None:
    """The terminal report; `replay` is the command that reproduces it exactly."""
    for result in results:
        console.print(f"[bold]{result.assignment}[/bold]  {escape(result.source)}  "
                      f"[bold]{_points(result.score)} / {_points(result.max_score)}[/bold]  (seed {result.seed})")
        if result.environment.get("timing") == "skipped":
            console.print("  timing not checked (--no-timing): each exercise's points count for its "
                          "other checks", style="dim")
        load_failure = None
        for notice in result.notices:
            console.print(f"  [red]![/red] {escape(notice)}")
            load_failure = load_failure or _failure_with_summary(result, notice)
        if load_failure is not None and load_failure.hint:
            console.print(f"    hint: {escape(load_failure.hint)}")
        for exercise in result.exercises:
            mark = "[green]✓[/green]" if exercise.passed else "[red]✗[/red]"
            console.print(f"  {mark} {exercise.id:<32} {_points(exercise.score):>5} / {_points(exercise.max_score)}")
            if exercise.passed or load_failure is not None:
                continue
            failures = [c for c in exercise.checks if not c.passed]
            ran = [c for c in failures if not c.message.startswith("not run")]
            shown = (ran or failures)[:3]
            for check in shown:
                _render_failure(check, console)
            also_failing = [c.name for c in ran[3:]]
            if also_failing:
                console.print(f"      (also failing: {', '.join(also_failing)})")
            not_run = _not_run_note([c for c in failures if c not in shown])
            if not_run:
                console.print(f"      ({not_run})")
    if len(results) > 1:
        total = sum(r.score for r in results)
        top = sum(r.max_score for r in results)
        console.print(f"[bold]total {_points(round(total, 4))} / {_points(round(top, 4))}[/bold]")
    if replay:
        console.print(f"Replay exactly: {replay}", style="dim")


def _failure_with_summary(result: AssignmentResult, summary: str) -> Failure | None:
    for exercise in result.exercises:
        for check in exercise.checks:
            if check.failure is not None and check.failure.summary == summary:
                return check.failure
    return None


def _render_failure(check: CheckResult, console: Console) -> None:
    failure = check.failure
    if failure is None:
        console.print(f"      [yellow]{check.name}[/yellow]: {escape(check.message)}")
        return
    console.print(f"      [yellow]{check.name}[/yellow]: {escape(failure.summary)}")
    if failure.diagnosis:
        console.print(f"        [magenta]{escape(failure.diagnosis)}[/magenta]")
    if failure.call:
        console.print(f"        smallest failing call: [cyan]{escape(failure.call)}[/cyan]")
    if failure.expected or failure.got:
        console.print(f"        expected {escape(failure.expected)}, got {escape(failure.got)}")
    if failure.hint:
        console.print(f"        hint: {escape(failure.hint)}")
