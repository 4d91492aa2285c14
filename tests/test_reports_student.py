"""What a student reads: failing calls short enough to read, points that add up, checks that did
not run named in words, a course total that says what it left out, and printed commands that
run as written. Each finding of a student trial is held here by the student's own case and by
a second one written from scratch."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import numpy as np
import pytest
from rich.console import Console

from grader.checks import Case, FromCall, show_value
from grader.report import POINTS_NOTE, exercise_lines, render_text, to_gradescope, to_json, to_junit
from grader.results import AssignmentResult, CheckResult, ExerciseResult, Failure
from grader.sandbox.wire import TensorValue
from tests.conftest import GRADE, ROOT

MODELS = ROOT / "tests/model_solutions"
STUBS = ROOT / "assignments"


def _grade(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    seed = [] if "--seed" in args else ["--seed", "0"]
    return subprocess.run(GRADE + [*args, *seed], capture_output=True, text=True, cwd=cwd or ROOT,
                          timeout=600, env=env)


def _text(result: AssignmentResult | list[AssignmentResult], missing=()) -> str:
    buffer = io.StringIO()
    results = result if isinstance(result, list) else [result]
    render_text(results, Console(file=buffer, highlight=False, soft_wrap=True, color_system=None), "", missing)
    return buffer.getvalue()


def _call_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if "smallest failing call" in line]


# ================================================================ 1. long tensors in a failing call


def test_student_attention_mask_bug_gets_a_failing_call_short_enough_to_read(tmp_path):
    """The student's file: the mask applied after the softmax. Its failing call held three
    float64 tensors written out in full (836 characters on one line)."""
    variant = ROOT / "tests/variants/06_attention/buggy/b05_sdpa_mask_after_softmax.py"
    path = tmp_path / "attention.py"
    path.write_text((MODELS / "06_attention/attention.py").read_text() + "\n\n" + variant.read_text())
    done = _grade(str(path), "--no-timing", "--device", "cpu", "--examples", "0.35")
    assert done.returncode == 0, done.stderr
    calls = [line for line in _call_lines(done.stdout) if "scaled_dot_product_attention(" in line]
    assert calls, done.stdout
    for line in calls:
        assert len(line) < 500, line
        # what is summarised says so, and still names the shape and dtype
        if "<" in line:
            assert "(shortened: <...> stands for what is too long to print)" in line
            assert re.search(r"torch\.tensor\(<shape \(\d+(, \d+)*\) torch\.float(32|64), values in \[", line), line


def test_large_arrays_are_summarised_and_short_calls_stay_exact_code():
    rng = np.random.default_rng(3)
    logits = rng.normal(size=(8, 64)).astype(np.float32)
    code = Case((logits, np.arange(8)), {}).code("softmax_cross_entropy")
    low, high = float(logits.min()), float(logits.max())
    assert code.startswith("softmax_cross_entropy(np.array(<shape (8, 64) float32, values in [")
    assert f"{low:.3g}" in code and f"{high:.3g}" in code
    assert "np.array([0, 1, 2, 3, 4, 5, 6, 7])" in code  # the labels are short: exact
    assert len(code) < 200

    # a short call is code that pastes back to the very same arrays
    x = np.array([[0.1, -2.5, 3.0], [1e-8, 0.0, -0.0]], dtype=np.float32)
    short = Case((x,), {"axis": 0}).code("softmax")
    namespace = {"np": np, "softmax": lambda a, axis: (a, axis)}
    pasted, axis = eval(short, namespace)  # noqa: S307 - our own generated text
    assert axis == 0 and pasted.dtype == np.float32 and np.array_equal(pasted, x)

    # 40 float64 values of 17 digits: fewer than the size limit, far too long to read
    noisy = rng.normal(size=(5, 8))
    shown = show_value(noisy)
    assert shown.startswith("np.array(<shape (5, 8) float64") and len(shown) < 120

    # nan and inf are counted, not hidden in a range
    special = np.full(100, 1.5)
    special[:3] = np.nan
    special[5] = -np.inf
    assert "3 nan" in show_value(special) and "1 -inf" in show_value(special)


def test_calls_whose_summaries_read_the_same_still_compare_by_their_values():
    """Checks tell inputs apart by their calls' code: a summary must not make two different
    inputs one (nor one input two)."""
    rng = np.random.default_rng(1)
    x = rng.normal(size=(5, 8))
    y = x.copy()
    y[4, 7] += 1e-9  # same shape, range and first values
    first, second, again = (Case((v,)).code("softmax") for v in (x, y, x.copy()))
    assert str(first) == str(second) and "<shape (5, 8) float64" in first
    assert first != second and first == again and hash(first) == hash(again)
    assert len({first, second, again}) == 2
    assert json.loads(json.dumps({"call": first}))["call"] == str(first)


def test_a_call_long_because_of_many_small_arguments_is_shortened_too():
    tensors = [TensorValue(np.linspace(-1, 1, 24).reshape(2, 3, 4) + k, "torch.float64", "cpu") for k in range(3)]
    mask = TensorValue(np.tril(np.ones((3, 3), dtype=bool)), "torch.bool", "cpu")
    code = Case(tuple(tensors), {"mask": mask}).code("scaled_dot_product_attention")
    assert len(code) <= 420, code
    assert "mask=torch.tensor([[True, False, False]" in code.replace("[ True", "[True") or "mask=torch.tensor(<" in code

    many = Case(tuple(float(k) + 0.125 for k in range(300))).code("f")
    assert len(many) < 450 and re.search(r"<\d+ more arguments>\)$", many), many

    # a cache made by another call (backprop) is summarised inside that call as well
    rng = np.random.default_rng(0)
    cache = FromCall("affine_forward", (rng.normal(size=(6, 10)), rng.normal(size=(10, 7)), rng.normal(size=7)),
                     path=(1,))
    code = Case((rng.normal(size=(6, 7)), cache)).code("affine_backward")
    assert code.startswith("affine_backward(np.array(<shape (6, 7) float64") and len(code) < 420, code
    assert "affine_forward(np.array(<shape (6, 10) float64" in code and code.endswith("[1])")

    # an optimizer's many steps: the report keeps the first and last statements
    step = "w, state = adam(w, np.array([[0.3, -1.2, 2e-08], [0.0, 1.5, 1000.0]], dtype=np.float64), state, lr=0.1)"
    statements = ["w = np.array([[0.5, -1.5, 2.0], [1.0, 0.25, -0.75]], dtype=np.float64)", "state = {}"] + [step] * 12
    failure = Failure("w_new differs at step 12", call="; ".join(statements))
    result = AssignmentResult("03_optimizers", "optimizers.py", 0, [
        ExerciseResult("adam", 5.0, [CheckResult("matches_reference", False, 0.0, 2.0, failure.one_line(), failure)])])
    (call,) = _call_lines(_text(result))
    assert len(call) < 700 and re.search(r"<\d+ more statements like these>", call) and call.endswith(step)
    assert statements[0] in call


# ================================================================ 2. fractional points explained


def test_student_loss_off_by_an_epsilon_sees_half_the_values_points_and_why(tmp_path):
    """The student's file: log(p + 1e-3) in the loss; dlogits right. The check earns half its
    points, and the report says so with the points, not just "wrong"."""
    path = tmp_path / "softmax.py"
    path.write_text((MODELS / "05_softmax/softmax.py").read_text() + (
        "\n\ndef softmax_cross_entropy(logits, labels):\n"
        "    n = logits.shape[0]\n"
        "    p = softmax(logits, axis=1)\n"
        "    loss = -np.log(p[np.arange(n), labels] + 1e-3).mean()\n"
        "    d = p.copy()\n"
        "    d[np.arange(n), labels] -= 1\n"
        "    return loss, d / n\n"))
    text = _grade(str(path), "--no-timing")
    document = json.loads(_grade(str(path), "--no-timing", "--format", "json").stdout)
    assert text.returncode == 0, text.stderr
    exercise = next(e for e in document["exercises"] if e["id"] == "softmax_cross_entropy")
    values = next(c for c in exercise["checks"] if c["name"] == "matches_reference")
    assert not values["passed"] and 0 < values["score"] < values["max_score"]
    shown = re.search(r"matches_reference: ([\d.]+)/([\d.]+) — .*partial credit: dlogits", text.stdout)
    assert shown, text.stdout
    assert float(shown.group(1)) == pytest.approx(values["score"], abs=0.01)
    assert float(shown.group(2)) == pytest.approx(values["max_score"], abs=0.01)
    # and the exercise line adds up to what the JSON says
    assert re.search(rf"softmax_cross_entropy\s+{round(exercise['score'], 2):g} / 5", text.stdout), text.stdout
    assert text.stdout.count(POINTS_NOTE) == 1


def test_every_failed_check_shows_earned_over_worth_and_the_split_is_said_once():
    slow = Failure("too slow: 3.1x the reference's time", call="conv2d_forward(np.array([1.0]))")
    wrong = Failure("wrong result: out differs")

    def exercise(name):
        return ExerciseResult(name, 5.0, [
            CheckResult("implemented", True, 0.0, 0.0, "implemented"),
            CheckResult("matches_reference", True, 3.0, 3.0, "matches"),
            CheckResult("keeps_dtype", False, 0.0, 1.0, wrong.one_line(), wrong),
            CheckResult("timing", False, 0.0, 1.0, slow.one_line(), slow)])

    results = [AssignmentResult("04_convolution", "a.py", 0, [exercise("conv2d_forward"), exercise("max_pool2d_forward")]),
               AssignmentResult("05_softmax", "b.py", 0, [exercise("softmax")])]
    text = _text(results)
    assert text.count("timing: 0/1 — too slow") == 3
    assert text.count("keeps_dtype: 0/1 — wrong result") == 3
    assert text.count(POINTS_NOTE) == 1
    assert "split across its checks by weight" in POINTS_NOTE
    # a report with nothing failed does not explain points
    passed = ExerciseResult("relu", 1.0, [CheckResult("matches_reference", True, 1.0, 1.0, "matches")])
    assert POINTS_NOTE not in _text(AssignmentResult("01_activations", "c.py", 0, [passed]))


# ================================================================ 3. checks that did not run, in words


CHECK_IDS = re.compile(r"\b(does_the_job|matches_reference|keeps_dtype|inputs_unchanged|allowed_apis|keeps_device)\b")


def test_student_stub_lists_what_did_not_run_in_words(tmp_path):
    path = tmp_path / "softmax.py"
    shutil.copy(STUBS / "05_softmax/softmax.py", path)
    done = _grade(str(path), "--no-timing")
    assert done.returncode == 0, done.stderr
    waiting = [line for line in done.stdout.splitlines() if "not run until" in line]
    assert len(waiting) == 3, done.stdout
    for line in waiting:
        assert CHECK_IDS.search(line) is None, line
        assert "not run until it is implemented" in line
        assert "matches the reference on generated inputs" in line and "does its job" in line


def test_a_function_that_returns_zeros_says_its_other_checks_wait_for_it_to_do_its_job(tmp_path):
    path = tmp_path / "activations.py"
    path.write_text((MODELS / "01_activations/activations.py").read_text()
                    + "\n\ndef relu(x):\n    return np.zeros_like(x)\n")
    done = _grade(str(path), "--no-timing", "--examples", "0.35")
    assert done.returncode == 0, done.stderr
    block = done.stdout.split("✗ relu ")[1].split("✓")[0].split("✗")[0]
    waiting = [line for line in block.splitlines() if "not run until" in line]
    assert waiting and all(CHECK_IDS.search(line) is None for line in waiting), block
    assert any("not run until it does its job" in line and "keeps the input's dtype" in line for line in waiting), block


# ================================================================ 4. the course's total


def _course(tmp_path: Path) -> Path:
    """A student's course folder: 01 started (stub), 05 a notebook saved half-written (not
    JSON), 04's folder without its module, 06 a file where its folder should be, 02 and 03 gone."""
    root = tmp_path / "course"
    (root / "assignments").mkdir(parents=True)
    shutil.copytree(STUBS / "01_activations", root / "assignments/01_activations")
    (root / "assignments/05_softmax").mkdir()
    (root / "assignments/05_softmax/softmax.ipynb").write_text('{"cells": [{"cell_type": "code", "sou')
    (root / "assignments/04_convolution").mkdir()
    (root / "assignments/04_convolution/notes.txt").write_text("todo\n")
    (root / "assignments/06_attention").write_text("")
    return root


