"""02_backprop: affine and ReLU layers with caches, and a two-layer net's loss and gradients.

The backward functions take the cache the student's OWN forward returned: their cases hold a
`FromCall("affine_forward", (x, w, b), path=(1,))`, which the worker runs first and hands on
(the cache never leaves the worker). The truth comes from the reference, which takes the
forward's inputs instead of a cache.

`gradient` checks compare the backward functions with central differences of the *reference*
forward, computed here in float64. For an affine map (and for ReLU away from its kink) that is
the same function as any correct student forward; using the student's own forward instead
would make affine_backward lose marks for a bug in affine_forward (a forgotten bias gives
db = 0), and a bug must cost only the exercise it is in.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Callable

import numpy as np
import torch
from hypothesis import assume
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import reference.backprop as ref
from grader import strategies as gs
from grader.checks import (ANYTHING, Case, Check, Diagnosis, FromCall, Implemented, PropertyCheck,
                           error_failure, leaves_inputs_unchanged, matches)
from grader.compare import Tolerance
from grader.exercises.common import AFTER_VALUES, NUMPY_NOTE, NUMPY_ONLY, n64, numpy_checks, t64, timed
from grader.i18n import N_, _
from grader.results import Failure
from grader.sandbox.wire import Opaque, SlotRef
from grader.spec import Assignment, Exercise

PARAM_NAMES = ref.PARAM_NAMES
GRADIENT_TOLERANCE = Tolerance(1e-5, 1e-6)


def _vec(values, dtype: str) -> np.ndarray:
    return np.array(values, dtype=dtype)


def _f64(value: Any) -> np.ndarray:
    return np.asarray(value, dtype=np.float64)


# ================================================================ layers whose backward takes a cache


@dataclasses.dataclass(frozen=True)
class _ImplementedAfterForward(Implemented):
    """`implemented` for a backward function: when the probe fails because the forward that
    makes its cache is missing or not implemented, say so (and which function to fix)."""

    def run(self, ctx) -> Failure | None:
        failure = super().run(ctx)
        if failure is None or self.probe is None:
            return failure
        return _forward_failure(self.probe, ctx) or failure


@dataclasses.dataclass(frozen=True)
class _ChainedExercise(Exercise):
    def all_checks(self) -> tuple[Check, ...]:
        first, *rest = super().all_checks()
        return (_ImplementedAfterForward(probe=self.probe),) + tuple(rest)


def _from_call(case: Case) -> FromCall | None:
    return next((a for a in case.args if isinstance(a, FromCall)), None)


def _forward_failure(case: Case, ctx) -> Failure | None:
    """The failure of the forward call that makes `case`'s cache, if that call fails."""
    made = _from_call(case)
    if made is None:
        return None
    forward_case = Case(made.args, made.kwargs)
    alone = ctx.call(forward_case, function=made.function, discard=True)
    failure = error_failure(alone, forward_case, made.function)
    if failure is None:
        return None
    failure.summary = _("could not be tested: {forward}, whose cache {function} receives, "
                        "failed first: {summary}").format(forward=made.function, function=ctx.function,
                                                          summary=failure.summary)
    failure.hint = _("make {forward} work first: {function} is given the cache it returns").format(
        forward=made.function, function=ctx.function)
    return failure


def _blaming_forward(judge, error_hint: str = ""):
    """A judge whose call failed because of the forward is told so; a backward that raised
    itself gets `error_hint` (most such errors are shape mistakes)."""

    def wrapped(case: Case, result, ctx) -> Failure | None:
        failure = judge(case, result, ctx)
        if failure is None or (result.error is None and result.failure is None):
            return failure
        blamed = _forward_failure(case, ctx)
        if blamed is not None:
            return blamed
        if error_hint and not failure.hint:
            failure.hint = _(error_hint)
        return failure

    return wrapped


def _same_tree(before: Any, after: Any) -> str:
    """'' if `after` equals `before` exactly (arrays, tuples, lists, dicts), else where not."""
    if isinstance(before, np.ndarray):
        if not isinstance(after, np.ndarray) or after.shape != before.shape:
            return _(" (an array in it changed shape)")
        if not np.array_equal(before, after, equal_nan=before.dtype.kind == "f"):
            index = tuple(int(i) for i in np.argwhere(before != after)[0]) if before.ndim else ()
            where = _(" at index {index}").format(index=index) if index else ""
            return _(": an array in it changed{where} from {before!r} to {after!r}").format(
                where=where, before=before[index], after=after[index])
        return ""
    if isinstance(before, (tuple, list)) and isinstance(after, (tuple, list)) and len(before) == len(after):
        for b, a in zip(before, after):
            found = _same_tree(b, a)
            if found:
                return found
        return ""
    if isinstance(before, dict) and isinstance(after, dict):
        for key in before:
            if key not in after:
                return _(": its entry {key!r} was removed (dict.pop or del)").format(key=key)
            found = _same_tree(before[key], after[key])
            if found:
                return found
    return ""


