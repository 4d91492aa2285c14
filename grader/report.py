"""Renderers: the same results as a terminal report or as one JSON document.

Renderers only read results; they never decide anything about a score.
"""

from __future__ import annotations

import json
from typing import Sequence

from rich.console import Console
from rich.markup import escape

from grader.results import AssignmentResult


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
    return f"{value:g}"


def render_text(results: Sequence[AssignmentResult], console: Console) -> None:
    for result in results:
        console.print(f"[bold]{result.assignment}[/bold]  {escape(result.source)}  "
                      f"[bold]{_points(result.score)} / {_points(result.max_score)}[/bold]  (seed {result.seed})")
        for notice in result.notices:
            console.print(f"  [red]![/red] {escape(notice)}")
        for exercise in result.exercises:
            mark = "[green]✓[/green]" if exercise.passed else "[red]✗[/red]"
            console.print(f"  {mark} {exercise.id:<32} {_points(exercise.score):>5} / {_points(exercise.max_score)}")
            if exercise.passed:
                continue
            failures = [c for c in exercise.checks if not c.passed]
            shown = [c for c in failures if not c.message.startswith("not run")] or failures[:1]
            for check in shown[:3]:
                failure = check.failure
                if failure is None or (result.notices and failure.summary == result.notices[0]):
                    if not result.notices:
                        console.print(f"      [yellow]{check.name}[/yellow]: {escape(check.message)}")
                    continue
                console.print(f"      [yellow]{check.name}[/yellow]: {escape(failure.summary)}")
                if failure.diagnosis:
                    console.print(f"        [magenta]{escape(failure.diagnosis)}[/magenta]")
                if failure.call:
                    console.print(f"        smallest failing call: [cyan]{escape(failure.call)}[/cyan]")
                if failure.expected or failure.got:
                    console.print(f"        expected {escape(failure.expected)}, got {escape(failure.got)}")
                if failure.hint:
                    console.print(f"        hint: {escape(failure.hint)}")
            skipped = len(failures) - len(shown[:3])
            if skipped > 0:
                console.print(f"      ({skipped} more check{'s' if skipped > 1 else ''} not run or failing)")
    if len(results) > 1:
        total = sum(r.score for r in results)
        top = sum(r.max_score for r in results)
        console.print(f"[bold]total {_points(round(total, 4))} / {_points(round(top, 4))}[/bold]")
    seed = results[0].seed if results else 0
    target = results[0].source if len(results) == 1 else "PATH"
    console.print(f"Replay exactly: grade {target} --seed {seed}", style="dim")
