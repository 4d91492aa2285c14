"""Diagnoses that name the real cause, graded through the real `grade` command.

A known mistake ("It looks like ...") is named only when it explains the student's results on
several failing cases, picked to tell it apart from the other known mistakes; otherwise the
report shows expected vs got and names no cause. Each student file is a variant under
tests/variants, written the way students write (Deep Learning from Scratch, CS231n, d2l,
The Annotated Transformer, OpenCV habits); its docstring states what test_variants expects of
it, and here the messages themselves are asserted: no wrong cause, the right one still named.
"""

from __future__ import annotations

import importlib.util
import re

import numpy as np
import pytest

from grader.checks import Case, Diagnosis, Suspects, identify
from grader.sandbox import fixtures
from tests.conftest import grade_json
from tests.submissions import VARIANTS, parse

OPTIONS = ("--no-timing", "--examples", "0.35")


def _graded(relative: str, tmp_path) -> tuple[dict, object]:
    """The JSON report of the variant, and the path of the file graded."""
    path = VARIANTS / relative
    submission = parse(path, path.parent.parent.name, path.parent.name)
    placed = submission.place(tmp_path / "work")
    return grade_json(placed, *OPTIONS), placed


def _exercise(report: dict, name: str) -> dict:
    return next(e for e in report["exercises"] if e["id"] == name)


def _failed(report: dict, name: str) -> dict[str, str]:
    """The failed checks of an exercise: name -> message."""
    return {c["name"]: c["message"] for c in _exercise(report, name)["checks"] if not c["passed"]}


# ---------------------------------------------------------------- Adam


ADAM_MISTAKES = ("without the bias correction", "only m is bias-corrected", "only v is bias-corrected",
                 "folded step", "step count t is not carried", "eps is inside the square root")


@pytest.mark.parametrize("variant", [
    # Keras-style folded step whose t is read from state but never written back
    "03_optimizers/buggy/b30_adam_folded_step_count_lost.py",
    # the book's Adam class rebuilt on every call: its iter restarts at 0
    "03_optimizers/buggy/b31_adam_saito_class_rebuilt_each_call.py",
])
def test_adam_that_matches_no_bias_correction_only_at_t1_is_not_called_so(variant, tmp_path):
    """Both coincide with "Adam without the bias correction" on every step of the first example
    (beta1 = 0.5, beta2 = 0.75: sqrt(1 - beta2) = 1 - beta1) and were named so; on further
    trajectories (t > 1, other betas) no known mistake explains them, so none is named."""
    report, _ = _graded(variant, tmp_path)
    failed = _failed(report, "adam")
    assert list(failed) == ["matches_reference"]
    message = failed["matches_reference"]
    assert message.startswith("wrong result at step")
    assert not any(mistake in message for mistake in ADAM_MISTAKES), message
    assert "It looks like" not in message


@pytest.mark.parametrize("variant,cause", [
    ("03_optimizers/buggy/b03_adam_textbook_folded_lr.py", "textbook's folded step"),
    ("03_optimizers/buggy/b01_adam_no_bias_correction.py", "Adam without the bias correction"),
    ("03_optimizers/buggy/b24_adam_only_m_corrected.py", "only m is bias-corrected"),
    ("03_optimizers/buggy/b07_adam_step_not_stored.py", "step count t is not carried"),
])
def test_adam_mistakes_that_are_made_are_still_named(variant, cause, tmp_path):
    report, _ = _graded(variant, tmp_path)
    message = _failed(report, "adam")["matches_reference"]
    assert cause in message
    assert [m for m in ADAM_MISTAKES if m in message and m not in cause] == [], message


# ---------------------------------------------------------------- (h, w) pairs of the output sizes


def test_no_size_check_with_int_arguments_is_not_blamed_on_pairs(tmp_path):
    """CS231n-style sizes with pairs handled right, no check that a side is >= 1: the failing
    call conv2d_output_size(5, 9, 6, stride=2) has no pair at all, and swapped pairs predict
    the very sizes it returns; the real fault is named instead."""
    report, _ = _graded("04_convolution/buggy/b32_conv_size_pairs_no_size_check.py", tmp_path)
    failed = _failed(report, "conv2d_output_size")
    assert list(failed) == ["raises_value_error"]
    message = failed["raises_value_error"]
    assert "wrong way round" not in message
    assert "never checked" in message and "raise ValueError if either is < 1" in message


def test_a_check_that_lets_zero_through_is_not_blamed_on_pairs(tmp_path):
    """d2l-style math.floor sizes raising only for a negative side: a side of 0 comes back."""
    report, _ = _graded("04_convolution/buggy/b33_conv_size_rejects_negative_only.py", tmp_path)
    failed = _failed(report, "conv2d_output_size")
    assert list(failed) == ["raises_value_error"]
    assert "wrong way round" not in failed["raises_value_error"]
    assert "never checked" not in failed["raises_value_error"]  # it does check, one off
    assert "side of 0 is let through" in failed["raises_value_error"]


def test_pairs_really_applied_the_wrong_way_round_are_still_named(tmp_path):
    """An OpenCV habit: sizes unpacked as (width, height)."""
    report, _ = _graded("04_convolution/buggy/b34_conv_size_opencv_wh_pairs.py", tmp_path)
    failed = _failed(report, "conv2d_output_size")
    assert "matches_reference" in failed
    assert "(h, w) pairs are applied the wrong way round" in failed["matches_reference"]


# ---------------------------------------------------------------- the meta device