def _backward_leaves_inputs(names: tuple[str, ...]):
    """`dout` is untouched, and so is the cache (which may hold the forward's own `x`): the
    cache is compared as the forward returned it and as it is after the backward call."""
    plain = leaves_inputs_unchanged(names)

    def judge(case: Case, result, ctx) -> Failure | None:
        failure = plain(case, result, ctx)
        if failure is not None:
            return failure
        made = _from_call(case)
        forward = ctx.call(Case(made.args, made.kwargs), function=made.function, keep=True)
        if forward.error is not None or forward.failure is not None or forward.slot is None:
            return None  # the values checks already report a failing forward
        try:
            before = forward.value
            for key in made.path:
                before = before[key]
            args = [SlotRef(forward.slot, tuple(made.path)) if a is made else a for a in case.args]
            again = ctx.call(Case(tuple(args)), return_args=True, discard=True)
        finally:
            if ctx.worker.failure is None:
                ctx.worker.request({"op": "release", "slots": [forward.slot]})
        if again.error is not None or again.failure is not None or isinstance(before, Opaque):
            return None
        index = next(i for i, a in enumerate(case.args) if a is made)
        changed = _same_tree(before, (again.args_after or [None] * len(case.args))[index])
        if changed:
            return Failure(_("it modified the cache in place{changed}").format(changed=changed),
                           call=case.code(ctx.function),
                           hint=_("the cache may hold the very array passed to {forward}: read it, "
                                  "never write into it (build new arrays for the gradients)").format(
                               forward=made.function))
        return None

    return judge


def _replace_judge(checks: tuple[Check, ...], name: str, judge) -> tuple[Check, ...]:
    return tuple(dataclasses.replace(c, judge=judge) if c.name == name else c for c in checks)


def _wrap_judges(checks: tuple[Check, ...], wrap: Callable) -> tuple[Check, ...]:
    return tuple(dataclasses.replace(c, judge=wrap(c.judge)) if isinstance(c, PropertyCheck) else c
                 for c in checks)


# ================================================================ affine_forward


@st.composite
def _affine_inputs(draw, magnitude: float = 5.0, dtype: np.dtype | None = None, away_from_zero: float = 0.0
                   ) -> tuple:
    """x (N, D), w (D, M), b (M,) with N, D, M all different (a transpose cannot hide).
    `away_from_zero` keeps every value at least that large (central differences of a function
    whose slope is 1e-143 measure only rounding)."""
    dtype = dtype if dtype is not None else draw(gs.dtypes())
    n, d, m = draw(gs.distinct_sizes(3, 2, 6))
    x, w, b = (draw(gs.arrays(dtype, shape, magnitude, exclude_near_zero=away_from_zero))
               for shape in ((n, d), (d, m), (m,)))
    return x, w, b


def _affine_scale(x, w, b) -> float:
    """The size the rounding error of x @ w + b scales with: sum |x||w| + |b|."""
    return float(np.max(np.abs(_f64(x)) @ np.abs(_f64(w)) + np.abs(_f64(b)), initial=0.0))


def _affine64(x, w, b) -> np.ndarray:
    return n64(ref.affine_forward(t64(x), t64(w), t64(b)))


X3 = _vec([[1.0, -2.0], [0.5, 3.0], [-1.5, 0.25]], "float64")   # N=3, D=2
W3 = _vec([[0.5, -1.0, 2.0, 0.0], [1.5, 0.25, -0.5, 1.0]], "float64")  # D=2, M=4
B3 = _vec([0.1, -0.2, 0.3, 1.0], "float64")
AFFINE = (X3, W3, B3)
AFFINE32 = tuple(a.astype(np.float32) for a in AFFINE)

affine_forward = Exercise("affine_forward", 2, numpy_checks(
    lambda c: (_affine64(*c.args), ANYTHING), _affine_inputs().map(Case),
    examples=(Case(AFFINE32), Case(AFFINE)),
    names=("out", "cache"), argument_names=("x", "w", "b"), scale=lambda c: _affine_scale(*c.args),
    diagnoses=(Diagnosis(N_("It looks like the bias `b` is not added: out = x @ w + b."),
                         lambda c: (_f64(c.args[0]) @ _f64(c.args[1]), ANYTHING)),
               Diagnosis(N_("It looks like x and w are multiplied elementwise or in the wrong order: "
                            "out = x @ w (matrix product, (N, D) @ (D, M)) + b."),
                         lambda c: ((_f64(c.args[1]).T @ _f64(c.args[0]).T).T + _f64(c.args[2]), ANYTHING))),
    hint=N_("return (out, cache) with out = x @ w + b of shape (N, M); the cache is yours"), max_examples=40),
    probe=Case(AFFINE))

