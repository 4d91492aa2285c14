"""Partial credit per returned part: a values check whose function returns several things
(loss and gradient; dx, dw, db; loss and grads) earns the share of the parts that are right on
every case it tries, graded through the real `grade` command.

Each student file is a variant under tests/variants (its docstring states what test_variants
expects of it); here the points themselves are asserted, from the JSON report."""

from __future__ import annotations

import pytest

from tests.conftest import grade_json
from tests.submissions import VARIANTS, parse

#: a third of the generated examples, timing off: the points do not depend on either
OPTIONS = ("--no-timing", "--examples", "0.35")


def _graded(relative: str, tmp_path) -> dict:
    path = VARIANTS / relative
    assignment_id, kind = path.parent.parent.name, path.parent.name
    submission = parse(path, assignment_id, kind)
    return grade_json(submission.place(tmp_path / "work"), *OPTIONS)


def _exercise(report: dict, name: str) -> dict:
    return next(e for e in report["exercises"] if e["id"] == name)


def _check(exercise: dict, name: str) -> dict:
    return next(c for c in exercise["checks"] if c["name"] == name)


def test_biased_log_loss_with_a_right_gradient_earns_the_gradients_share(tmp_path):
    """Deep Learning from Scratch's cross_entropy_error, -log(p + 1e-7): the loss is off by the
    1e-7, dlogits is exact. Before: 0 of 2.7778 on matches_reference (1.1111 of 5 in all)."""
    report = _graded("05_softmax/buggy/sce_saito_cross_entropy_error.py", tmp_path)
    exercise = _exercise(report, "softmax_cross_entropy")
    values = _check(exercise, "matches_reference")
    assert not values["passed"]
    assert values["max_score"] == pytest.approx(2.7778)
    assert values["score"] == pytest.approx(1.3889)  # 1 of 2 parts
    assert "dlogits matches on every case tried; loss does not: 1 of 2 parts" in values["message"]
    assert "-log(p + 1e-7)" in values["message"]  # the cause is still named
    # keeps_dtype and inputs_unchanged pass, but their points count once the values are right
    assert exercise["score"] == pytest.approx(1.3889)
    assert _check(exercise, "stable")["score"] == 0  # not run: values must pass first


def test_two_layer_net_loss_without_regularization_keeps_the_grads_share(tmp_path):
    """CS231n-style net whose loss forgets reg * sum(W**2) while its gradients carry 2 * reg * W.
    Before: 0 of 2.7778 on matches_reference (1.1111 of 5 in all)."""
    report = _graded("02_backprop/buggy/net_reg_missing_in_loss.py", tmp_path)
    exercise = _exercise(report, "two_layer_net")
    values = _check(exercise, "matches_reference")
    assert values["score"] == pytest.approx(1.3889) and values["max_score"] == pytest.approx(2.7778)
    assert "grads matches on every case tried; loss does not: 1 of 2 parts" in values["message"]
    assert "the loss does not" in values["message"]  # its diagnosis
    assert exercise["score"] == pytest.approx(1.3889)
    assert all(_exercise(report, name)["passed"] for name in
               ("affine_forward", "affine_backward", "relu_forward", "relu_backward"))


def test_every_part_wrong_earns_nothing(tmp_path):
    """No batch averaging at all: the loss is summed and dlogits lacks 1/N, both wrong."""
    report = _graded("05_softmax/buggy/sce_no_batch_average.py", tmp_path)
    exercise = _exercise(report, "softmax_cross_entropy")
    values = _check(exercise, "matches_reference")
    assert values["score"] == 0
    assert "partial credit" not in values["message"]
    assert "Nothing is averaged over the batch" in values["message"]
    assert exercise["score"] == 0  # keeps_dtype and inputs_unchanged pass, but count once the values are right


def test_a_part_that_cannot_be_judged_because_the_call_raised_earns_nothing(tmp_path):
    """The book's cross_entropy_error with its one-hot branch (`if t.size == y.size`): right
    gradient, biased loss, and a crash for one-class logits (labels taken for one-hot rows).
    The gradient is not right on every case tried (some calls raise), so no share."""
    report = _graded("05_softmax/buggy/sce_saito_onehot_branch.py", tmp_path)
    values = _check(_exercise(report, "softmax_cross_entropy"), "matches_reference")
    assert values["score"] == 0
    assert "partial credit" not in values["message"]


def test_affine_backward_with_a_wrong_db_keeps_dx_and_dw(tmp_path):
    """db as the mean of dout over the batch: dx and dw right, 2 of 3 parts."""
    report = _graded("02_backprop/buggy/affine_backward_db_mean.py", tmp_path)
    values = _check(_exercise(report, "affine_backward"), "matches_reference")
    assert values["score"] == pytest.approx(round(1.875 * 2 / 3, 4))
    assert "dx and dw match on every case tried; db does not: 2 of 3 parts" in values["message"]