@pytest.mark.parametrize("variant,exercise,shows", [
    # the result comes back on the CPU
    ("06_attention/buggy/b35_causal_mask_annotated_subsequent.py", "causal_mask", "the result is on cpu"),
    # the call raises: a CPU mask meets the scores on the inputs' device
    ("06_attention/buggy/b36_self_attention_cpu_mask_helper.py", "self_attention", "raised RuntimeError"),
])
def test_a_device_failure_on_meta_says_meta_stands_for_a_gpu(variant, exercise, shows, tmp_path):
    report, _ = _graded(variant, tmp_path)
    failed = _failed(report, exercise)
    assert list(failed) == ["keeps_device"]
    message = failed["keeps_device"]
    assert shows in message
    assert "meta (PyTorch's device without data, standing in here for a GPU" in message
    assert "on a gpu" in message.lower()  # what it would do there


# ---------------------------------------------------------------- pasted calls of numerical_gradient


@pytest.mark.parametrize("name", sorted(fixtures.AS_CODE))
def test_each_scalar_function_is_the_pasted_lambda_exactly(name):
    """What the grader passes as f and the lambda printed in its place are one function: the
    same value to the bit and the same type, for every kind of x a student may pass on."""
    pasted = eval(fixtures.AS_CODE[name], {"np": np})  # noqa: S307 - the grader's own text
    graded = fixtures.make(name)
    for x in (np.array([[0.5, -1.25], [2.0, 3.0]]), np.array(0.75), np.array([1e-3, -2.0, 0.1]),
              np.array([0.5, -1.5], dtype=np.float32)):
        ours, theirs = graded(x.copy()), pasted(x.copy())
        assert type(ours) is type(theirs)
        assert np.asarray(ours).tobytes() == np.asarray(theirs).tobytes()


@pytest.mark.parametrize("variant", [
    # PyTorch habit: the loss read with f(x).item()
    "01_activations/correct/numgrad_item_of_f.py",
    # dtype care: f(x).dtype for the buffer, .astype(x.dtype) on every quotient
    "01_activations/correct/numgrad_astype_like_x.py",
])
def test_code_that_works_on_the_pasted_function_works_when_graded(variant, tmp_path):
    """These crashed when graded (f returned a Python float: no .item(), no .astype, no .dtype)
    though the reported call, pasted, ran fine; f is now the pasted lambda itself."""
    report, _ = _graded(variant, tmp_path)
    exercise = _exercise(report, "numerical_gradient")
    assert exercise["score"] == exercise["max_score"], _failed(report, "numerical_gradient")


def test_the_pasted_failing_call_reproduces_the_reported_error(tmp_path):
    """The book's 1-D numerical gradient on a 2-D x raises; running the report's call, as a
    student pastes it, raises the very same error."""
    report, placed = _graded("01_activations/buggy/numgrad_saito_1d_loop.py", tmp_path)
    message = _failed(report, "numerical_gradient")["matches_reference"]
    reported = re.match(r"raised (\w+): (.*?) \(line \d+", message)
    call = re.search(r"Smallest failing call: (.*?)(?: \| |$)", message)
    assert reported and call, message
    spec = importlib.util.spec_from_file_location("student_activations", placed)
    student = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(student)
    with pytest.raises(Exception) as raised:
        eval(call.group(1), vars(student))  # noqa: S307 - the report's own call
    assert type(raised.value).__name__ == reported.group(1)
    assert str(raised.value) == reported.group(2)


# ---------------------------------------------------------------- the rule itself, on toy mistakes


class _ToyCheck:
    """What `identify` uses of a check: its explicit examples and its draws."""

    def __init__(self, *xs: float) -> None:
        self.examples = tuple(Case((x,)) for x in xs)

    def draw(self, ctx, count, salt=""):
        return []


class _ToyContext:
    function = "f"
    checks: dict = {}


def _toy_suspects(student, failing_x: float) -> Suspects:
    """Truth x; known mistakes 2x and x**2, which coincide at x = 2 (and at 0)."""
    known = (Diagnosis("doubled", lambda c: 2 * c.args[0]), Diagnosis("squared", lambda c: c.args[0] ** 2))
    case = Case((failing_x,))
    return Suspects(case, student(failing_x), known, truth=lambda c: c.args[0],
                    explains=lambda mistake, predicted, got, c: abs(predicted - got) < 1e-9,
                    wrong=lambda truth, got, c: abs(truth - got) > 1e-9,
                    observe=lambda ctx, check, c: student(c.args[0]))


def test_a_mistake_that_coincides_with_another_on_the_failed_case_is_named_after_telling_them_apart():
    squared = _toy_suspects(lambda x: x ** 2, 2.0)
    assert identify(_ToyContext(), _ToyCheck(0.0, 3.0), squared) == "squared"  # at 3: 6 or 9
    doubled = _toy_suspects(lambda x: 2 * x, 2.0)
    assert identify(_ToyContext(), _ToyCheck(0.0, 3.0), doubled) == "doubled"


def test_no_mistake_is_named_where_none_can_be_told_apart_or_none_explains_the_others():
    # only x = 0 to try besides 2: the two mistakes never differ there
    assert identify(_ToyContext(), _ToyCheck(0.0), _toy_suspects(lambda x: x ** 2, 2.0)) == ""
    # x + 2 looks like both at x = 2, like neither at x = 3
    assert identify(_ToyContext(), _ToyCheck(3.0), _toy_suspects(lambda x: x + 2, 2.0)) == ""


def test_a_mistake_is_named_only_on_several_failing_cases():
    # at x = 3 alone x**2 is the only explanation, but there is no other case to confirm it on
    assert identify(_ToyContext(), _ToyCheck(), _toy_suspects(lambda x: x ** 2, 3.0)) == ""
    assert identify(_ToyContext(), _ToyCheck(5.0), _toy_suspects(lambda x: x ** 2, 3.0)) == "squared"