# ================================================================ affine_backward


def _affine_backward_case(inputs: tuple, dout: np.ndarray) -> Case:
    return Case((dout, FromCall("affine_forward", inputs, path=(1,))))


@st.composite
def _affine_backward_cases(draw, dtype: np.dtype | None = None, away_from_zero: float = 0.0) -> Case:
    x, w, b = draw(_affine_inputs(3.0, dtype, away_from_zero))
    dout = draw(gs.arrays(x.dtype, (x.shape[0], w.shape[1]), 3.0, exclude_near_zero=away_from_zero))
    return _affine_backward_case((x, w, b), dout)


def _forward_inputs(c: Case) -> tuple:
    return _from_call(c).args


def _affine_grads(c: Case) -> tuple:
    x, w, b = _forward_inputs(c)
    dx, dw, db = ref.affine_backward(t64(c.args[0]), t64(x), t64(w), t64(b))
    return (n64(dx), n64(dw), n64(db))


def _affine_grads_with(c: Case, dx=None, dw=None, db=None) -> tuple:
    tdx, tdw, tdb = _affine_grads(c)
    dout = _f64(c.args[0])
    return (tdx if dx is None else dx(dout), tdw if dw is None else dw(dout), tdb if db is None else db(dout))


def _affine_backward_scale(c: Case) -> tuple:
    """Each gradient's natural size (the sums of absolute terms), for dx, dw, db."""
    x, w, b = (np.abs(_f64(a)) for a in _forward_inputs(c))
    dout = np.abs(_f64(c.args[0]))
    return (float(np.max(dout @ w.T, initial=0.0)), float(np.max(x.T @ dout, initial=0.0)),
            float(np.max(dout.sum(axis=0), initial=0.0)))


def _affine_central_differences(c: Case, h: float = 1e-6) -> tuple:
    """d/d(x, w, b) of sum(dout * affine_forward(x, w, b)), one coordinate at a time, float64."""
    dout = _f64(c.args[0])
    inputs = [_f64(a).copy() for a in _forward_inputs(c)]
    grads = []
    for array in inputs:
        grad = np.zeros_like(array)
        for index in np.ndindex(array.shape):
            saved = array[index]
            array[index] = saved + h
            plus = np.sum(dout * _affine64(*inputs))
            array[index] = saved - h
            minus = np.sum(dout * _affine64(*inputs))
            array[index] = saved
            grad[index] = (plus - minus) / (2 * h)
        grads.append(grad)
    return tuple(grads)


DOUT3 = _vec([[1.0, -0.5, 2.0, 0.25], [0.0, 1.5, -1.0, 3.0], [2.0, 1.0, 0.5, -2.0]], "float64")
SHAPE_HINT = N_("check each gradient's shape: dout is (N, M) and w is (D, M), so dx (N, D) and dw (D, M) "
                "each come from a matrix product whose shapes line up only one way; db sums dout over "
                "the batch (axis 0)")

