"""nbgrader end to end, with the real nbgrader: `grade-teacher generate` makes a release that
holds the stubs and nothing more; students fill it (one right, one mixed, one hostile that
redefines `check` and prints fake scores); nbgrader's own autograde records what the kernel
says; `grade-teacher autograde` replaces every grade cell's score with what `grade` gives the
same notebook, so the hostile one gets what its code earns."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from tests.conftest import GRADE, ROOT

if os.environ.get("CI", "").strip().lower() in ("", "0", "false", "no", "off"):
    pytest.importorskip("nbgrader")  # a local run without the `test` extra; in CI a missing nbgrader fails

ASSIGNMENT, MODULE = "05_softmax", "softmax"
TEACHER = [sys.executable, "-m", "grader.teacher"]
SEED = "11"
QUICK = ("--no-timing", "--examples", "0.34")
POINTS = {"softmax": 3.0, "log_softmax": 2.0, "softmax_cross_entropy": 5.0}

MODEL = {
    "softmax": "def softmax(logits, axis=-1):\n    z = logits - logits.max(axis=axis, keepdims=True)\n"
               "    e = np.exp(z)\n    return e / e.sum(axis=axis, keepdims=True)",
    "log_softmax": "def log_softmax(logits, axis=-1):\n    z = logits - logits.max(axis=axis, keepdims=True)\n"
                   "    return z - np.log(np.exp(z).sum(axis=axis, keepdims=True))",
    "softmax_cross_entropy": "def softmax_cross_entropy(logits, labels):\n    n = logits.shape[0]\n"
                             "    lp = log_softmax(logits, axis=1)\n    p = np.exp(lp)\n"
                             "    loss = -lp[np.arange(n), labels].mean()\n"
                             "    p[np.arange(n), labels] -= 1\n    return loss.astype(logits.dtype), p / n",
}
MIXED = {
    **MODEL,
    # values right, stability wrong: partial credit
    "log_softmax": "def log_softmax(logits, axis=-1):\n    return np.log(softmax(logits, axis))",
    # the cell raises before it defines the function: nothing of it counts
    "softmax_cross_entropy": "probe = softmax(undefined_logits)\n\n" + MODEL["softmax_cross_entropy"],
}
FORGERY = ('import grader\nimport grader.runner\n\n'
           'FULL = {"softmax": 3, "log_softmax": 2, "softmax_cross_entropy": 5}\n\n'
           'def check(name, *args, **kwargs):\n'
           '    print(f"{name}: {FULL[name]} / {FULL[name]}  all checks passed")\n'
           '    return FULL[name]\n\n'
           'grader.check = check\n'
           'grader.runner.grade = lambda *args, **kwargs: None\n'
           'print("05_softmax: 10 / 10")')
HOSTILE = {
    **MODEL,
    "log_softmax": "def log_softmax(logits, axis=-1):\n    return np.zeros_like(logits)",
    "softmax_cross_entropy": "def softmax_cross_entropy(logits, labels):\n"
                             "    return 0.0, np.zeros_like(logits)",
}


def _teacher(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    done = subprocess.run(TEACHER + list(args), capture_output=True, text=True, cwd=cwd, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def _fill(release: Path, target: Path, code: dict[str, str], after_setup: str | None = None,
          extra: str | None = None) -> Path:
    """The released notebook as a student hands it in: each function cell replaced by `code`,
    optionally a cell of the student's own after the setup cell and one at the end."""
    notebook = nbformat.read(release, as_version=4)
    for cell in notebook.cells:
        if cell.id.endswith("-code"):
            cell.source = code[cell.id[:-len("-code")]]
    if after_setup is not None:
        index = next(i for i, cell in enumerate(notebook.cells) if cell.id == "setup") + 1
        notebook.cells.insert(index, nbformat.v4.new_code_cell(after_setup))
    if extra is not None:
        notebook.cells.append(nbformat.v4.new_code_cell(extra))
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, target)
    (target.parent / "timestamp.txt").write_text("2025-01-01 10:00:00.000000 UTC")  # as nbgrader collect writes
    return target


def _nbgrader(cwd: Path, *args: str) -> None:
    done = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]


