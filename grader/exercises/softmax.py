"""05_softmax: softmax, log-softmax and softmax cross-entropy with its gradient."""

from __future__ import annotations

from typing import Callable

import numpy as np
import torch
from hypothesis import strategies as st

import reference.softmax as ref
from grader import strategies as gs
from grader.checks import Case, Diagnosis
from grader.compare import Tolerance
from grader.exercises.common import NUMPY_NOTE, NUMPY_ONLY, n64, numpy_checks, t64, timed
from grader.i18n import N_
from grader.spec import Assignment, Exercise


@st.composite
def _logits_axis(draw, magnitude: float, edges: bool = False) -> Case:
    logits = draw(gs.float_array(magnitude, min_dims=1, max_dims=4, edges=edges))
    axis = draw(st.one_of(st.none(), st.integers(-logits.ndim, logits.ndim - 1)))
    return Case((logits,)) if axis is None else Case((logits,), {"axis": axis})


def _axis(c: Case) -> int:
    return int(c.kwargs.get("axis", -1))


def _last_axis(function: Callable[[torch.Tensor, int], torch.Tensor]) -> Callable[[Case], np.ndarray]:
    """`function` taken over the last axis whatever `axis` says. Not applicable where `axis` is
    the last axis: that output is the truth itself, and would be named on any near miss (a 1-D
    row of float32 logits off by a rounding error)."""

    def output(c: Case) -> np.ndarray:
        ndim = np.ndim(c.args[0])
        if _axis(c) % max(ndim, 1) == ndim - 1:
            raise ValueError("the axis is already the last one: no diagnosis")
        return n64(function(t64(c.args[0]), -1))
    return output


def _whole_array_softmax(c: Case) -> np.ndarray:
    x = c.args[0]
    if np.ndim(x) <= 1:
        raise ValueError("one slice: the whole array is the slice, no diagnosis")
    return np.exp(x - np.max(x)) / np.sum(np.exp(x - np.max(x)))


def _vec(values, dtype: str) -> np.ndarray:
    return np.array(values, dtype=dtype)


ROWS = _vec([[1.0, 2.0, 3.0, 4.0], [-1.0, 0.5, 0.0, 2.0], [3.0, 3.0, -2.0, 0.0]], "float64")
FAR_ROWS = _vec([[1000.0, 1001.0, 999.0], [-1000.0, -1002.0, -1001.0]], "float64")
STABILITY_HINT = N_("subtract each slice's maximum along `axis` (keepdims=True) before exponentiating")


def _large_logit_tolerance(c: Case) -> Tolerance:
    """Tolerance grown to about max|logit| * eps: correct float32 formulas that form the
    logsumexp as max + log(sum) (PyTorch's and scipy's, softmax as exp(x - logsumexp), the loss
    as lse - logit[label]) round it at the logits' scale, which for large logits exceeds the
    default tolerance; every real softmax bug is off by far more."""
    base = Tolerance.for_dtype(c.dtype)
    spread = 4 * float(np.finfo(c.dtype).eps) * float(np.max(np.abs(c.args[0]), initial=0.0))
    return Tolerance(max(base.rtol, spread), max(base.atol, spread))


def _softmax64(c: Case) -> np.ndarray:
    return n64(ref.softmax(t64(c.args[0]), _axis(c)))


softmax = Exercise("softmax", 3, numpy_checks(
    _softmax64, _logits_axis(20.0), stable_cases=_logits_axis(1e4, edges=True),
    examples=(Case((ROWS.astype(np.float32),)), Case((ROWS,), {"axis": 0}),
              Case((ROWS[:, :, None].repeat(2, axis=2),), {"axis": 1})),
    stable_examples=(Case((FAR_ROWS,)), Case((FAR_ROWS.astype(np.float32),))),
    argument_names=("logits",), scale=lambda c: 1.0, stable_hint=STABILITY_HINT, tolerance=_large_logit_tolerance,
    diagnoses=(Diagnosis(N_("It looks like the softmax is taken over the last axis whatever `axis` says."),
                         _last_axis(ref.softmax)),
               Diagnosis(N_("It looks like the softmax is normalised over the whole array, not along `axis`."),
                         _whole_array_softmax)),
    hint=N_("exp of each value divided by the sum of exps along `axis`; the result sums to 1 along `axis`")),
    probe=Case((ROWS,)))


def _log_softmax_scale(c: Case) -> float:
    return 1.0 + float(np.max(np.abs(c.args[0]), initial=0.0))


