"""01_activations: elementwise activations, their gradients, and a numerical gradient."""

from __future__ import annotations

import numpy as np
import torch
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import reference.activations as ref
from grader import strategies as gs
from grader.checks import Case, Diagnosis, PropertyCheck, error_failure, keeps_dtype, matches
from grader.compare import Tolerance
from grader.exercises.common import BESIDES_VALUES, NUMPY_NOTE, NUMPY_ONLY, AFTER_VALUES, n64, numpy_checks, t64
from grader.i18n import N_, _
from grader.results import Failure
from grader.sandbox.fixtures import SCALAR_FUNCTIONS
from grader.sandbox.wire import Fixture
from grader.spec import Assignment, Exercise


def _x(magnitude: float, **kw) -> st.SearchStrategy[Case]:
    return gs.float_array(magnitude, **kw).map(lambda x: Case((x,)))


@st.composite
def _dout_x(draw, magnitude: float, edges: bool = False, exclude_near_zero: float = 0.0) -> Case:
    dtype = draw(gs.dtypes())
    shape = draw(gs.shapes())
    x = draw(gs.arrays(dtype, shape, magnitude, edges=edges, exclude_near_zero=exclude_near_zero))
    dout = draw(gs.arrays(dtype, shape, 3.0))
    return Case((dout, x))


def _np(value: float, dtype: str) -> np.ndarray:
    return np.array(value, dtype=dtype)


def _vec(values: list[float], dtype: str) -> np.ndarray:
    return np.array(values, dtype=dtype)


def _sigmoid64(x: np.ndarray) -> np.ndarray:
    return n64(torch.sigmoid(t64(x)))


# ---------------------------------------------------------------- sigmoid

OVERFLOW_HINT = N_("exp(-x) overflows for very negative x (and exp(x) for very positive x): "
                   "compute each side with the exponential of a non-positive number; note that "
                   "np.where(cond, a, b) evaluates both a and b on every element before choosing")


def _bounded_output_tolerance(c: Case) -> Tolerance:
    """For outputs of size ~1 (sigmoid, tanh): the dtype's relative tolerance, plus an absolute
    floor of a few eps, the rounding of an accurate formula at that scale (the tanh identity
    passes) and no more (returning 1e-13 where the truth is 4e-18 is a mismatch)."""
    return Tolerance(Tolerance.for_dtype(c.dtype).rtol, 4 * float(np.finfo(c.dtype).eps))

sigmoid = Exercise("sigmoid", 2, numpy_checks(
    lambda c: n64(ref.sigmoid(t64(c.args[0]))),
    _x(30.0), stable_cases=_x(1e4, edges=True),
    examples=(Case((_vec([-2.0, 0.0, 3.5], "float32"),)), Case((_np(-1.5, "float64"),)),
              Case((_vec([[0.5, -40.0], [30.0, 2.0]], "float64"),))),
    stable_examples=(Case((_vec([-1000.0, 0.0, 1000.0], "float64"),)),
                     Case((_vec([-100.0, 100.0], "float32"),))),
    argument_names=("x",), scale=lambda c: 1.0, stable_hint=OVERFLOW_HINT, tolerance=_bounded_output_tolerance,
    hint=N_("sigmoid(x) = 1 / (1 + exp(-x)), elementwise, same shape as x"))
    , probe=Case((_vec([0.5], "float64"),)))

# ---------------------------------------------------------------- sigmoid_backward


def _sigmoid_backward(c: Case) -> np.ndarray:
    return n64(ref.sigmoid_backward(t64(c.args[0]), t64(c.args[1])))


def _central_difference(forward, c: Case, h: float = 1e-6) -> np.ndarray:
    dout, x = (np.asarray(a, dtype=np.float64) for a in c.args)
    return dout * (forward(x + h) - forward(x - h)) / (2 * h)


def _sigmoid_scale(c: Case) -> float:
    return 0.25 * float(np.max(np.abs(c.args[0]), initial=0.0))


GRADIENT_TOLERANCE = Tolerance(1e-5, 1e-6)