def test_student_course_counts_the_unreadable_notebook_and_names_what_is_missing(tmp_path):
    root = _course(tmp_path)
    text = _grade("--no-timing", cwd=root)
    assert text.returncode == 0, text.stderr
    assert "not a readable notebook" in text.stderr
    total = text.stdout[text.stdout.index("\ntotal "):]
    assert re.search(r"total 0 / (\d+)", total)
    assert "counted as 0 / 10: 05_softmax:" in total and "not a readable notebook" in total
    for assignment_id, why in (("02_backprop", "is not there"), ("03_optimizers", "is not there"),
                               ("04_convolution", "no convolution.py or convolution.ipynb in"),
                               ("06_attention", "is not a folder")):
        assert re.search(rf"not graded, not in the total: {assignment_id}: .*{why}", total), (assignment_id, total)

    document = json.loads(_grade("--no-timing", "--format", "json", cwd=root).stdout)
    stub_points = sum(e["max_score"] for e in document["assignments"][0]["exercises"])
    assert document["assignment"] == "course"
    assert document["max_score"] == stub_points + 10 and document["score"] == 0
    assert [a["assignment"] for a in document["assignments"]] == ["01_activations", "05_softmax"]
    softmax = document["assignments"][1]
    assert softmax["score"] == 0 and softmax["max_score"] == 10 and "not a readable notebook" in softmax["notices"][0]
    assert all(not e["passed"] and "not a readable notebook" in e["checks"][0]["message"]
               for e in softmax["exercises"])
    assert {m["assignment"] for m in document["missing"]} == {"02_backprop", "03_optimizers", "04_convolution",
                                                               "06_attention"}
    assert text.stdout.count("total ") == 1 and f"total 0 / {document['max_score']:g}" in text.stdout

    gradescope = json.loads(_grade("--no-timing", "--format", "gradescope", cwd=root).stdout)
    assert "counted as 0 / 10: 05_softmax" in gradescope["output"]
    assert "not graded, not in the total: 03_optimizers" in gradescope["output"]
    tests = {t["name"]: t for t in gradescope["tests"]}
    assert tests["05_softmax: softmax"]["score"] == 0 and "not a readable notebook" in tests["05_softmax: softmax"]["output"]

    junit = ET.fromstring(_grade("--no-timing", "--format", "junit", cwd=root).stdout)
    suites = {s.get("name"): s for s in junit.iter("testsuite")}
    assert set(suites) == {"01_activations", "02_backprop", "03_optimizers", "04_convolution", "05_softmax",
                           "06_attention"}
    softmax_suite = suites["05_softmax"]
    assert int(softmax_suite.get("failures")) == 3
    assert all("not a readable notebook" in f.get("message") for f in softmax_suite.iter("failure"))
    assert {p.get("name"): p.get("value") for p in softmax_suite.iter("property")}["score"] == "0.0"
    skipped = suites["03_optimizers"].find("testcase/skipped")
    assert skipped is not None and "is not there" in skipped.get("message")