affine_backward = _ChainedExercise("affine_backward", 3, _wrap_judges(_replace_judge(numpy_checks(
    _affine_grads, _affine_backward_cases(),
    examples=(_affine_backward_case(AFFINE32, DOUT3.astype(np.float32)), _affine_backward_case(AFFINE, DOUT3)),
    names=("dx", "dw", "db"), argument_names=("dout", "cache"), scale=_affine_backward_scale,
    diagnoses=(
        Diagnosis(N_("db looks like the MEAN of dout over the batch: the bias is added to every row, so its "
                     "gradient is the sum over the batch, dout.sum(axis=0)."),
                  lambda c: _affine_grads_with(c, db=lambda d: d.mean(axis=0))),
        Diagnosis(N_("db looks like dout itself, not summed over the batch: db must have b's shape (M,), "
                     "dout.sum(axis=0)."), lambda c: _affine_grads_with(c, db=lambda d: d)),
        Diagnosis(N_("db looks summed over axis 1 (the features) instead of axis 0 (the batch)."),
                  lambda c: _affine_grads_with(c, db=lambda d: d.sum(axis=1))),
        Diagnosis(N_("db has shape (1, M), as with keepdims=True: b is 1-D (M,), so sum over the batch "
                     "without keepdims."), lambda c: _affine_grads_with(c, db=lambda d: d.sum(axis=0, keepdims=True))),
        Diagnosis(N_("dw and db look divided by the batch size N: dout already carries the loss's 1/N "
                     "(the averaging belongs to the loss, not to the layer), so dw = x.T @ dout and "
                     "db = dout.sum(axis=0) with no further division."),
                  lambda c: _affine_grads_with(c, dw=lambda d: _f64(_forward_inputs(c)[0]).T @ d / len(d),
                                               db=lambda d: d.mean(axis=0))),
        Diagnosis(N_("dw looks transposed (dout.T @ x): dw = x.T @ dout has w's shape (D, M)."),
                  lambda c: _affine_grads_with(c, dw=lambda d: (_f64(_forward_inputs(c)[0]).T @ d).T)),
        Diagnosis(N_("dx looks like (dout @ w.T).T reshaped to x's shape: the transpose scrambles the values; "
                     "dx = dout @ w.T is already (N, D)."),
                  lambda c: _affine_grads_with(
                      c, dx=lambda d: np.reshape((d @ _f64(_forward_inputs(c)[1]).T).T,
                                                 np.shape(_forward_inputs(c)[0]))))),
    hint=N_("each gradient has the shape of what it differentiates (dx like x, dw like w, db like b); "
            "write out the shapes of dout, x and w and let them decide each matrix product"),
    max_examples=40,
    extra=(PropertyCheck("gradient", 1.0, AFTER_VALUES, max_examples=10,
                         cases=_affine_backward_cases(np.dtype(np.float64), 1e-3),
                         judge=matches(_affine_central_differences, tolerance=GRADIENT_TOLERANCE,
                                       names=("dx", "dw", "db"), scale=_affine_backward_scale,
                                       hint=N_("each gradient must equal the central-difference slope of "
                                               "sum(dout * (x @ w + b)) with respect to that input"))),)),
    "inputs_unchanged", _backward_leaves_inputs(("dout", "cache"))),
    lambda judge: _blaming_forward(judge, SHAPE_HINT)),
    probe=_affine_backward_case(AFFINE, DOUT3))

# ================================================================ relu_forward, relu_backward


def _relu64(x) -> np.ndarray:
    return n64(ref.relu_forward(t64(x)))


relu_forward = Exercise("relu_forward", 1, numpy_checks(
    lambda c: (_relu64(c.args[0]), ANYTHING), gs.float_array(100.0, edges=True).map(lambda x: Case((x,))),
    examples=(Case((_vec([-1.0, 0.0, 2.0], "float32"),)), Case((_vec([[-0.0, 3.0], [-2.0, 0.5]], "float64"),))),
    names=("out", "cache"), argument_names=("x",),
    hint=N_("return (out, cache) with out = max(x, 0) elementwise, a new array"), max_examples=40),
    probe=Case((_vec([0.5, -1.0], "float64"),)))


def _relu_backward_case(x: np.ndarray, dout: np.ndarray) -> Case:
    return Case((dout, FromCall("relu_forward", (x,), path=(1,))))


@st.composite
def _relu_backward_cases(draw, zeros: bool = True, exclude_near_zero: float = 0.0,
                         dtype: np.dtype | None = None) -> Case:
    """x with exact zeros mixed in (the gradient there is 0), dout of x's shape."""
    dtype = dtype if dtype is not None else draw(gs.dtypes())
    shape = draw(gs.shapes(1, 3))
    x = draw(gs.arrays(dtype, shape, 5.0, exclude_near_zero=exclude_near_zero))
    if zeros:
        mask = draw(hnp.arrays(np.dtype(bool), shape))
        x = np.where(mask, np.zeros_like(x), x).astype(dtype)
    dout = draw(gs.arrays(dtype, shape, 3.0))
    return _relu_backward_case(x, dout)


def _relu_x(c: Case) -> np.ndarray:
    return _f64(_forward_inputs(c)[0])


def _relu_backward64(c: Case) -> np.ndarray:
    return n64(ref.relu_backward(t64(c.args[0]), t64(_forward_inputs(c)[0])))


def _relu_central_differences(c: Case, h: float = 1e-6) -> np.ndarray:
    x = _relu_x(c)
    return _f64(c.args[0]) * (np.maximum(x + h, 0.0) - np.maximum(x - h, 0.0)) / (2 * h)


X_RELU = _vec([[-1.0, 0.0, 2.0], [0.5, -0.0, -3.0]], "float64")
DOUT_RELU = _vec([[1.0, 2.0, 3.0], [-1.5, 0.5, 4.0]], "float64")

