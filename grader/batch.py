"""Grading a whole class: one submission per student, one sandbox for all of them.

    grade-class submitted/ --assignment 05_softmax --reports reports/ > grades.csv

A class folder holds one entry per student: a file (`alice.py`, `bob.ipynb`) or a folder in
which the assignment's module is found at any depth (nbgrader's
`submitted/<student>/<assignment>/softmax.ipynb`). Students are graded one after another (timing
checks need a quiet core) by the same zygote, so its start is paid once for the class. A
student whose file is missing or unreadable gets a row with score 0 and the reason; nothing
one student hands in can stop the others being graded.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from grader.course import ASSIGNMENTS, SUFFIXES, TORCH_ASSIGNMENTS, load_assignment
from grader.results import AssignmentResult
from grader.runner import Options, grade
from grader.sandbox.host import Sandbox
from grader.submission import SubmissionError, load_submission


@dataclass
class StudentResult:
    """One row of the class: the report, or why there is none."""

    student: str
    path: Path | None
    result: AssignmentResult | None = None
    problem: str = ""


def find_submissions(root: Path, assignment_id: str) -> list[tuple[str, Path | None, str]]:
    """(student, file or None, problem) for every entry of `root`, sorted by student."""
    module = ASSIGNMENTS[assignment_id][0]
    found = []
    for entry in sorted(root.iterdir()):
        if entry.name.startswith("."):
            continue
        if entry.is_file():
            if entry.suffix in SUFFIXES:
                found.append((entry.stem, entry, ""))
            continue
        candidates = sorted((p for suffix in SUFFIXES for p in entry.rglob(f"{module}{suffix}")
                             if ".ipynb_checkpoints" not in p.parts),
                            key=lambda p: (len(p.parts), SUFFIXES.index(p.suffix)))
        if candidates:
            found.append((entry.name, candidates[0], ""))
        else:
            found.append((entry.name, None, f"no {module}.py or {module}.ipynb handed in"))
    return found


def grade_class(root: Path, assignment_id: str, options: Options,
                progress: Callable[[StudentResult], None] = lambda row: None) -> list[StudentResult]:
    """Grade every student's submission of `assignment_id` under `root`."""
    assignment = load_assignment(assignment_id)
    rows = []
    with Sandbox(torch=assignment_id in TORCH_ASSIGNMENTS, limits=options.limits,
                 isolate=options.isolate) as sandbox:
        for student, path, problem in find_submissions(root, assignment_id):
            row = StudentResult(student, path, problem=problem)
            if path is not None:
                try:
                    row.result = grade(assignment, load_submission(path), options, sandbox)
                except SubmissionError as error:
                    row.problem = str(error)
            rows.append(row)
            progress(row)
    return rows


def to_csv(rows: Iterable[StudentResult], assignment_id: str) -> str:
    """student, score, max_score, one column per exercise, problem: a gradebook's import."""
    exercises = [e.name for e in load_assignment(assignment_id).exercises]
    max_score = float(sum(e.points for e in load_assignment(assignment_id).exercises))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["student", "score", "max_score", *exercises, "problem"])
    for row in rows:
        if row.result is None:
            writer.writerow([row.student, 0, max_score, *([0] * len(exercises)), row.problem])
            continue
        scores = {e.id: e.score for e in row.result.exercises}
        notice = "; ".join(row.result.notices)
        writer.writerow([row.student, row.result.score, row.result.max_score,
                         *(scores.get(name, 0) for name in exercises), notice])
    return out.getvalue()