def test_a_symlinked_module_or_an_unreadable_folder_counts_zero_with_its_reason(tmp_path, monkeypatch):
    root = tmp_path / "course"
    for assignment_id, module in (("01_activations", "activations"), ("05_softmax", "softmax")):
        (root / assignment_id).mkdir(parents=True)
    shutil.copy(MODELS / "01_activations/activations.py", root / "01_activations/activations.py")
    elsewhere = tmp_path / "elsewhere.py"
    shutil.copy(MODELS / "05_softmax/softmax.py", elsewhere)
    (root / "05_softmax/softmax.py").symlink_to(elsewhere)

    done = _grade(str(root), "--no-timing", "--examples", "0.35")
    assert done.returncode == 0, done.stderr
    assert re.search(r"counted as 0 / 10: 05_softmax: .*symbolic link", done.stdout), done.stdout
    assert re.search(r"total 11 / 21\b", done.stdout), done.stdout
    # one assignment on its own that cannot be read: grading cannot run (SYLLABUS)
    alone = _grade(str(root / "05_softmax"), "--no-timing")
    assert alone.returncode != 0 and "symbolic link" in alone.stderr and alone.stdout == ""

    # a folder the student cannot list (permissions; the suite may run as root, so simulated)
    import grader.course as course

    listed = course._assignment_files

    def no_permission(folder, assignment_id):
        if folder.name == "01_activations":
            raise PermissionError(13, "Permission denied")
        return listed(folder, assignment_id)

    monkeypatch.setattr(course, "_assignment_files", no_permission)
    unreadable, missing = course.course_gaps(root)
    assert [(a, why) for a, _, why in unreadable] == [("01_activations", f"{root / '01_activations'}: cannot be "
                                                                          "read (Permission denied)")]
    assert {a for a, _ in missing} == {"02_backprop", "03_optimizers", "04_convolution", "06_attention"}
    result = course.unreadable_result("01_activations", root / "01_activations", 0, unreadable[0][2])
    assert result.score == 0 and result.max_score > 0
    assert "counted as 0 / " in _text([result], missing) and "Permission denied" in to_json([result], missing)
    assert "Permission denied" in to_gradescope([result], missing) and "Permission denied" in to_junit([result], missing)
    assert all(exercise_lines(result, e) == [] for e in result.exercises)  # the notice says it, once