log_softmax = Exercise("log_softmax", 2, numpy_checks(
    lambda c: n64(ref.log_softmax(t64(c.args[0]), _axis(c))), _logits_axis(20.0),
    stable_cases=_logits_axis(1e4, edges=True),
    examples=(Case((ROWS.astype(np.float32),)), Case((ROWS,), {"axis": 0})),
    stable_examples=(Case((FAR_ROWS,)), Case((_vec([[0.0, 800.0]], "float64"),))),
    argument_names=("logits",), scale=_log_softmax_scale,
    stable_hint=N_("log(softmax(x)) is -inf where softmax underflows to 0: use x - max - log(sum(exp(x - max)))"),
    diagnoses=(Diagnosis(N_("It looks like the log-softmax is taken over the last axis whatever `axis` says."),
                         _last_axis(ref.log_softmax)),),
    hint=N_("log_softmax(x) = x - logsumexp(x) along `axis`")),
    probe=Case((ROWS,)))


@st.composite
def _logits_labels(draw, magnitude: float, edges: bool = False) -> Case:
    n, c = draw(gs.distinct_sizes(2, 1, 7))
    dtype = draw(gs.dtypes())
    logits = draw(gs.arrays(dtype, (n, c), magnitude, edges=edges))
    labels = draw(gs.labels(n, c))
    return Case((logits, labels))


def _cross_entropy(c: Case) -> tuple:
    loss, dlogits = ref.softmax_cross_entropy(t64(c.args[0]), torch.from_numpy(c.args[1]))
    return (n64(loss), n64(dlogits))


def _with(c: Case, loss_factor: float = 1.0, grad_factor: float = 1.0) -> tuple:
    if c.args[0].shape[0] == 1:
        raise ValueError("with one row, a sum and a mean agree: no diagnosis")
    loss, dlogits = _cross_entropy(c)
    return (loss * loss_factor, dlogits * grad_factor)


def _clipped_log(c: Case) -> tuple:
    logits = np.asarray(c.args[0], dtype=np.float64)
    p = np.exp(logits - logits.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    n = logits.shape[0]
    return (np.mean(-np.log(p[np.arange(n), c.args[1]] + 1e-7)), _cross_entropy(c)[1])


def _timing_case(rng: np.random.Generator) -> Case:
    # Many short rows: per-row Python overhead dominates a row loop (about 20x the reference),
    # while every vectorized form measured stays under 1.5x.
    logits = rng.standard_normal((8192, 10)) * 3
    return Case((logits, rng.integers(0, 10, 8192)))


def _loop_case(rng: np.random.Generator, n: int) -> Case:
    """n rows of 3 classes: a loop over the rows runs more lines of Python as n grows."""
    return Case((rng.standard_normal((n, 3)) * 3, rng.integers(0, 3, n)))


softmax_cross_entropy = Exercise("softmax_cross_entropy", 5, numpy_checks(
    _cross_entropy, _logits_labels(20.0), stable_cases=_logits_labels(1e4, edges=True),
    examples=(Case((ROWS.astype(np.float32), np.array([3, 0, 1]))), Case((ROWS, np.array([0, 3, 2])))),
    stable_examples=(Case((_vec([[1e4, -1e4, 0.0], [-1e4, 1e4, 5e3]], "float64"), np.array([1, 1]))),),
    names=("loss", "dlogits"), argument_names=("logits", "labels"), scale=lambda c: 1.0,
    tolerance=_large_logit_tolerance,
    stable_hint=N_("subtract each row's maximum (keepdims=True) before exponentiating, and take the loss "
                   "from the log-softmax (shifted logits minus the log of their summed exps), not from "
                   "log of the probabilities: a probability that underflows to 0 gives log(0) = -inf"),
    diagnoses=(Diagnosis(N_("The loss looks summed over the batch: the contract asks for the mean over N."),
                         lambda c: _with(c, loss_factor=c.args[0].shape[0]), 2.0),
               Diagnosis(N_("dlogits looks N times too large: divide the gradient by N as well."),
                         lambda c: _with(c, grad_factor=c.args[0].shape[0]), 2.0),
               Diagnosis(N_("Nothing is averaged over the batch: the loss looks like the SUM of the rows' "
                            "cross-entropies and dlogits lacks its 1/N; divide both by N."),
                         lambda c: _with(c, loss_factor=c.args[0].shape[0], grad_factor=c.args[0].shape[0]), 2.0),
               Diagnosis(N_("The loss looks like -log(p + 1e-7): the small constant biases the loss; use "
                         "log-softmax instead."), _clipped_log, 2.0)),
    hint=N_("loss = mean over rows of -log_softmax(logits)[label]; dlogits is the derivative of that "
         "mean with respect to logits (mind the mean's 1/N)"),
    extra=(timed(ref.softmax_cross_entropy, _timing_case, limit=6.0, loop_case=_loop_case,
                 hint=N_("no Python loop over rows: work on the whole (N, C) array at once, and pick "
                      "each row's label entry with integer-array indexing")),)),
    probe=Case((ROWS, np.array([0, 1, 2]))))

ASSIGNMENT = Assignment("05_softmax", "softmax", "Softmax and cross-entropy", "numpy",
                        (softmax, log_softmax, softmax_cross_entropy),
                        banned=NUMPY_ONLY, allowed_note=NUMPY_NOTE)
