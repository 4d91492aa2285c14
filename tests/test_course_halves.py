"""A course graded in two halves at once (`grade --jobs 2`, the default on two cores or more):
the same report as one assignment after the other; a timing failure close to its limit is
measured again once nothing else runs; the forked half's failures fall back to this process."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time

import pytest

from grader import forked
from grader.cli import _halves
from grader.results import AssignmentResult, CheckResult, ExerciseResult, Failure
from tests.conftest import ROOT
from tests.submissions import MODEL_SOLUTIONS

GRADE = [sys.executable, "-m", "grader.cli"]


def _comparable(report: dict) -> dict:
    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k != "seconds"}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value
    return strip(report)


def test_a_course_graded_in_two_halves_reports_what_one_after_the_other_reports(tmp_path):
    course = tmp_path / "course"
    for assignment_id in ("01_activations", "05_softmax", "06_attention"):
        shutil.copytree(MODEL_SOLUTIONS / assignment_id, course / assignment_id)
    (course / "05_softmax" / "softmax.py").write_text(
        (MODEL_SOLUTIONS / "05_softmax" / "softmax.py").read_text()
        + "\n\ndef softmax(x):\n    e = np.exp(x)\n    return e / e.sum(axis=-1, keepdims=True)\n")
    runs = [subprocess.run(GRADE + [str(course), "--format", "json", "--seed", "0", "--examples", "0.2",
                                    "--no-timing", "--jobs", jobs], capture_output=True, text=True, cwd=ROOT)
            for jobs in ("1", "2")]
    for run in runs:
        assert run.returncode == 0, run.stderr
    serial, halves = (_comparable(json.loads(run.stdout)) for run in runs)
    assert halves == serial
    softmax = next(a for a in serial["assignments"] if a["assignment"] == "05_softmax")
    assert softmax["score"] < softmax["max_score"], "the overflowing softmax lost marks in both"


def test_halves_take_turns_by_weight_and_keep_the_course_order():
    submissions = [(a, None) for a in ("01_activations", "02_backprop", "03_optimizers", "04_convolution",
                                       "05_softmax", "06_attention")]
    first, second = _halves(submissions)
    assert sorted(first + second) == sorted(submissions)
    assert ("06_attention", None) in first
    for half in (first, second):
        assert half == sorted(half)
    assert abs(len(first) - len(second)) <= 2


def test_the_forked_half_s_result_comes_back():
    theirs, mine = forked.both(lambda: {"pid": os.getpid(), "data": [1.5, "x"]}, lambda: os.getpid())
    assert theirs["data"] == [1.5, "x"]
    assert theirs["pid"] != mine == os.getpid()


def test_a_forked_half_that_fails_gives_none_and_this_process_goes_on():
    def fails():
        raise RuntimeError("boom")

    assert forked.both(fails, lambda: 7) == (None, 7)
    assert forked.both(lambda: sys.exit(3), lambda: 8) == (None, 8)


def test_when_this_half_raises_the_forked_half_is_stopped(tmp_path):
    marker = tmp_path / "finished"

    def slow():
        import time

        time.sleep(5)
        marker.write_text("done")

    def raises():
        raise KeyError("here")

    with pytest.raises(KeyError):
        forked.both(slow, raises)
    import time

    time.sleep(0.2)
    assert not marker.exists()


def _result(slowdown: float, passed: bool = False) -> AssignmentResult:
    failure = None if passed else Failure("too slow", slowdown=slowdown, slowdown_limit=10.0)
    timing = CheckResult("timing", passed, 1.0 if passed else 0.0, 1.0, "ok" if passed else "too slow", failure)
    values = CheckResult("matches_reference", True, 2.0, 2.0, "ok")
    return AssignmentResult("05_softmax", "softmax.py", 0, [ExerciseResult("softmax", 3.0, [values, timing])])


def test_only_a_close_timing_failure_is_measured_again_and_a_pass_then_counts():
    assert _result(12.0).close_timing_failures() == ["softmax"]
    assert _result(45.0).close_timing_failures() == [], "far slower code: final"
    assert _result(0.0).close_timing_failures() == [], "no measurement (a wrong result on a timing input)"
    graded = _result(12.0)
    graded.take_passed_timing(_result(0.0, passed=True), ["softmax"], "measured again")
    assert graded.score == 3.0 and graded.exercises[0].notes == ["measured again"]
    still = _result(12.0)
    still.take_passed_timing(_result(11.0), ["softmax"], "measured again")
    assert still.score == 2.0 and still.exercises[0].notes == []


ORPHAN = """
import os, sys, time
sys.path.insert(0, sys.argv[2])
from grader import forked

def first():
    time.sleep(3)
    open(sys.argv[1], "w").write("the forked half went on")

def second():
    time.sleep(30)

forked.both(first, second)
"""


def test_the_forked_half_dies_with_the_process_that_forked_it(tmp_path):
    """A CI step's timeout or the OOM killer ends `grade`: its forked half must not go on grading
    (running student code) with nobody waiting for it."""
    marker = tmp_path / "went_on"
    process = subprocess.Popen([sys.executable, "-c", ORPHAN, str(marker), str(ROOT)])
    time.sleep(1.0)
    process.kill()
    process.wait()
    time.sleep(3.5)
    assert not marker.exists()


def test_the_forked_half_uses_the_zygote_started_for_it():
    """The sandboxes start before the fork so that their imports overlap the grader's: the
    forked half must use its (adopted) zygote, not start another."""
    from grader.sandbox.host import Sandbox

    sandbox = Sandbox(torch=False)
    sandbox.start()
    try:
        started = sandbox._process.pid

        def in_the_child():
            sandbox.adopt()
            worker = sandbox.spawn()
            result = worker.load("def f(x):\n    return x + 1\n", "m.py", "m")
            called = worker.call("f", [41])
            worker.close()
            used = sandbox._process.pid
            sandbox.close()
            return result.ok, called.value, used

        theirs, _mine = forked.both(in_the_child, lambda: None)
        assert theirs == (True, 42, started)
    finally:
        sandbox.close()