def test_json_documents_keep_the_syllabus_shape_for_one_assignment_and_for_the_course(tmp_path):
    def holds_shape(document):
        assert isinstance(document["assignment"], str)
        assert isinstance(document["score"], float) and isinstance(document["max_score"], float)
        for exercise in document["exercises"]:
            assert {"id", "score", "max_score", "passed", "checks"} <= set(exercise)
            assert exercise["passed"] == (exercise["score"] == exercise["max_score"])
            for check in exercise["checks"]:
                assert {"name", "passed", "message"} <= set(check)
        assert sum(e["score"] for e in document["exercises"]) == pytest.approx(document["score"])

    one = json.loads(_grade(str(STUBS / "05_softmax"), "--no-timing", "--format", "json").stdout)
    holds_shape(one)
    assert one["assignment"] == "05_softmax"
    course = json.loads(_grade(str(_course(tmp_path)), "--no-timing", "--format", "json").stdout)
    holds_shape(course)
    assert all("assignment" in e for e in course["exercises"])


# ================================================================ 5. printed commands run as written


def test_replay_line_names_the_program_so_that_it_runs_from_any_folder(monkeypatch, tmp_path):
    from grader import cli

    script = tmp_path / "venv/bin/grade"
    script.parent.mkdir(parents=True)
    script.write_text("#!/bin/sh\n")
    script.chmod(0o755)
    monkeypatch.setattr(sys, "argv", [str(script)])
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    assert cli.program_name() == str(script)  # not on PATH: its full path
    monkeypatch.setenv("PATH", f"{script.parent}:/usr/bin:/bin")
    assert cli.program_name() == "grade"  # the venv is active: its name