sigmoid_backward = Exercise("sigmoid_backward", 2, numpy_checks(
    _sigmoid_backward, _dout_x(20.0), stable_cases=_dout_x(1e4, edges=True),
    examples=(Case((_vec([1.0, -2.0, 0.5], "float32"), _vec([0.0, 1.5, -3.0], "float32"))),
              Case((_vec([0.7], "float64"), _vec([2.0], "float64")))),
    stable_examples=(Case((_vec([1.0, 1.0], "float64"), _vec([-1000.0, 1000.0], "float64"))),),
    argument_names=("dout", "x"), scale=_sigmoid_scale, stable_hint=OVERFLOW_HINT,
    diagnoses=(Diagnosis(N_("It looks like the upstream gradient `dout` is not multiplied in (chain rule)."),
                         lambda c: _sigmoid64(c.args[1]) * (1 - _sigmoid64(c.args[1]))),
               Diagnosis(N_("It looks like x is used where sigmoid(x) belongs: the gradient is s * (1 - s) "
                            "with s = sigmoid(x)."),
                         lambda c: c.args[0] * c.args[1] * (1 - np.asarray(c.args[1], dtype=np.float64)))),
    extra=(PropertyCheck("gradient", 1.0, AFTER_VALUES, cases=_dout_x(8.0), max_examples=25,
                         judge=matches(lambda c: _central_difference(_sigmoid64, c), tolerance=GRADIENT_TOLERANCE,
                                       scale=_sigmoid_scale,
                                       hint=N_("the result must equal dout times the slope of sigmoid at x"))),)),
    probe=Case((_vec([1.0], "float64"), _vec([0.5], "float64"))))

# ---------------------------------------------------------------- relu, relu_backward

relu = Exercise("relu", 1, numpy_checks(
    lambda c: n64(ref.relu(t64(c.args[0]))), _x(100.0, edges=True),
    examples=(Case((_vec([-1.0, 0.0, 2.0], "float32"),)), Case((_vec([[-0.0, 3.0]], "float64"),))),
    argument_names=("x",), hint=N_("relu(x) = max(x, 0) elementwise, a new array")),
    probe=Case((_vec([0.5], "float64"),)))


@st.composite
def _dout_x_with_zeros(draw) -> Case:
    case = draw(_dout_x(5.0))
    dout, x = case.args
    mask = draw(hnp.arrays(np.dtype(bool), x.shape))
    x = np.where(mask, np.zeros_like(x), x).astype(x.dtype)
    return Case((dout, x))


AT_ZERO = Diagnosis(N_("The gradient at exactly x = 0 must be 0: pass dout only where x > 0 (not x >= 0)."),
                    lambda c: np.where(np.asarray(c.args[1]) >= 0, c.args[0], 0.0))

relu_backward = Exercise("relu_backward", 1, numpy_checks(
    lambda c: n64(ref.relu_backward(t64(c.args[0]), t64(c.args[1]))), _dout_x_with_zeros(),
    examples=(Case((_vec([1.0, 2.0, 3.0], "float32"), _vec([-1.0, 0.0, 2.0], "float32"))),
              Case((_vec([[0.5, -1.5]], "float64"), _vec([[0.0, 4.0]], "float64")))),
    argument_names=("dout", "x"), diagnoses=(AT_ZERO,),
    hint=N_("the gradient of max(x, 0) is 1 where x > 0 and 0 elsewhere, including at 0"),
    extra=(PropertyCheck("gradient", 1.0, AFTER_VALUES, cases=_dout_x(8.0, exclude_near_zero=1e-3),
                         max_examples=25,
                         judge=matches(lambda c: _central_difference(lambda v: np.maximum(v, 0.0), c),
                                       tolerance=GRADIENT_TOLERANCE)),)),
    probe=Case((_vec([1.0], "float64"), _vec([0.5], "float64"))))

# ---------------------------------------------------------------- leaky_relu


@st.composite
def _x_alpha(draw) -> Case:
    x = draw(gs.float_array(100.0, edges=True))
    alpha = draw(st.one_of(st.none(), st.sampled_from([0.0, 0.1, 0.2, 0.5]),
                           st.floats(0.0, 0.99, allow_subnormal=False)))
    return Case((x,)) if alpha is None else Case((x,), {"alpha": alpha})


