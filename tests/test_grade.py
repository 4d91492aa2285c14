"""End-to-end: model solutions, untouched stubs, bad input, reproducibility, a few bugs."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from grader.course import ASSIGNMENTS
from tests.conftest import GRADE, ROOT, grade_json

NUMPY_READY = {assignment_id: f"{module}.py" for assignment_id, (module, _) in ASSIGNMENTS.items()}


@pytest.mark.parametrize("assignment,module", sorted(NUMPY_READY.items()))
def test_model_solution_scores_full_marks(assignment, module):
    report = grade_json(ROOT / "tests/model_solutions" / assignment / module)
    assert report["assignment"] == assignment
    failed = [f"{e['id']}.{c['name']}: {c['message'][:300]}" for e in report["exercises"]
              for c in e["checks"] if not c["passed"]]
    assert report["score"] == report["max_score"] > 0, (report["notices"], failed[:3])
    assert all(e["passed"] for e in report["exercises"])


@pytest.mark.parametrize("assignment,module", sorted(NUMPY_READY.items()))
def test_untouched_stub_scores_zero_with_guidance(assignment, module):
    report = grade_json(ROOT / "assignments" / assignment / module)
    assert report["score"] == 0
    for exercise in report["exercises"]:
        assert "not implemented" in exercise["checks"][0]["message"]


def test_copy_outside_course_is_matched_by_name_and_json_is_reproducible(tmp_path):
    copy = tmp_path / "softmax.py"
    shutil.copy(ROOT / "tests/model_solutions/05_softmax/softmax.py", copy)
    first = grade_json(copy, "--seed", "3", "--no-timing")
    second = grade_json(copy, "--seed", "3", "--no-timing")
    assert first["assignment"] == "05_softmax"
    assert first == second


def test_missing_path_is_one_line_and_nonzero():
    done = subprocess.run(GRADE + ["no/such/file.py"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode != 0
    assert done.stderr.strip().count("\n") == 0 and "no such" in done.stderr


def test_syntax_error_is_graded_as_zero_with_message(tmp_path):
    bad = tmp_path / "activations.py"
    bad.write_text("def sigmoid(x:\n    return x\n")
    report = grade_json(bad)
    assert report["score"] == 0
    assert "syntax error" in report["notices"][0]


def test_bug_costs_only_its_exercise_and_names_the_cause(tmp_path):
    model = (ROOT / "tests/model_solutions/01_activations/activations.py").read_text()
    naive = model + "\n\ndef sigmoid(x):\n    return 1.0 / (1.0 + np.exp(-x))\n"
    path = tmp_path / "activations.py"
    path.write_text(naive)
    report = grade_json(path, "--no-timing")
    scores = {e["id"]: e for e in report["exercises"]}
    assert not scores["sigmoid"]["passed"]
    assert any("overflow" in c["message"] for c in scores["sigmoid"]["checks"] if not c["passed"])
    assert all(e["passed"] for name, e in scores.items() if name != "sigmoid")


def test_banned_scipy_costs_only_the_function_using_it(tmp_path):
    model = (ROOT / "tests/model_solutions/05_softmax/softmax.py").read_text()
    path = tmp_path / "softmax.py"
    path.write_text(model + "\n\nimport scipy.special\n\ndef softmax(logits, axis=-1):\n"
                    "    return scipy.special.softmax(logits, axis=axis)\n")
    report = grade_json(path, "--no-timing")
    scores = {e["id"]: e for e in report["exercises"]}
    assert scores["softmax"]["score"] == 0
    assert any("scipy" in c["message"] for c in scores["softmax"]["checks"])
    assert scores["log_softmax"]["passed"] and scores["softmax_cross_entropy"]["passed"]


def test_hang_and_crash_cost_only_their_exercise(tmp_path):
    model = (ROOT / "tests/model_solutions/01_activations/activations.py").read_text()
    path = tmp_path / "activations.py"
    path.write_text(model + "\n\ndef relu(x):\n    while True:\n        pass\n\n"
                    "def tanh(x):\n    import ctypes\n    ctypes.string_at(0)\n")
    report = grade_json(path, "--no-timing")
    scores = {e["id"]: e for e in report["exercises"]}
    assert scores["relu"]["score"] == 0 and scores["tanh"]["score"] == 0
    assert any("time limit" in c["message"] for c in scores["relu"]["checks"])
    assert any("segmentation" in c["message"] for c in scores["tanh"]["checks"])
    assert all(e["passed"] for name, e in scores.items() if name not in ("relu", "tanh"))


@pytest.mark.cuda
def test_attention_model_solution_scores_full_marks_on_cuda():
    torch = pytest.importorskip("torch")
    if not torch.cuda.is_available():
        pytest.skip("needs a CUDA device")
    report = grade_json(ROOT / "tests/model_solutions/06_attention/attention.py", "--device", "cuda")
    assert report["score"] == report["max_score"] > 0
    assert all(e["passed"] for e in report["exercises"])


def test_text_report_blames_the_unimplemented_helper_and_replays_with_its_flags(tmp_path):
    stub = (ROOT / "assignments/05_softmax/softmax.py").read_text()
    path = tmp_path / "softmax.py"
    path.write_text(stub + "\n\ndef softmax_cross_entropy(logits, labels):\n"
                    "    p = softmax(logits, axis=1)\n"
                    "    return -np.log(p[np.arange(len(labels)), labels]).mean(), p\n")
    done = subprocess.run(GRADE + [str(path), "--seed", "2", "--no-timing"], capture_output=True, text=True,
                          cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    # one mistake costs one exercise: softmax_cross_entropy is judged with the grader's softmax
    assert any("note: softmax_cross_entropy calls your `softmax`" in line for line in lines)
    assert any("softmax: not implemented yet" in line or "implemented: not implemented yet" in line for line in lines)
    assert any("timing not checked (--no-timing)" in line for line in lines)
    assert lines[-1] == f"Replay exactly: grade {path} --seed 2 --no-timing"
    # long lines stay whole in a pipe (no wrapping at 80 columns mid-sentence)
    assert any(len(line) > 100 for line in lines)


def _grade_stdout(path, *extra: str) -> str:
    done = subprocess.run(GRADE + [str(path), *extra], capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_gradescope_and_junit_carry_the_same_scores_as_json(tmp_path):
    model = (ROOT / "tests/model_solutions/01_activations/activations.py").read_text()
    path = tmp_path / "activations.py"
    # a naive sigmoid, and a tanh whose error message holds characters XML cannot carry
    path.write_text(model + "\n\ndef sigmoid(x):\n    return 1.0 / (1.0 + np.exp(-x))\n\n"
                    "def tanh(x):\n    raise ValueError('bad \\x00\\x07 <value> & more')\n")
    from xml.etree import ElementTree

    plain = grade_json(path, "--seed", "1")
    gradescope = json.loads(_grade_stdout(path, "--seed", "1", "--format", "gradescope"))
    junit = ElementTree.fromstring(_grade_stdout(path, "--seed", "1", "--format", "junit"))

    assert gradescope["score"] == plain["score"] < plain["max_score"]
    tests = {t["name"]: t for t in gradescope["tests"]}
    assert set(tests) == {e["id"] for e in plain["exercises"]}
    assert tests["sigmoid"]["status"] == "failed" and "overflow" in tests["sigmoid"]["output"]
    assert tests["relu"]["status"] == "passed" and tests["relu"]["score"] == tests["relu"]["max_score"]

    suite = junit.find("testsuite")
    failed_checks = [c for e in plain["exercises"] for c in e["checks"] if not c["passed"]]
    not_run = [c for c in failed_checks if c["message"].startswith("not run")]
    assert int(suite.get("failures")) == len(failed_checks) - len(not_run) > 0
    assert int(suite.get("skipped")) == len(not_run)
    assert int(suite.get("tests")) == sum(len(e["checks"]) for e in plain["exercises"])
    failures = {case.get("classname") + "." + case.get("name"): case.find("failure")
                for case in suite.iter("testcase") if case.find("failure") is not None}
    assert any(name.startswith("01_activations.tanh.") for name in failures)
    assert {p.get("name"): p.get("value") for p in suite.iter("property")}["score"] == str(plain["score"])


def test_grade_class_grades_every_student_and_survives_missing_and_broken_files(tmp_path):
    import csv

    model = (ROOT / "tests/model_solutions/05_softmax/softmax.py").read_text()
    submitted = tmp_path / "submitted"
    (submitted / "bob" / "05_softmax").mkdir(parents=True)
    (submitted / "carol").mkdir()
    (submitted / "alice.py").write_text(model)
    (submitted / "bob" / "05_softmax" / "softmax.py").write_text(
        model + "\n\ndef softmax(logits, axis=-1):\n    e = np.exp(logits)\n    return e / e.sum(axis=axis, keepdims=True)\n")
    (submitted / "dave.py").write_text("def softmax(x)\n    return x\n")
    reports = tmp_path / "reports"
    done = subprocess.run([GRADE[0], "-c", "from grader.cli import class_main; class_main()", str(submitted),
                           "--assignment", "05_softmax", "--no-timing", "--reports", str(reports)],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stderr
    rows = {row["student"]: row for row in csv.DictReader(done.stdout.splitlines())}
    assert list(rows) == ["alice", "bob", "carol", "dave"]
    assert float(rows["alice"]["score"]) == float(rows["alice"]["max_score"]) == 10
    assert float(rows["bob"]["softmax"]) < 3 and float(rows["bob"]["softmax_cross_entropy"]) == 5
    assert float(rows["carol"]["score"]) == 0 and "no softmax.py" in rows["carol"]["problem"]
    assert float(rows["dave"]["score"]) == 0 and "syntax error" in rows["dave"]["problem"]
    assert json.loads((reports / "alice.json").read_text())["score"] == 10
    assert len(done.stderr.strip().splitlines()) == 4