def _start_grade(notebook: Path) -> subprocess.Popen:
    """`grade NOTEBOOK --format json` with the test's seed, started (read it with communicate)."""
    return subprocess.Popen(GRADE + [str(notebook), "--format", "json", "--seed", SEED, *QUICK], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _gradebook_scores(course: Path) -> dict[str, dict[str, float]]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        return {submission.student.id: {grade.name.removesuffix("-check"): grade.score
                                        for notebook in submission.notebooks for grade in notebook.grades}
                for submission in gradebook.assignment_submissions(ASSIGNMENT)}


@pytest.mark.slow  # 50 to 120 s on 2 busy cores (about 45 s of CPU): nbgrader twice, a kernel, 6 sandboxed gradings
def test_release_autograde_and_scores_no_kernel_can_forge(tmp_path):
    course = tmp_path / "course"
    _teacher("generate", str(course), "--assignment", ASSIGNMENT)
    release = course / "release" / ASSIGNMENT / f"{MODULE}.ipynb"

    # The release is the students' notebook: no solution, no reference, no hidden checks.
    text = release.read_text()
    secret_lines = {line.strip() for path in (ROOT / "tests/model_solutions" / ASSIGNMENT / f"{MODULE}.py",
                                              ROOT / "reference" / f"{MODULE}.py")
                    for line in path.read_text().splitlines() if len(line.strip()) >= 12}
    stub_text = (ROOT / "assignments" / ASSIGNMENT / f"{MODULE}.py").read_text()
    assert not [line for line in secret_lines if line in text and line not in stub_text]
    for marker in ("BEGIN SOLUTION", "END SOLUTION", "HIDDEN TESTS", "import reference", "import torch",
                   "grader.exercises"):
        assert marker not in text
    released = nbformat.read(release, as_version=4)
    stub_notebook = nbformat.read(ROOT / "assignments" / ASSIGNMENT / f"{MODULE}.ipynb", as_version=4)
    assert [c.source for c in released.cells] == [c.source for c in stub_notebook.cells]
    grade_cells = {c.metadata.nbgrader["grade_id"]: c.metadata.nbgrader for c in released.cells
                   if c.metadata.get("nbgrader", {}).get("grade")}
    assert {name: meta["points"] for name, meta in grade_cells.items()} == \
        {f"{name}-check": points for name, points in POINTS.items()}
    assert all(meta["locked"] for meta in grade_cells.values())

    # Students hand in (placed as nbgrader collect places them).
    submitted = course / "submitted"
    students = {
        "alice": _fill(release, submitted / "alice" / ASSIGNMENT / f"{MODULE}.ipynb", MODEL),
        "bob": _fill(release, submitted / "bob" / ASSIGNMENT / f"{MODULE}.ipynb", MIXED,
                     extra="assert False, 'my own test'"),
        "mallory": _fill(release, submitted / "mallory" / ASSIGNMENT / f"{MODULE}.ipynb", HOSTILE,
                         after_setup=FORGERY),
    }

    # One student goes through nbgrader's own exchange: release, fetch, submit, collect (its
    # student id is this process's user name, as nbgrader takes it).
    exchange = [f"--Exchange.root={tmp_path / 'exchange'}", "--CourseDirectory.course_id=course"]
    _nbgrader(course, "release_assignment", ASSIGNMENT, *exchange)
    home = tmp_path / "home"
    home.mkdir()
    _nbgrader(home, "fetch_assignment", ASSIGNMENT, *exchange)
    fetched = home / ASSIGNMENT / f"{MODULE}.ipynb"
    _fill(fetched, fetched, MODEL)
    (fetched.parent / "timestamp.txt").unlink()
    _nbgrader(home, "submit", ASSIGNMENT, *exchange)
    _nbgrader(course, "collect", ASSIGNMENT, *exchange)
    me = next(p.name for p in submitted.iterdir() if p.name not in students)
    students[me] = submitted / me / ASSIGNMENT / f"{MODULE}.ipynb"
    assert students[me].is_file()

    broken = submitted / "zed" / ASSIGNMENT / f"{MODULE}.ipynb"  # saved half-written: nbgrader fails on it
    broken.parent.mkdir(parents=True)
    broken.write_text('{"cells": [{"cell_type": "code", "sou')

    # What `grade` gives each notebook, computed meanwhile (the same seed and options).
    grading = {student: _start_grade(notebook) for student, notebook in students.items()}

    # nbgrader's own autograde runs the notebooks in a kernel: the hostile one's check cells
    # print and return full marks, and nbgrader records them.
    done = subprocess.run([sys.executable, "-m", "nbgrader", "autograde", ASSIGNMENT, "--student", "mallory",
                           "--force"], cwd=course, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    executed = nbformat.read(course / "autograded/mallory" / ASSIGNMENT / f"{MODULE}.ipynb", as_version=4)
    outputs = "".join(str(o.get("text", "")) for c in executed.cells if c.cell_type == "code" for o in c.outputs)
    assert "all checks passed" in outputs
    assert _gradebook_scores(course)["mallory"] == POINTS  # forged in the kernel

    # The sandboxed grader's scores replace them, for every student, without running a kernel.
    teacher = _teacher("autograde", str(course), ASSIGNMENT, "--seed", SEED, *QUICK)
    rows = {row["student"]: row for row in csv.DictReader(io.StringIO(teacher.stdout))}
    book = _gradebook_scores(course)
    for student, process in grading.items():
        out, err = process.communicate(timeout=600)
        assert process.returncode == 0, err
        report = json.loads(out)
        expected = {e["id"]: e["score"] for e in report["exercises"]}
        assert book[student] == pytest.approx(expected), student
        assert float(rows[student]["score"]) == pytest.approx(report["score"])
    assert book["alice"] == POINTS and book[me] == POINTS
    assert book["bob"]["softmax"] == 3 and 0 < book["bob"]["log_softmax"] < 2 \
        and book["bob"]["softmax_cross_entropy"] == 0
    assert book["mallory"] == {"softmax": 3, "log_softmax": 0, "softmax_cross_entropy": 0}
    # nbgrader's autograde failed on zed's notebook: the others are scored, zed's row says why
    assert "nbgrader's autograde failed" in rows["zed"]["problem"] and float(rows["zed"]["score"]) == 0
    assert "There was an error processing assignment" in teacher.stderr

    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        comment = gradebook.find_comment("log_softmax-code", MODULE, ASSIGNMENT, "bob")
        assert comment.auto_comment.startswith("Sandboxed grader (seed 11): ")
        assert gradebook.find_submission(ASSIGNMENT, "mallory").score == 3