leaky_relu = Exercise("leaky_relu", 1, numpy_checks(
    lambda c: n64(ref.leaky_relu(t64(c.args[0]), **c.kwargs)), _x_alpha(),
    examples=(Case((_vec([-2.0, 0.0, 3.0], "float32"),)),
              Case((_vec([-2.0, 0.0, 3.0], "float64"),), {"alpha": 0.2})),
    argument_names=("x",),
    diagnoses=(Diagnosis(N_("It looks like `alpha` is ignored (a fixed slope of 0.01 is used)."),
                         lambda c: np.where(np.asarray(c.args[0]) > 0, c.args[0], 0.01 * np.asarray(c.args[0],
                                                                                                    dtype=np.float64))),),
    hint=N_("x where x > 0, alpha * x elsewhere; use the alpha argument")),
    probe=Case((_vec([0.5], "float64"),)))

# ---------------------------------------------------------------- tanh

tanh = Exercise("tanh", 1, numpy_checks(
    lambda c: n64(ref.tanh(t64(c.args[0]))), _x(20.0), stable_cases=_x(1e4, edges=True),
    examples=(Case((_vec([-1.0, 0.0, 2.0], "float32"),)), Case((_np(0.3, "float64"),))),
    stable_examples=(Case((_vec([-1000.0, 1000.0], "float64"),)),),
    argument_names=("x",), scale=lambda c: 1.0, tolerance=_bounded_output_tolerance,
    stable_hint=N_("exp(x) overflows for large |x|; np.tanh is allowed")),
    probe=Case((_vec([0.5], "float64"),)))

# ---------------------------------------------------------------- numerical_gradient


def central_differences(name: str, x: np.ndarray, h: float) -> np.ndarray:
    """The contract's algorithm, coordinate by coordinate, in float64."""
    function = SCALAR_FUNCTIONS[name]
    x = np.array(x, dtype=np.float64)
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        saved = x[index]
        x[index] = saved + h
        plus = function(x)
        x[index] = saved - h
        minus = function(x)
        x[index] = saved
        grad[index] = (plus - minus) / (2 * h)
    return grad


def _forward_differences(name: str, x: np.ndarray, h: float) -> np.ndarray:
    function = SCALAR_FUNCTIONS[name]
    x = np.array(x, dtype=np.float64)
    base = function(x)
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        saved = x[index]
        x[index] = saved + h
        grad[index] = (function(x) - base) / h
        x[index] = saved
    return grad


def _step(c: Case) -> float:
    return float(c.kwargs.get("h", 1e-5))


#: the scalar functions drawn; `wiggle` is an explicit example only (the default step shows there)
DRAWN_FUNCTIONS = ("cubic", "exp_sum", "logsumexp", "quadratic", "sine_mix")


@st.composite
def _gradient_case(draw) -> Case:
    name = draw(st.sampled_from(DRAWN_FUNCTIONS))
    shape = draw(gs.shapes(0, 3, 4))
    x = draw(gs.arrays(np.dtype(np.float64), shape, 2.0))
    h = draw(st.sampled_from([None, 1e-2, 1e-3, 1e-4]))
    return Case((Fixture(name), x), {} if h is None else {"h": h})


NUMGRAD_TOLERANCE = Tolerance(1e-6, 1e-7)


def _numgrad_expected(c: Case) -> np.ndarray:
    return central_differences(c.args[0].name, c.args[1], _step(c))


def _restores_x(case: Case, result, ctx) -> Failure | None:
    failure = error_failure(result, case, ctx.function)
    if failure is not None:
        return failure
    before = case.args[1]
    after = (result.args_after or [None, None])[1]
    if not isinstance(after, np.ndarray) or after.shape != before.shape or \
            not np.array_equal(before.view(np.uint64), np.asarray(after, dtype=np.float64).view(np.uint64)):
        index = ()
        if isinstance(after, np.ndarray) and after.shape == before.shape:
            index = tuple(int(i) for i in np.argwhere(before != after)[0]) if (before != after).any() else ()
        detail = (_(": x{index} was {before!r} and is {after!r} afterwards").format(
                      index=list(index), before=float(before[index]), after=float(after[index]))
                  if index else "")
        drift = abs(float(after[index]) - float(before[index])) if index else float("inf")
        rounding = drift <= 1e-9 * max(abs(float(before[index])), 1.0) if index else False
        hint = (_("undoing the step with arithmetic (x[i] += h, then x[i] -= 2h, then x[i] += h) leaves "
                  "rounding errors: save the old value before perturbing and assign it back")
                if rounding else _("after evaluating f at x[i] + h and x[i] - h, put x[i] back to its "
                                   "original value before moving on (and before returning)"))
        return Failure(_("x is not exactly restored after the call{detail}").format(detail=detail),
                       call=case.code(ctx.function), hint=hint)
    return None


