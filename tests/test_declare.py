"""An exercise added through the documented declaration only (grader.declare, docs/authoring.md):
a correct submission gets full marks, a buggy one loses marks with the declared diagnosis."""

from __future__ import annotations

import math

import pytest
import torch

from grader.declare import Timing, assignment, elementwise, gradient, reduction
from grader.runner import Options, grade
from grader.submission import Submission


def _gelu(x: torch.Tensor) -> torch.Tensor:
    return torch.nn.functional.gelu(x, approximate="tanh")


def _gelu_formula(x: torch.Tensor) -> torch.Tensor:
    """The same, one elementwise operation at a time, as numpy code does it: the timing baseline."""
    return 0.5 * x * (1 + torch.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x**3)))


# The declarations, exactly as docs/authoring.md writes them.
gelu = elementwise("gelu", _gelu, points=2, stable=1e4,
                   hint="gelu(x) = 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))",
                   mistakes={"It looks like the 0.5 factor is missing.": lambda x: 2 * _gelu(x)},
                   timing=Timing((512, 256), limit=8.0, baseline=_gelu_formula))
gelu_backward = gradient("gelu_backward", _gelu, points=2, stable=1e4)
logsumexp = reduction("logsumexp", lambda x, axis: torch.logsumexp(x, axis, keepdim=True), points=2, stable=1e4,
                      stable_hint="subtract the maximum along `axis` before exponentiating")

ASSIGNMENT = assignment("90_declared", "declared", "Declared in a few lines", [gelu, gelu_backward, logsumexp])

CORRECT = '''
import numpy as np

C = np.sqrt(2 / np.pi)


def gelu(x):
    c = x.dtype.type(C)
    return 0.5 * x * (1 + np.tanh(c * (x + x.dtype.type(0.044715) * x**3)))


def gelu_backward(dout, x):
    c = x.dtype.type(C)
    a = x.dtype.type(0.044715)
    t = np.tanh(c * (x + a * x**3))
    return dout * (0.5 * (1 + t) + 0.5 * x * (1 - t * t) * c * (1 + 3 * a * x * x))


def logsumexp(x, axis=-1):
    m = np.max(x, axis=axis, keepdims=True)
    return m + np.log(np.sum(np.exp(x - m), axis=axis, keepdims=True))
'''

BUGGY = CORRECT.replace("return 0.5 * x * (1 + np.tanh", "return x * (1 + np.tanh") \
    .replace("return dout * (0.5 * (1 + t)", "return (0.5 * (1 + t)") \
    .replace("return m + np.log(np.sum(np.exp(x - m), axis=axis, keepdims=True))",
             "return np.log(np.sum(np.exp(x), axis=axis, keepdims=True))")


def _graded(source: str) -> dict:
    torch.set_num_threads(1)
    options = Options(seed=0, device="cpu", timing=False, examples_factor=0.35, shrink_seconds=1.0)
    result = grade(ASSIGNMENT, Submission(__import__("pathlib").Path("declared.py"), source, "declared.py"), options)
    return {exercise.id: exercise for exercise in result.exercises}


def test_the_declared_exercises_have_the_usual_checks():
    names = {e.name: [c.name for c in e.all_checks()] for e in ASSIGNMENT.exercises}
    assert names["gelu"] == ["implemented", "allowed_apis", "matches_reference", "stable", "keeps_dtype",
                             "inputs_unchanged", "timing"]
    assert "gradient" in names["gelu_backward"] and "stable" in names["logsumexp"]


def test_a_correct_submission_gets_full_marks():
    """Timing is left out (no timed assertions in tests: the machine may be busy); the timing
    check's presence is asserted above."""
    graded = _graded(CORRECT)
    for name, exercise in graded.items():
        assert exercise.score == exercise.max_score, (name, [(c.name, c.message) for c in exercise.checks])


def test_a_buggy_submission_loses_marks_with_the_declared_diagnoses():
    graded = _graded(BUGGY)
    assert graded["gelu"].score < graded["gelu"].max_score
    failed = {c.name: c.message for c in graded["gelu"].checks if not c.passed}
    assert "matches_reference" in failed and "0.5 factor is missing" in failed["matches_reference"]
    backward = {c.name: c.message for c in graded["gelu_backward"].checks if not c.passed}
    assert "dout` is not multiplied in" in backward["matches_reference"]
    lse = {c.name: c.message for c in graded["logsumexp"].checks if not c.passed}
    assert list(lse) == ["stable"], lse


@pytest.mark.parametrize("x", [-3.0, 0.0, 0.5, 2.0])
def test_the_reference_is_the_tanh_approximation(x):
    """The worked example's contract, independently of torch."""
    expected = 0.5 * x * (1 + math.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x**3)))
    assert float(_gelu(torch.tensor(x, dtype=torch.float64))) == pytest.approx(expected, rel=1e-12, abs=1e-15)


def test_a_loop_over_the_rows_of_a_declared_timed_function_fails_timing():
    """Declared timing comes with the loop probe: it counts lines of Python, not seconds, so
    this holds on a busy machine too."""
    from grader.checks import Context
    from grader.runner import Session, with_job_gate
    from grader.sandbox.host import Sandbox

    looped = CORRECT.replace("    return 0.5 * x * (1 + np.tanh(c * (x + x.dtype.type(0.044715) * x**3)))",
                             "    return np.stack([0.5 * r * (1 + np.tanh(c * (r + x.dtype.type(0.044715) * r**3)))\n"
                             "                     for r in x])")
    assert looped != CORRECT
    exercise = ASSIGNMENT.exercises[0]
    (timing,) = [c for c in exercise.checks if c.name == "timing"]
    verdicts = []
    with Sandbox(torch=False) as sandbox:
        for source in (CORRECT, looped):
            session = Session(ASSIGNMENT, Submission(__import__("pathlib").Path("declared.py"), source, "declared.py"),
                              Options(seed=0, device="cpu"), sandbox)
            ctx = Context(session, exercise.name, exercise.budget_seconds,
                          {c.name: c for c in with_job_gate(list(exercise.all_checks()))})
            try:
                verdicts.append(timing._python_loop(ctx))
            finally:
                ctx.close()
    assert verdicts[0] is None
    assert verdicts[1] is not None and "Python loop over the batch" in verdicts[1].summary