relu_backward = _ChainedExercise("relu_backward", 1, _wrap_judges(_replace_judge(numpy_checks(
    _relu_backward64, _relu_backward_cases(),
    examples=(_relu_backward_case(X_RELU.astype(np.float32), DOUT_RELU.astype(np.float32)),
              _relu_backward_case(X_RELU, DOUT_RELU)),
    argument_names=("dout", "cache"),
    diagnoses=(Diagnosis(N_("The gradient at exactly x = 0 must be 0: pass dout only where x > 0 (not x >= 0)."),
                         lambda c: np.where(_relu_x(c) >= 0, _f64(c.args[0]), 0.0)),
               Diagnosis(N_("Nothing is masked: dout passes where x < 0 too. If the cache holds the ReLU's "
                            "output, note that max(x, 0) is never negative (out >= 0 is always true)."),
                         lambda c: _f64(c.args[0]))),
    hint=N_("the gradient of max(x, 0) is 1 where x > 0 and 0 elsewhere, including at 0"),
    extra=(PropertyCheck("gradient", 1.0, AFTER_VALUES, max_examples=15,
                         cases=_relu_backward_cases(False, 1e-3, np.dtype(np.float64)),
                         judge=matches(_relu_central_differences, tolerance=GRADIENT_TOLERANCE,
                                       hint=N_("the result must equal dout times the slope of max(x, 0)"))),)),
    "inputs_unchanged", _backward_leaves_inputs(("dout", "cache"))),
    _blaming_forward),
    probe=_relu_backward_case(_vec([0.5, -1.0], "float64"), _vec([1.0, 2.0], "float64")))

# ================================================================ two_layer_net

REGS = (None, 0.0, 0.05, 0.1, 0.5, 1.0)


def _clear_of_kink(X: np.ndarray, W1: np.ndarray, b1: np.ndarray) -> bool:
    """No hidden pre-activation is so close to 0 that float32 rounding could flip its ReLU
    (an exact 0 from all-zero terms is fine: it is 0 in every dtype)."""
    X, W1, b1 = _f64(X), _f64(W1), _f64(b1)
    z = X @ W1 + b1
    bound = np.abs(X) @ np.abs(W1) + np.abs(b1)
    return not np.any((np.abs(z) <= 1e-4 * bound) & (bound > 0))


@st.composite
def _net_cases(draw, large_logits: bool = False, dtype: np.dtype | None = None) -> Case:
    """X (N, D), y (N,), params W1 (D, H), b1 (H,), W2 (H, C), b2 (C,), N, D, H, C all different.

    `large_logits`: b2 holds distinct multiples of 125 up to +-3000 on top of scores of at most
    ~60, so the logits reach the thousands (exp overflows; the probability of a wrong class
    underflows to 0) while no two classes of a row come within ~10 of each other, which keeps
    float32 rounding of the logits (~2e-4 at 3000) from moving the softmax.
    """
    dtype = dtype if dtype is not None else draw(gs.dtypes())
    d, h, c, n = draw(gs.distinct_sizes(4, 2, 7))
    X = draw(gs.arrays(dtype, (n, d), 2.0))
    W1 = draw(gs.arrays(dtype, (d, h), 1.0))
    b1 = draw(gs.arrays(dtype, (h,), 1.0))
    W2 = draw(gs.arrays(dtype, (h, c), 1.0))
    if large_logits:
        ks = draw(st.lists(st.integers(-24, 24), min_size=c, max_size=c, unique=True))
        b2 = (125.0 * np.array(ks)).astype(dtype)
    else:
        b2 = draw(gs.arrays(dtype, (c,), 1.0))
    assume(_clear_of_kink(X, W1, b1))
    y = draw(gs.labels(n, c))
    params = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
    reg = draw(st.sampled_from(REGS))
    if reg is None:
        return Case((X, y, params))
    if draw(st.booleans()):
        return Case((X, y, params, reg))
    return Case((X, y, params), {"reg": reg})


def _reg(c: Case) -> float:
    return float(c.args[3] if len(c.args) > 3 else c.kwargs.get("reg", 0.0))


def _net_truth(c: Case) -> tuple:
    X, y, params = c.args[:3]
    loss, grads = ref.two_layer_net(t64(X), torch.from_numpy(np.asarray(y)),
                                    {k: t64(params[k]) for k in PARAM_NAMES}, _reg(c))
    return (n64(loss), {k: n64(grads[k]) for k in PARAM_NAMES})