def _naming_unrestored_x(judge):
    """A wrong gradient from code that also moves x: say so, that is the cause to fix first."""

    def wrapped(case: Case, result, ctx) -> Failure | None:
        failure = judge(case, result, ctx)
        if failure is not None and result.error is None and result.failure is None \
                and _restores_x(case, result, ctx) is not None:
            failure.diagnosis = _("x is not restored after each perturbation, so later coordinates are "
                                  "differentiated at a shifted point.")
        return failure

    return wrapped


def _step_given(step: float):
    """Central differences with a fixed `step` where the call passes its own `h` (ignored)."""
    def output(c: Case) -> np.ndarray:
        if "h" not in c.kwargs:
            raise ValueError("no h passed: the default step is used, not ignored")
        return central_differences(c.args[0].name, c.args[1], step)
    return output


def _step_default(step: float):
    """Central differences with `step` where the call passes no `h` (a wrong default)."""
    def output(c: Case) -> np.ndarray:
        if "h" in c.kwargs:
            raise ValueError("h passed: the default plays no part")
        return central_differences(c.args[0].name, c.args[1], step)
    return output


numerical_gradient = Exercise("numerical_gradient", 3, (
    PropertyCheck("matches_reference", 5.0, cases=_gradient_case(), max_examples=40,
                  call_options={"return_args": True},
                  examples=(Case((Fixture("cubic"), _vec([0.5, -1.25, 2.0], "float64")), {"h": 1e-2}),
                            Case((Fixture("quadratic"), _vec([[1.0, -2.0], [0.5, 3.0]], "float64"))),
                            Case((Fixture("wiggle"), _vec([0.3, -1.1, 2.0], "float64"))),
                            Case((Fixture("wiggle"), _vec([[0.7], [-0.25]], "float64")))),
                  judge=_naming_unrestored_x(matches(_numgrad_expected, tolerance=NUMGRAD_TOLERANCE,
                                scale=lambda c: 1.0,
                                diagnoses=(
                                    Diagnosis(N_("It looks like a forward difference (f(x+h) - f(x)) / h: the "
                                                 "contract asks for the central difference (f(x+h) - f(x-h)) / (2h)."),
                                              lambda c: _forward_differences(c.args[0].name, c.args[1], _step(c)), 1.0),
                                    Diagnosis(N_("It looks like the difference is divided by h instead of 2h."),
                                              lambda c: 2 * _numgrad_expected(c), 1.0),
                                    Diagnosis(N_("It looks like the step argument `h` is ignored (a fixed step "
                                                 "is used)."), _step_given(1e-4), 1.0),
                                    Diagnosis(N_("It looks like the step argument `h` is ignored (a fixed step "
                                                 "is used)."), _step_given(1e-5), 1.0),
                                    Diagnosis(N_("It looks like the default step is not the contract's h=1e-5."),
                                              _step_default(1e-4), 1.0),
                                    Diagnosis(N_("It looks like the default step is not the contract's h=1e-5."),
                                              _step_default(1e-6), 1.0)),
                                hint=N_("perturb one coordinate at a time by +h and -h, with the `h` you are given")))),
    PropertyCheck("restores_input", 2.0, cases=_gradient_case(), max_examples=25,
                  examples=(Case((Fixture("quadratic"), _vec([0.1, 0.7, 1.3, -2.9, 1e3], "float64"))),),
                  judge=_restores_x, call_options={"return_args": True}),
    PropertyCheck("keeps_dtype", 1.0, BESIDES_VALUES, cases=_gradient_case(), max_examples=8,
                  judge=keeps_dtype()),
), probe=Case((Fixture("quadratic"), _vec([1.0], "float64"))))

ASSIGNMENT = Assignment(
    "01_activations", "activations", "Activation functions and numerical gradients", "numpy",
    (sigmoid, sigmoid_backward, relu, relu_backward, leaky_relu, tanh, numerical_gradient),
    banned=NUMPY_ONLY, allowed_note=NUMPY_NOTE)
