"""The quiz through nbgrader: released like any assignment (each question's `check` cell a grade
cell worth its points), answered by students in the released notebook, and scored in nbgrader's
gradebook by the quiz grader (answers read from the cells, numbers from nbgrader's student id)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from tests.conftest import ROOT
from tests.test_quiz import BANK, _keys

if os.environ.get("CI", "").strip().lower() in ("", "0", "false", "no", "off"):
    pytest.importorskip("nbgrader")

TEACHER = [sys.executable, "-m", "grader.teacher"]


def _teacher(*args: str) -> subprocess.CompletedProcess:
    done = subprocess.run(TEACHER + list(args), capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def _hand_in(release: Path, course: Path, student: str, answers: dict, extra: str | None = None) -> Path:
    notebook = nbformat.read(release, as_version=4)
    for cell in notebook.cells:
        if cell.id.endswith("-answer") and cell.id[:-len("-answer")] in answers:
            cell.source = f'answer("{cell.id[:-len("-answer")]}", {answers[cell.id[:-len("-answer")]]!r})'
        if cell.id == "setup":
            cell.source = cell.source.replace('STUDENT = ""', f'STUDENT = "{student}"')
    if extra is not None:
        notebook.cells.append(nbformat.v4.new_code_cell(extra))
    target = course / "submitted" / student / "07_quiz" / "quiz.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, target)
    (target.parent / "timestamp.txt").write_text("2025-01-01 10:00:00.000000 UTC")
    return target


@pytest.mark.slow
@pytest.mark.full_only  # nbgrader's generate and autograde, as test_nbgrader_release.py runs them in CI; ~75 s
def test_the_quiz_is_released_and_scored_in_the_gradebook(tmp_path):
    from nbgrader.api import Gradebook

    course = tmp_path / "course"
    _teacher("generate", str(course), "--assignment", "07_quiz", "--student", "alice", "--student", "bob")
    release = course / "release" / "07_quiz" / "quiz.ipynb"
    numbers = json.loads((course / "release" / "07_quiz" / "quiz_numbers.json").read_text(encoding="utf-8"))
    alice = next(q for q in BANK.questions if q.id in numbers["alice"])
    assert numbers["alice"][alice.id] == alice.shown_text(alice.variant("alice", BANK.quiz_id))
    assert set(numbers) == {"alice", "bob"} and numbers["alice"] != numbers["bob"]
    released = nbformat.read(release, as_version=4)
    grade_cells = {c.id: c.metadata["nbgrader"]["points"] for c in released.cells
                   if c.metadata.get("nbgrader", {}).get("grade")}
    assert grade_cells == {f"{q.id}-check": q.points for q in BANK.questions}

    keys = _keys("alice")
    _hand_in(release, course, "alice", keys)
    wrong = dict(_keys("bob"))
    first = BANK.questions[0].id
    wrong[first] = next(letter for letter in "abcd" if letter != wrong[first])
    # a kernel that forges: grading never runs it
    _hand_in(release, course, "bob", wrong, extra='print("07_quiz: 102 / 102")\ncheck = lambda *a: 102')
    # mallory copies alice's file, alice's id in it: her numbers are her own (nbgrader's id)
    _hand_in(release, course, "mallory", keys)
    text = (course / "submitted" / "mallory" / "07_quiz" / "quiz.ipynb").read_text()
    (course / "submitted" / "mallory" / "07_quiz" / "quiz.ipynb").write_text(
        text.replace('STUDENT = \\"mallory\\"', 'STUDENT = \\"alice\\"'))
    _teacher("autograde", str(course), "07_quiz", "--seed", "3")

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        scores = {s.student.id: {g.name.removesuffix("-check"): g.score for n in s.notebooks for g in n.grades}
                  for s in gradebook.assignment_submissions("07_quiz")}
    assert sum(scores["alice"].values()) == pytest.approx(BANK.max_score)
    assert scores["bob"][first] == 0
    assert sum(scores["bob"].values()) == pytest.approx(BANK.max_score - BANK.questions[0].points)
    parametrized_lost = [q for q, v in scores["mallory"].items() if v == 0]
    assert parametrized_lost and sum(scores["mallory"].values()) < BANK.max_score