def _net_variant(c: Case, *, data_loss: float = 1.0, data_grad: float = 1.0, reg_loss: float = 1.0,
                 reg_grad: float = 2.0, reg_biases: bool = False, relu_mask: bool = True,
                 absolute_dscores: bool = False, log_eps: float = 0.0, whole_batch_softmax: bool = False,
                 every_label_column: bool = False, bias_keepdims: bool = False,
                 relu_open_at_zero: bool = False) -> tuple:
    """The loss and gradients of a mistaken net, float64 (each knob is one known mistake):
    `data_loss`/`data_grad` scale the data term of the loss / of the gradients, `reg_loss`
    and `reg_grad` are the factors of reg * sum(W**2) and of reg * W; `log_eps`: the loss is
    -log(p + eps) of the true class's probability; `whole_batch_softmax`: max, sum and log-sum
    over the whole (N, C) array instead of each row; `every_label_column`: the true classes
    picked as [:, y] (an (N, N) block) instead of [arange(N), y]; `bias_keepdims`: db1, db2
    summed with keepdims=True; `relu_open_at_zero`: the ReLU mask is z >= 0, so the gradient
    passes where the pre-activation is exactly 0."""
    X, y, params = c.args[:3]
    X = _f64(X)
    W1, b1, W2, b2 = (_f64(params[k]) for k in PARAM_NAMES)
    y = np.asarray(y, dtype=np.intp)
    n, reg = X.shape[0], _reg(c)
    rows = slice(None) if every_label_column else np.arange(n)
    z = X @ W1 + b1
    hidden = np.maximum(z, 0)
    scores = hidden @ W2 + b2
    row_axis = None if whole_batch_softmax else 1
    shifted = scores - scores.max(axis=row_axis, keepdims=True)
    logp = shifted - np.log(np.exp(shifted).sum(axis=row_axis, keepdims=True))
    penalized = [W1, W2] + ([b1, b2] if reg_biases else [])
    data = -np.log(np.exp(logp[rows, y]) + log_eps) if log_eps else -logp[rows, y]
    loss = data.mean() * data_loss + reg_loss * reg * sum(np.sum(p * p) for p in penalized)
    dscores = np.exp(logp)
    dscores[rows, y] -= 1
    dscores *= data_grad / n
    if absolute_dscores:
        return dscores
    dhidden = dscores @ W2.T
    dz = dhidden * ((z >= 0) if relu_open_at_zero else (z > 0)) if relu_mask else dhidden
    grads = {"W1": X.T @ dz + reg_grad * reg * W1, "b1": dz.sum(axis=0, keepdims=bias_keepdims),
             "W2": hidden.T @ dscores + reg_grad * reg * W2, "b2": dscores.sum(axis=0, keepdims=bias_keepdims)}
    if reg_biases:
        grads["b1"] = grads["b1"] + reg_grad * reg * b1
        grads["b2"] = grads["b2"] + reg_grad * reg * b2
    return (np.asarray(loss), grads)


def _net_loss_of(**mistake) -> Callable[[Case], tuple]:
    """A mistaken net's loss, its gradients left free (the loss alone shows the mistake)."""
    return lambda c: (_net_variant(c, **mistake)[0], ANYTHING)


def _net_grads_of(**mistake) -> Callable[[Case], tuple]:
    """A mistaken net's gradients, its loss left free (students pair one mistaken part with
    several ways of writing the other)."""
    return lambda c: (ANYTHING, _net_variant(c, **mistake)[1])


def _net_scale(c: Case) -> tuple:
    """The natural size of the loss and of each gradient: the same sums with every term taken
    in absolute value, so a value that cancels to ~0 is judged by the size of its terms."""
    X, y, params = c.args[:3]
    X = np.abs(_f64(X))
    W1, b1, W2, b2 = (np.abs(_f64(params[k])) for k in PARAM_NAMES)
    reg = abs(_reg(c))
    hidden = X @ W1 + b1
    scores = hidden @ W2 + b2
    dscores = np.abs(_f64(_net_variant(c, absolute_dscores=True)))
    dhidden = dscores @ W2.T
    grads = {"W1": X.T @ dhidden + 2 * reg * W1, "b1": dhidden.sum(axis=0),
             "W2": hidden.T @ dscores + 2 * reg * W2, "b2": dscores.sum(axis=0)}
    loss = float(np.max(scores, initial=0.0)) + 1.0 + reg * float(np.sum(W1 * W1) + np.sum(W2 * W2))
    return (loss, {k: float(np.max(v, initial=0.0)) for k, v in grads.items()})


def _n(c: Case) -> int:
    return int(np.shape(c.args[0])[0])


