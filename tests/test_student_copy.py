"""The answer-free student copy: recorded from the model solutions, graded without the reference,
installed as a student would install it, holding no answers."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from grader.recording import CourseRecording
from grader.replay import recorded_assignment
from grader.report import to_json
from grader.runner import Options, grade
from grader.student_copy import RecordingError, build_student_copy, leaks, record_assignment, record_course
from grader.submission import load_submission
from tests.submissions import parse

ROOT = Path(__file__).resolve().parents[1]
SOLUTIONS = ROOT / "tests" / "model_solutions"
VARIANTS = ROOT / "tests" / "variants"
SEED = 4242


@pytest.fixture(scope="module")
def softmax_recording(tmp_path_factory) -> CourseRecording:
    recording = record_course(SOLUTIONS, SEED, ["05_softmax"])
    path = tmp_path_factory.mktemp("recording") / "course.pkl.xz"
    recording.save(path)
    return CourseRecording.load(path)  # what the copy reads: the saved file, not the object in memory


def _variant(kind: str, name: str, folder: Path) -> Path:
    """The variant as graded (the model solution with the variant's function in place)."""
    return parse(VARIANTS / "05_softmax" / kind / name, "05_softmax", kind).place(folder)


def _scores(recording: CourseRecording, file: Path, timing: bool = False) -> dict[str, tuple[float, list[str]]]:
    import torch

    torch.set_num_threads(1)  # as `grade` runs
    assignment = recorded_assignment(recording, "05_softmax")
    result = grade(assignment, load_submission(file), Options(seed=1, timing=timing))
    return {e.id: (e.score, [c.name for c in e.checks if not c.passed]) for e in result.exercises}


def test_recorded_checks_keep_the_spec_s_names_weights_and_order(softmax_recording):
    from grader.course import load_assignment

    spec = load_assignment("05_softmax")
    copy = recorded_assignment(softmax_recording, "05_softmax")
    for full, recorded in zip(spec.exercises, copy.exercises):
        assert [(c.name, c.weight) for c in full.all_checks()] == [(c.name, c.weight) for c in recorded.all_checks()]
        assert full.points == recorded.points


def test_the_model_solution_and_a_correct_variant_score_full_marks(softmax_recording, tmp_path):
    for file in (SOLUTIONS / "05_softmax" / "softmax.py",
                 _variant("correct", "softmax_via_logsumexp.py", tmp_path / "correct")):
        scores = _scores(softmax_recording, file)
        assert all(not failed for _, failed in scores.values()), (file.name, scores)


@pytest.mark.parametrize("variant, exercise, check", [
    ("sce_loss_summed.py", "softmax_cross_entropy", "matches_reference"),
    ("sce_inplace_logits.py", "softmax_cross_entropy", "inputs_unchanged"),
    ("softmax_no_max_subtraction.py", "softmax", "stable"),
    ("softmax_float64_buffer.py", "softmax", "keeps_dtype"),
])
def test_a_bug_loses_points_on_its_own_exercise_only(softmax_recording, tmp_path, variant, exercise, check):
    scores = _scores(softmax_recording, _variant("buggy", variant, tmp_path))
    assert check in scores[exercise][1], scores
    assert [name for name, (_, failed) in scores.items() if failed] == [exercise], scores


def test_a_loop_is_too_slow_against_the_calibrated_reference_time(softmax_recording, tmp_path):
    scores = _scores(softmax_recording, _variant("slow", "sce_row_loop.py", tmp_path), timing=True)
    assert scores["softmax_cross_entropy"][1] == ["timing"], scores


def test_a_model_solution_that_loses_points_is_not_recorded(tmp_path):
    broken = _variant("buggy", "sce_loss_summed.py", tmp_path)
    with pytest.raises(RecordingError, match="does not score full marks"):
        record_assignment("05_softmax", broken, SEED)


def test_the_leak_check_finds_a_planted_model_solution(softmax_recording, tmp_path):
    out = build_student_copy(softmax_recording, tmp_path / "copy")
    assert leaks(out, SOLUTIONS) == []
    assert not (out / "grader" / "quiz" / "generators.py").exists()  # the quiz's keys are computed there
    shutil.copy(SOLUTIONS / "05_softmax" / "softmax.py", out / "grader" / "helpers_i_forgot.py")
    assert any("helpers_i_forgot.py" in line for line in leaks(out, SOLUTIONS))


def test_the_copy_holds_no_quiz_explanation_in_any_language(softmax_recording, tmp_path):
    """Red team, 2026-12-04: the quiz bank's translation catalog shipped in the copy, and its
    explanations say every answer. The copy leaves the bank's catalogs out, and the leak check
    finds an explanation anywhere (a compiled catalog too, which holds it as bytes)."""
    from grader import catalogs

    out = build_student_copy(softmax_recording, tmp_path / "copy")
    assert not list((out / "grader").rglob("quizbank.*"))
    assert leaks(out, SOLUTIONS) == []
    shutil.copy(catalogs.po_path("quizbank"), out / "grader" / "locale" / "stray.po")
    found = leaks(out, SOLUTIONS)
    assert any("stray.po" in line and "explanation" in line for line in found), found


@pytest.mark.slow
def test_installed_as_a_student_would_it_grades_and_holds_no_answers(softmax_recording, tmp_path):
    """pip-installed from the built folder into a fresh virtual environment (the libraries it
    needs come from this one's site-packages, read as a plain path): `grade` works, and no
    installed file holds the reference, a model solution or an exercise spec."""
    out = build_student_copy(softmax_recording, tmp_path / "copy")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               check=True, capture_output=True, text=True).stdout.strip())
    (site / "course_libraries.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", str(out)], check=True)
    assert not (site / "reference").exists() and not (site / "grader" / "exercises").exists()
    assert leaks(site, SOLUTIONS) == []
    where = subprocess.run([str(python), "-c", "import importlib.util as u; print(u.find_spec('reference'))"],
                           capture_output=True, text=True, cwd=tmp_path).stdout.strip()
    assert where == "None"

    student = _variant("buggy", "sce_loss_summed.py", tmp_path / "student").parent
    env = {k: v for k, v in os.environ.items() if k != "GRADER_RECORDING"}
    run = subprocess.run([str(venv / "bin" / "grade"), "softmax.py", "--format", "json"], cwd=student,
                         capture_output=True, text=True, env=env)
    report = json.loads(run.stdout)
    scores = {e["id"]: e["score"] for e in report["assignments"][0]["exercises"]} if "assignments" in report \
        else {e["id"]: e["score"] for e in report["exercises"]}
    assert scores == {"softmax": 3, "log_softmax": 2, "softmax_cross_entropy": pytest.approx(scores["softmax_cross_entropy"])}
    assert scores["softmax_cross_entropy"] < 5

    # check() from the student's own script, in the installed copy
    script = student / "softmax.py"
    script.write_text(script.read_text() + "\n\nif __name__ == '__main__':\n    from grader import check\n"
                      "    print('SCORE', check('softmax').score)\n")
    run = subprocess.run([str(python), str(script)], cwd=student, capture_output=True, text=True, env=env)
    assert "SCORE 3.0" in run.stdout, run.stdout + run.stderr
    assert "student copy" in run.stdout and "softmax.py" in run.stdout


def test_a_tuple_result_right_in_some_parts_earns_their_share_as_in_official_grading(softmax_recording, tmp_path):
    import torch

    from grader.course import load_assignment

    torch.set_num_threads(1)
    file = _variant("buggy", "sce_loss_summed.py", tmp_path)
    copy = grade(recorded_assignment(softmax_recording, "05_softmax"), load_submission(file), Options(seed=1, timing=False))
    official = grade(load_assignment("05_softmax"), load_submission(file), Options(seed=1, timing=False))
    values = [next(c for e in r.exercises if e.id == "softmax_cross_entropy" for c in e.checks
                   if c.name == "matches_reference") for r in (copy, official)]
    assert values[0].points == values[1].points > 0
    assert "dlogits" in values[0].message