def test_the_installed_grade_replays_from_another_folder_as_printed(tmp_path):
    installed = Path(sys.executable).parent / "grade"
    if not installed.exists():
        pytest.skip("no installed `grade` script beside this Python")
    student = tmp_path / "me"
    student.mkdir()
    shutil.copy(STUBS / "05_softmax/softmax.py", student / "softmax.py")
    env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}
    env["PATH"] = "/usr/bin:/bin"  # the venv not activated
    done = subprocess.run([str(installed), "softmax.py", "--no-timing", "--seed", "0"], capture_output=True,
                          text=True, cwd=student, env=env, timeout=600)
    assert done.returncode == 0, done.stderr
    replay = done.stdout.splitlines()[-1].removeprefix("Replay exactly: ")
    assert replay.startswith(str(installed.absolute()) + " " + str(student / "softmax.py"))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    again = subprocess.run(["bash", "-c", replay], capture_output=True, text=True, cwd=elsewhere, env=env,
                           timeout=600)
    assert again.returncode == 0, again.stderr
    # the same report: the same lines but the file's name (now given in full), the same replay line
    first, *rest = done.stdout.splitlines()
    first_again, *rest_again = again.stdout.splitlines()
    assert rest_again == rest
    assert first_again.replace(str(student / "softmax.py"), "softmax.py") == first


def test_readme_install_puts_grade_on_path_and_help_shows_examples():
    readme = (ROOT / "README.md").read_text()
    install = next(line for line in readme.splitlines() if "bash scripts/grade.sh" in line)
    assert "source .venv/bin/activate" in install
    assert "source .venv/bin/activate" in (ROOT / "scripts/grade.sh").read_text()
    done = subprocess.run(GRADE + ["--help"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0
    assert "Examples:" in done.stdout and "grade assignments/05_softmax" in done.stdout