NET_DIAGNOSES = (
    Diagnosis(N_("The loss looks summed over the batch (and the gradients with it): the contract asks for "
                 "the MEAN cross-entropy over the N examples, so divide the data loss and dscores by N."),
              lambda c: _net_variant(c, data_loss=_n(c), data_grad=_n(c)), 2.0),
    Diagnosis(N_("The loss is the mean, but every data gradient looks N times too large: divide dscores by N "
                 "as well (the batch average)."), lambda c: _net_variant(c, data_grad=_n(c)), 2.0),
    Diagnosis(N_("It looks like half the contract's regularization: 0.5 * reg * sum(W**2) with gradient "
                 "reg * W. This course's term is reg * (sum(W1**2) + sum(W2**2)), no factor 1/2, so its "
                 "gradient is 2 * reg * W."), lambda c: _net_variant(c, reg_loss=0.5, reg_grad=1.0), 2.0),
    Diagnosis(N_("The loss has the regularization term, but its gradient in dW1/dW2 looks like reg * W: the "
                 "derivative of reg * sum(W**2) is 2 * reg * W."), lambda c: _net_variant(c, reg_grad=1.0), 2.0),
    Diagnosis(N_("The regularization term is in the loss but missing from the gradients: add 2 * reg * W to "
                 "dW1 and dW2."), lambda c: _net_variant(c, reg_grad=0.0), 2.0),
    Diagnosis(N_("The gradients carry the regularization (2 * reg * W) but the loss does not: add "
                 "reg * (sum(W1**2) + sum(W2**2)) to the mean cross-entropy."), lambda c: _net_variant(c, reg_loss=0.0), 2.0),
    Diagnosis(N_("The regularization looks applied to the biases too: the contract penalizes W1 and W2 only "
                 "(no reg term on b1, b2)."), lambda c: _net_variant(c, reg_biases=True), 2.0),
    Diagnosis(N_("dW1 and db1 look like the ReLU mask was never applied: the gradient must be 0 for hidden "
                 "units whose pre-activation is <= 0 (a mask `hidden < 0` on the ReLU's output is never true)."),
              lambda c: _net_variant(c, relu_mask=False), 2.0),
    Diagnosis(N_("dW1 and db1 look like the ReLU's gradient passes where the pre-activation is exactly 0 "
                 "(a mask z >= 0): as in relu_backward, the gradient at exactly 0 is 0, so mask with z > 0."),
              lambda c: _net_variant(c, relu_open_at_zero=True), 2.0),
    Diagnosis(N_("grads['b1'] and grads['b2'] look summed with keepdims=True, shape (1, H) / (1, C): the biases "
                 "are 1-D, so their gradients must be too (sum over axis 0 without keepdims)."),
              lambda c: _net_variant(c, bias_keepdims=True), 2.0),
    Diagnosis(N_("The gradients look like a softmax normalized over the WHOLE batch (np.max / np.sum without "
                 "axis): each row's probabilities must sum to 1, so take the max and the sum along axis=1 "
                 "with keepdims=True."), _net_grads_of(whole_batch_softmax=True), 2.0),
    Diagnosis(N_("The loss looks like a softmax normalized over the WHOLE batch (np.max / np.sum without "
                 "axis): normalize each row, along axis=1 with keepdims=True."),
              _net_loss_of(whole_batch_softmax=True), 2.0),
    Diagnosis(N_("The true-class entries look picked with [:, y], an (N, N) block mixing every row with every "
                 "label: index them as [np.arange(N), y], one entry per row."),
              _net_loss_of(every_label_column=True), 2.0),
    Diagnosis(N_("The gradients look like dscores[:, y] -= 1, which subtracts 1 in every row at every label's "
                 "column: subtract it once per row, at dscores[np.arange(N), y]."),
              _net_grads_of(every_label_column=True), 2.0),
) + tuple(
    Diagnosis(_("The loss looks like -log(p + {eps:g}) of the true class's probability: the epsilon biases "
                "the loss and caps each row's term at -log({eps:g}) ~ {cap:.1f} when p underflows. "
                "Take the log-probability as shifted - log(sum(exp(shifted))) instead, with no epsilon."
                ).format(eps=eps, cap=-np.log(eps)),
              _net_loss_of(log_eps=eps), 2.0)
    for eps in (1e-7, 1e-8, 1e-10, 1e-12, 1e-15))


def _net_case(X, y, W1, b1, W2, b2, reg=None, dtype: str = "float64") -> Case:
    params = {"W1": _vec(W1, dtype), "b1": _vec(b1, dtype), "W2": _vec(W2, dtype), "b2": _vec(b2, dtype)}
    if reg is None:
        return Case((_vec(X, dtype), np.array(y), params))
    return Case((_vec(X, dtype), np.array(y), params), {"reg": reg})


# N=4, D=2, H=3, C=5
NET_X = [[1.0, -0.5], [0.25, 2.0], [-1.5, 0.75], [0.5, 0.5]]
NET_W1 = [[0.5, -1.0, 0.75], [1.0, 0.25, -0.5]]
NET_B1 = [0.1, 0.2, -0.3]
NET_W2 = [[0.5, -0.25, 1.0, 0.0, -1.0], [1.5, 0.5, -0.5, 0.25, 0.75], [-1.0, 1.0, 0.5, -0.75, 0.25]]
NET_B2 = [0.0, 0.1, -0.1, 0.2, -0.2]
NET_Y = [0, 3, 4, 1]
NET = (NET_X, NET_Y, NET_W1, NET_B1, NET_W2)
# Row 0 all zeros and b1[1] = 0: that hidden unit's pre-activation is exactly 0 (0 in every
# dtype), so a ReLU mask z >= 0 instead of z > 0 shows in matches_reference with its diagnosis
# (on two examples, float64 and float32 with other b2 and reg: a mistake is named only when it
# explains several failing cases, and drawn inputs keep clear of the kink).
KINK_X = [[0.0, 0.0]] + NET_X[1:]
KINK_B1 = [0.1, 0.0, -0.3]
KINK_B2 = [0.3, -0.2, 0.1, -0.4, 0.25]
FAR_B2 = [2000.0, -1000.0, 0.0, 3000.0, -2500.0]  # labels 0, 3, 4, 1: three of four rows far from their max
# Row 0 scaled up: its scores reach ~900 while the other rows' stay near 1, so a shift by ONE
# max over the whole batch (instead of each row's) leaves those rows at exp(-900) = 0.
FAR_ROW_X = [[1000.0, -400.0]] + NET_X[1:]

STABLE_HINT = N_("subtract each row's own max score before exp (scores.max(axis=1, keepdims=True): one max "
                 "over the whole batch leaves rows far below it underflowing to 0), and take the "
                 "log-probabilities as shifted - log(sum(exp(shifted))) instead of log(probs): a probability "
                 "that underflows to 0 gives log(0) = -inf")


def _net_timing_case(rng: np.random.Generator) -> Case:
    """Many rows, narrow layers: the reference takes ~3 ms; a Python loop over the N rows costs
    ~30x that, while every vectorized form (np.einsum without BLAS included) stays under ~2.5x."""
    n, d, h, c = 8192, 16, 16, 10
    params = {"W1": rng.standard_normal((d, h)) * 0.1, "b1": rng.standard_normal(h) * 0.1,
              "W2": rng.standard_normal((h, c)) * 0.1, "b2": rng.standard_normal(c) * 0.1}
    return Case((rng.standard_normal((n, d)), rng.integers(0, c, n), params), {"reg": 0.01})


def _net_loop_case(rng: np.random.Generator, n: int) -> Case:
    """A batch of n rows, narrow layers: the lines a loop over the rows runs grow with n."""
    params = {"W1": rng.standard_normal((3, 4)), "b1": rng.standard_normal(4),
              "W2": rng.standard_normal((4, 3)), "b2": rng.standard_normal(3)}
    return Case((rng.standard_normal((n, 3)), rng.integers(0, 3, n), params), {"reg": 0.01})


two_layer_net = Exercise("two_layer_net", 5, numpy_checks(
    _net_truth, _net_cases(), stable_cases=_net_cases(large_logits=True),
    examples=(_net_case(*NET, NET_B2, dtype="float32"), _net_case(*NET, NET_B2, reg=0.1),
              _net_case(*NET, NET_B2, reg=0.5, dtype="float32"),
              _net_case(KINK_X, NET_Y, NET_W1, KINK_B1, NET_W2, NET_B2),
              _net_case(KINK_X, NET_Y, NET_W1, KINK_B1, NET_W2, KINK_B2, reg=0.05, dtype="float32")),
    stable_examples=(_net_case(*NET, FAR_B2), _net_case(*NET, FAR_B2, reg=0.1, dtype="float32"),
                     _net_case(FAR_ROW_X, *NET[1:], NET_B2), _net_case(FAR_ROW_X, *NET[1:], NET_B2, dtype="float32")),
    names=("loss", "grads"), argument_names=("X", "y", "params"), diagnoses=NET_DIAGNOSES, scale=_net_scale,
    stable_hint=STABLE_HINT, max_examples=30,
    hint=N_("loss = mean cross-entropy + reg * (sum(W1**2) + sum(W2**2)); backpropagate through "
         "affine - relu - affine, with the regularization's gradient 2 * reg * W on W1 and W2"),
    extra=(timed(ref.two_layer_net, _net_timing_case, limit=8.0, loop_case=_net_loop_case,
                 hint=N_("no Python loop over the examples: process the whole batch with matrix "
                      "products (X @ W1, hidden.T @ dscores) and index all rows at once with "
                      "probs[np.arange(N), y]")),)),
    probe=_net_case(*NET, NET_B2))

ASSIGNMENT = Assignment("02_backprop", "backprop", "Backpropagation for a small network", "numpy",
                        (affine_forward, affine_backward, relu_forward, relu_backward, two_layer_net),
                        banned=NUMPY_ONLY, allowed_note=NUMPY_NOTE)
