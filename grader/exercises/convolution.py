"""04_convolution: conv/pool output sizes (with their ValueErrors) and the forward passes.

The output-size functions return exact ints, so they get their own judges: the result must be
a pair of ints equal to the reference's, and out-of-range arguments must raise ValueError. The
known wrong formulas (no + 1, dilation ignored, ceil for floor, padding once, ...) are
evaluated side by side with the truth to name the mistake, also when a wrong formula makes
the student's code raise on a valid case, and so are the ways code returns sizes for
impossible arguments (no size check, a check that lets 0 through, int() truncation). A
mistake is named only when further calls tell it from the others (`checks.identify`): with
int arguments, swapped (h, w) pairs give the truth's own sizes and explain nothing.

The forward passes are compared with F.conv2d / F.max_pool2d in float64 on small shapes whose
named sizes differ (N, C, F; H, W; KH != KW), with random non-symmetric kernels, and timed
against the reference on layer-sized inputs. Known mistakes that crash instead of returning
wrong values (b broadcast over W', np.pad over every axis) are named from the error's text.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import replace
from typing import Any, Callable, Sequence

import numpy as np
import torch
import torch.nn.functional as F
from hypothesis import strategies as st

import reference.convolution as ref
from grader import strategies as gs
from grader.checks import (NO_RESULT, Case, Context, Diagnosis, PropertyCheck, Suspects,
                           error_failure, show_value)
from grader.exercises.common import NUMPY_NOTE, NUMPY_ONLY, n64, numpy_checks, t64, timed
from grader.i18n import N_, _
from grader.results import Failure
from grader.sandbox.host import CallResult
from grader.sandbox.wire import Opaque
from grader.spec import Assignment, Exercise

# ================================================================ calling conventions

CONV_SIZE_PARAMS = ("h", "w", "kernel_size", "stride", "padding", "dilation")
CONV_SIZE_DEFAULTS = {"stride": 1, "padding": 0, "dilation": 1}
POOL_SIZE_PARAMS = ("h", "w", "kernel_size", "stride", "padding", "ceil_mode")
POOL_SIZE_DEFAULTS = {"stride": None, "padding": 0, "ceil_mode": False}
CONV_PARAMS = ("x", "w", "b", "stride", "padding")
CONV_DEFAULTS = {"stride": 1, "padding": 0}
POOL_PARAMS = ("x", "kernel_size", "stride")
POOL_DEFAULTS = {"stride": None}


def _bound(c: Case, params: Sequence[str], defaults: dict) -> dict:
    """Every parameter's value in the call `c` (defaults filled in)."""
    values = dict(defaults)
    values.update(zip(params, c.args))
    values.update(c.kwargs)
    return values


@st.composite
def _call(draw, required: tuple, optional: Sequence[tuple[str, Any, Any]]) -> Case:
    """A call with the `required` values positional and each optional (name, value, default)
    passed positionally (a prefix of them), by keyword, or left out when it is the default."""
    given = []
    for name, value, default in optional:
        is_default = value is default or (value == default and type(value) is type(default))
        omit = is_default and not draw(st.booleans())
        given.append(None if omit else (name, value))
    prefix = 0
    while prefix < len(given) and given[prefix] is not None:
        prefix += 1
    positional = draw(st.integers(0, prefix))
    args = required + tuple(item[1] for item in given[:positional])
    kwargs = {item[0]: item[1] for item in given[positional:] if item is not None}
    return Case(args, kwargs)


# ================================================================ output sizes


def _pair(value: Any) -> tuple[int, int]:
    if isinstance(value, (tuple, list)):
        return int(value[0]), int(value[1])
    return int(value), int(value)


@st.composite
def _int_or_pair(draw, low: int, high: int) -> Any:
    """An int, an (h, w) tuple or an [h, w] list; pairs usually with different sides."""
    form = draw(st.sampled_from(("int", "tuple", "list")))
    if form == "int":
        return draw(st.integers(low, high))
    first, second = draw(st.integers(low, high)), draw(st.integers(low, high))
    return (first, second) if form == "tuple" else [first, second]


def _conv_size64(c: Case) -> tuple[int, int]:
    return ref.conv2d_output_size(*c.args, **c.kwargs)


def _pool_size64(c: Case) -> tuple[int, int]:
    return ref.pool2d_output_size(*c.args, **c.kwargs)


def _raises(truth: Callable[[Case], Any], c: Case) -> bool:
    try:
        truth(c)
    except ValueError:
        return True
    return False


@st.composite
def _conv_size_args(draw, low_k: int = 1, low_s: int = 1, low_p: int = 0, low_d: int = 1,
                    max_side: int = 40) -> Case:
    h, w = draw(st.integers(1, max_side)), draw(st.integers(1, max_side))
    kernel = draw(_int_or_pair(low_k, 7))
    stride = draw(st.one_of(_int_or_pair(low_s, 4), st.just(2), st.just(3)))
    padding = draw(_int_or_pair(low_p, 3))
    dilation = draw(st.one_of(st.just(1), _int_or_pair(low_d, 3)))
    return draw(_call((h, w, kernel), (("stride", stride, 1), ("padding", padding, 0),
                                       ("dilation", dilation, 1))))


@st.composite
def _pool_size_args(draw, low_k: int = 1, low_s: int = 1, low_p: int = 0, max_side: int = 40,
                    pad_over_half: bool = False) -> Case:
    h, w = draw(st.integers(1, max_side)), draw(st.integers(1, max_side))
    kernel = draw(_int_or_pair(low_k, 6))
    stride = draw(st.one_of(st.none(), _int_or_pair(low_s, 4), st.just(2)))
    kh, kw = _pair(kernel)
    top = max(low_p, min(kh, kw) // 2) if not pad_over_half else 4
    padding = draw(st.one_of(st.just(0), _int_or_pair(low_p, max(low_p, top))))
    ceil_mode = draw(st.booleans())
    return draw(_call((h, w, kernel), (("stride", stride, None), ("padding", padding, 0),
                                       ("ceil_mode", ceil_mode, False))))


@st.composite
def _conv_size_invalid(draw) -> Case:
    """Arguments the reference rejects: one argument out of range, or an output side < 1."""
    kind = draw(st.sampled_from(("output", "kernel", "stride", "dilation", "padding")))
    if kind == "output":
        case = draw(_conv_size_args(low_k=2, max_side=12))
    else:
        low = {"kernel": dict(low_k=-1), "stride": dict(low_s=-1), "dilation": dict(low_d=-1),
               "padding": dict(low_p=-2)}[kind]
        case = draw(_conv_size_args(**low))
    return case


@st.composite
def _pool_size_invalid(draw) -> Case:
    kind = draw(st.sampled_from(("output", "kernel", "stride", "padding", "half")))
    if kind == "output":
        return draw(_pool_size_args(low_k=2, max_side=6))
    low = {"kernel": dict(low_k=-1), "stride": dict(low_s=-1), "padding": dict(low_p=-2),
           "half": dict(pad_over_half=True)}[kind]
    return draw(_pool_size_args(**low))


def _valid(truth, strategy: st.SearchStrategy[Case]) -> st.SearchStrategy[Case]:
    return strategy.filter(lambda c: not _raises(truth, c))


def _invalid(truth, strategy: st.SearchStrategy[Case]) -> st.SearchStrategy[Case]:
    return strategy.filter(lambda c: _raises(truth, c))


# ---------------------------------------------------------------- known wrong formulas

def _conv_sides(c: Case, side: Callable[..., int], swap: bool = False) -> tuple[int, int]:
    v = _bound(c, CONV_SIZE_PARAMS, CONV_SIZE_DEFAULTS)
    k, s, p, d = (_pair(v[name]) for name in ("kernel_size", "stride", "padding", "dilation"))
    order = (1, 0) if swap else (0, 1)
    return tuple(side(n, k[i], s[i], p[i], d[i]) for n, i in zip((v["h"], v["w"]), order))


def _pool_sides(c: Case, side: Callable[..., int], stride_default: str = "kernel") -> tuple[int, int]:
    v = _bound(c, POOL_SIZE_PARAMS, POOL_SIZE_DEFAULTS)
    k, p = _pair(v["kernel_size"]), _pair(v["padding"])
    if v["stride"] is None:
        s = k if stride_default == "kernel" else (1, 1)
    else:
        s = _pair(v["stride"])
    return tuple(side(n, k[i], s[i], p[i], bool(v["ceil_mode"])) for i, n in enumerate((v["h"], v["w"])))


def _pool_side(n: int, k: int, s: int, p: int, ceil: bool, last_window_rule: bool = True) -> int:
    span = n + 2 * p - k
    out = (-(-span // s) if ceil else span // s) + 1
    if ceil and last_window_rule and (out - 1) * s >= n + p:
        out -= 1
    return out


SizeFormula = Callable[[Case], tuple]

SPAN_MINUS_ONE = N_("It looks like the dilated kernel's span is missing its + 1: a kernel of size k with "
                    "dilation d spans d * (k - 1) + 1 input pixels, and PyTorch's formula subtracts that "
                    "whole span (n + 2p - d * (k - 1) - 1), not just d * (k - 1).")


def _conv_side_no_minus_one(n: int, k: int, s: int, p: int, d: int) -> int:
    return (n + 2 * p - d * (k - 1)) // s + 1


def _conv_side_ceil(n: int, k: int, s: int, p: int, d: int) -> int:
    return -(-(n + 2 * p - d * (k - 1) - 1) // s) + 1


CONV_SIZE_MISTAKES: tuple[tuple[str, SizeFormula], ...] = (
    (N_("It looks off by one: one too small on each side. The formula is missing the final + 1 "
        "(the first window counts too)."),
     lambda c: _conv_sides(c, lambda n, k, s, p, d: (n + 2 * p - d * (k - 1) - 1) // s)),
    (N_("It looks like dilation is ignored: a dilated kernel spans dilation * (kernel_size - 1) + 1 "
        "input pixels."),
     lambda c: _conv_sides(c, lambda n, k, s, p, d: (n + 2 * p - k) // s + 1)),
    (N_("It looks like the division by the stride is rounded up (ceil) instead of down (floor): a "
        "window that does not fit entirely is not counted."),
     lambda c: _conv_sides(c, _conv_side_ceil)),
    (SPAN_MINUS_ONE, lambda c: _conv_sides(c, _conv_side_no_minus_one)),
    (N_("It looks like the padding is counted once: it is added on both sides (2 * padding)."),
     lambda c: _conv_sides(c, lambda n, k, s, p, d: (n + p - d * (k - 1) - 1) // s + 1)),
    (N_("It looks like the padding is ignored."),
     lambda c: _conv_sides(c, lambda n, k, s, p, d: (n - d * (k - 1) - 1) // s + 1)),
    (N_("It looks like the stride is ignored."),
     lambda c: _conv_sides(c, lambda n, k, s, p, d: (n + 2 * p - d * (k - 1) - 1) + 1)),
    (N_("It looks like the (h, w) pairs are applied the wrong way round: the first item of "
        "kernel_size/stride/padding/dilation is for the height."),
     lambda c: _conv_sides(c, lambda n, k, s, p, d: (n + 2 * p - d * (k - 1) - 1) // s + 1, swap=True)),
)

POOL_SIZE_MISTAKES: tuple[tuple[str, SizeFormula], ...] = (
    (N_("It looks like the stride defaults to 1: for pooling, stride=None means stride = kernel_size."),
     lambda c: _pool_sides(c, _pool_side, stride_default="one")),
    (N_("It looks like ceil_mode is ignored (always rounded down)."),
     lambda c: _pool_sides(c, lambda n, k, s, p, ceil: _pool_side(n, k, s, p, False))),
    (N_("It looks like ceil_mode rounds up without PyTorch's last-window rule: with ceil_mode the "
        "last window must start inside the input or the left padding, otherwise it is dropped."),
     lambda c: _pool_sides(c, lambda n, k, s, p, ceil: _pool_side(n, k, s, p, ceil, last_window_rule=False))),
    (N_("It looks like the division by the stride is rounded up (ceil) although ceil_mode is False."),
     lambda c: _pool_sides(c, lambda n, k, s, p, ceil: _pool_side(n, k, s, p, True))),
    (N_("It looks off by one: one too small on each side. The formula is missing the final + 1 "
        "(the first window counts too)."),
     lambda c: _pool_sides(c, lambda n, k, s, p, ceil: _pool_side(n, k, s, p, ceil) - 1)),
    (N_("It looks like the padding is counted once: it is added on both sides (2 * padding)."),
     lambda c: _pool_sides(c, lambda n, k, s, p, ceil: (-(-(n + p - k) // s) if ceil else (n + p - k) // s) + 1)),
    (N_("It looks like the padding is ignored."),
     lambda c: _pool_sides(c, lambda n, k, s, p, ceil: _pool_side(n, k, s, 0, ceil))),
)


# ---------------------------------------------------------------- judges


def _as_ints(value: Any) -> tuple[tuple | None, str]:
    """(the pair as Python ints, "") or (None or the pair as numbers, what is wrong with it)."""
    if isinstance(value, np.ndarray):
        return None, _("a numpy array ({value}); return a tuple of two ints").format(value=show_value(value))
    if isinstance(value, Opaque):
        return None, _("a {type} object, which the grader cannot read back (a namedtuple or "
                       "another tuple subclass included); return a plain tuple (h_out, w_out) of two ints").format(
                           type=value.type_name)
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        shown = _("a {type} of {length}").format(type=type(value).__name__, length=len(value)) \
            if isinstance(value, (tuple, list)) else f"{type(value).__name__} {value!r}"[:80]
        return None, _("{shown}; expected a tuple (h_out, w_out) of two ints").format(shown=shown)
    items = []
    for item in value:
        if isinstance(item, (bool, np.bool_)):
            return None, _("{value}: the sizes must be ints, not bools").format(value=repr(value))
        if isinstance(item, (int, np.integer)):
            items.append(int(item))
        elif isinstance(item, (float, np.floating)):
            items.append(float(item))
        else:
            return None, _("{value}: the sizes must be ints, got a {type}").format(value=repr(value),
                                                                                  type=type(item).__name__)
    if any(isinstance(item, float) for item in items):
        return tuple(items), _("floats: the sizes must be ints (floor division `//` or int(...) gives ints)")
    return tuple(items), ""


def _shown(pair: Sequence) -> str:
    return f"({pair[0]!r}, {pair[1]!r})"


#: what a size function's call came to when it raised ValueError (the truth for invalid arguments)
RAISED = "ValueError"


class Returned(tuple):
    """Sizes a function returned as they are: the student's result, or what a mistake that never
    raises returns (a plain tuple is a formula's sizes: code with it raises when one is < 1, or
    returns them)."""


def _outcome(result: CallResult) -> Any:
    """A call of a size function as the naming of mistakes compares it."""
    if result.error is not None:
        return RAISED if result.error["type"] == "ValueError" else NO_RESULT
    got, _problem = _as_ints(result.value)
    return NO_RESULT if got is None else Returned(got)


def _size_explains(known: Diagnosis, predicted: Any, seen: Any, c: Case) -> bool:
    if seen == RAISED:
        return predicted == RAISED or (type(predicted) is tuple and min(predicted) < 1)
    return isinstance(predicted, tuple) and tuple(predicted) == tuple(seen)


def _size_wrong(truth: Any, seen: Any, c: Case) -> bool:
    """The judges' verdict, on a result or on what a mistake predicts: a formula's sizes below 1
    for arguments the reference rejects raise like the truth."""
    if truth == RAISED:
        return seen != RAISED and (isinstance(seen, Returned) or min(seen) >= 1)
    return seen == RAISED or tuple(seen) != tuple(truth)


def _size_suspects(case: Case, got: Any, mistakes: Sequence[tuple[str, SizeFormula]],
                   truth: Callable[[Case], Any]) -> Suspects:
    known = tuple(Diagnosis(message, lambda c, formula=formula: _predicted_sizes(formula, c))
                  for message, formula in mistakes)

    def observe(ctx: Context, check: Any, c: Case) -> Any:
        return _outcome(check.call(ctx, c))

    return Suspects(case, got, known, truth, _size_explains, _size_wrong, observe)


def _outcome_of(truth: Callable[[Case], tuple], c: Case) -> Any:
    """The reference's outcome: the sizes, or RAISED."""
    try:
        return tuple(int(v) for v in truth(c))
    except ValueError:
        return RAISED


def _predicted_sizes(formula: SizeFormula, c: Case) -> Any:
    """What code with the mistake `formula` gives: its sizes as ints, Returned sizes, or RAISED."""
    found = formula(c)
    return found if isinstance(found, Returned) or found == RAISED else tuple(int(v) for v in found)


def _size_judge(truth: Callable[[Case], tuple], mistakes: Sequence[tuple[str, SizeFormula]],
                valid_raise_help: Callable[[Case, dict], str], hint: str):
    """The result is a pair of ints equal to the reference's. The known wrong formulas may name
    what went wrong (wrong sizes, or a ValueError on valid arguments where a wrong formula gives a
    size < 1), when further cases tell that formula from the others (`checks.identify`)."""

    def sizes(c: Case) -> tuple:
        return tuple(int(v) for v in truth(c))

    def judge(case: Case, result: CallResult, ctx: Context) -> Failure | None:
        expected = sizes(case)
        failure = error_failure(result, case, ctx.function)
        if failure is not None:
            error = result.error
            if error is None or error["not_implemented"] or error["type"] == "missing":
                return failure
            diagnosis = valid_raise_help(case, error)
            where = f" ({error['where']})" if error["where"] else ""
            failure = Failure(_("raised {error} for valid arguments whose output size is "
                                "{size}: {message}{where}").format(error=error['type'], size=_shown(expected),
                                                                  message=error['message'], where=where)[:400],
                              call=case.code(ctx.function), diagnosis=diagnosis, hint=_(hint))
            if not diagnosis and error["type"] == "ValueError":
                ctx.defer(failure, _size_suspects(case, RAISED, mistakes, sizes))
            return failure
        got, problem = _as_ints(result.value)
        if got is None:
            return Failure(_("the result is {problem}").format(problem=problem), call=case.code(ctx.function),
                           hint=_(hint))
        if got == expected:
            if problem:
                return Failure(_("the result {result} holds {problem}").format(result=_shown(result.value),
                                                                              problem=problem),
                               call=case.code(ctx.function))
            return None
        extra = _(" (and they should be ints, not floats)") if problem else ""
        what = _("expected {expected}, got {got}{extra}").format(expected=_shown(expected),
                                                                  got=_shown(result.value), extra=extra)
        failure = Failure(_("wrong result: {what}").format(what=what), wrong=what, wrong_result=True,
                          call=case.code(ctx.function), hint=_(hint))
        ctx.defer(failure, _size_suspects(case, Returned(got), mistakes, sizes))
        return failure

    return judge


def _conv_valid_raise(c: Case, error: dict) -> str:
    if error["type"] == "AssertionError" or "divis" in error["message"].lower():
        return _("These arguments are valid: (h + 2*padding - dilated kernel) need not be divisible by "
                 "the stride; the floor division drops the remainder (the last pixels are not covered).")
    return ""


def _pool_valid_raise(c: Case, error: dict) -> str:
    v = _bound(c, POOL_SIZE_PARAMS, POOL_SIZE_DEFAULTS)
    k, p = _pair(v["kernel_size"]), _pair(v["padding"])
    if error["type"] == "ValueError" and any(0 < 2 * p[i] == k[i] for i in (0, 1)):
        return _("Here the padding is exactly half of the kernel size, which is allowed: PyTorch requires "
                 "padding <= kernel_size / 2 and rejects only padding > kernel_size / 2.")
    if error["type"] == "ValueError" and v["ceil_mode"] and \
            any(v[n] + 2 * p[i] < k[i] for i, n in enumerate(("h", "w"))):
        return _("Here the window is larger than the padded input, which ceil_mode allows: the last window "
                 "must only start inside the input or the left padding and may run past the end, so this "
                 "side is 1. In ceil_mode, check where the last window starts, not whether the kernel fits.")
    return ""


def _conv_reason(c: Case) -> str:
    """Why the reference rejects these arguments, in words."""
    v = _bound(c, CONV_SIZE_PARAMS, CONV_SIZE_DEFAULTS)
    for name, low in (("kernel_size", 1), ("stride", 1), ("dilation", 1), ("padding", 0)):
        if min(_pair(v[name])) < low:
            return _("{name}={value} is out of range ({name} must be >= {low})").format(name=name,
                                                                                       value=repr(v[name]), low=low)
    k, s, p, d = (_pair(v[name]) for name in ("kernel_size", "stride", "padding", "dilation"))
    for label, n, i in ((N_("height"), v["h"], 0), (N_("width"), v["w"], 1)):
        span = d[i] * (k[i] - 1) + 1
        if n + 2 * p[i] < span:
            return (_("the dilated kernel spans {span} pixels but the padded {side} is {padded}: the output "
                      "{side} would be {out}") if d[i] > 1 else
                    _("the kernel spans {span} pixels but the padded {side} is {padded}: the output {side} "
                      "would be {out}")).format(span=span, side=_(label), padded=n + 2 * p[i],
                                                out=(n + 2 * p[i] - span) // s[i] + 1)
    return _("the arguments are out of range")


def _pool_reason(c: Case) -> str:
    v = _bound(c, POOL_SIZE_PARAMS, POOL_SIZE_DEFAULTS)
    k = _pair(v["kernel_size"])
    if min(k) < 1:
        return _("kernel_size={kernel_size} is out of range (kernel_size must be >= 1)").format(
            kernel_size=repr(v['kernel_size']))
    if v["stride"] is not None and min(_pair(v["stride"])) < 1:
        return _("stride={stride} is out of range (stride must be >= 1; only None means kernel_size)").format(
            stride=repr(v['stride']))
    p = _pair(v["padding"])
    if min(p) < 0:
        return _("padding={padding} is out of range (padding must be >= 0)").format(padding=repr(v['padding']))
    if 2 * p[0] > k[0] or 2 * p[1] > k[1]:
        return _("padding={padding} is more than half of kernel_size={kernel_size}").format(
            padding=repr(v['padding']), kernel_size=repr(v['kernel_size']))
    s = k if v["stride"] is None else _pair(v["stride"])
    for label, n, i in ((N_("height"), v["h"], 0), (N_("width"), v["w"], 1)):
        out = _pool_side(n, k[i], s[i], p[i], bool(v["ceil_mode"]))
        if out < 1:
            return _("the window of {kernel} does not fit in the padded {side} {padded}: "
                     "the output {side} would be {out}").format(kernel=k[i], side=_(label), padded=n + 2 * p[i],
                                                                out=out)
    return _("the arguments are out of range")


TRUNCATION = N_("int(...) truncates toward zero (and math.ceil rounds up), so a small negative quotient "
                "becomes 0 and the size 1 instead of < 1: use floor division (//) or math.floor before "
                "checking the size.")


def _conv_truncated(c: Case) -> tuple:
    return _conv_sides(c, lambda n, k, s, p, d: int((n + 2 * p - d * (k - 1) - 1) / s) + 1)


def _pool_truncated(c: Case) -> tuple:
    return _pool_sides(c, lambda n, k, s, p, ceil: _pool_side(n, k, s, p, True) if ceil else int((n + 2 * p - k) / s) + 1)


def _conv_in_range(c: Case) -> bool:
    v = _bound(c, CONV_SIZE_PARAMS, CONV_SIZE_DEFAULTS)
    return min(_pair(v["kernel_size"]) + _pair(v["stride"]) + _pair(v["dilation"])) >= 1 and \
        min(_pair(v["padding"])) >= 0


def _pool_in_range(c: Case) -> bool:
    v = _bound(c, POOL_SIZE_PARAMS, POOL_SIZE_DEFAULTS)
    k, p = _pair(v["kernel_size"]), _pair(v["padding"])
    stride_ok = v["stride"] is None or min(_pair(v["stride"])) >= 1
    return min(k) >= 1 and stride_ok and min(p) >= 0 and all(2 * p[i] <= k[i] for i in (0, 1))


def _where_in_range(in_range: Callable[[Case], bool], formula: SizeFormula) -> SizeFormula:
    """A wrong formula as a mistake for arguments the reference rejects: it applies only where
    every argument is in range (an out-of-range argument is rejected before any formula)."""

    def applied(c: Case) -> tuple:
        if not in_range(c):
            raise ValueError("an argument is out of range: no formula applies")
        return formula(c)

    return applied


NO_SIZE_CHECK = N_("It looks like the sizes are computed right but never checked: nothing raises ValueError "
                   "when a side comes out < 1. After computing h_out and w_out, raise ValueError if either "
                   "is < 1.")


ZERO_LET_THROUGH = N_("It looks like a side of 0 is let through: sizes below 0 raise, but an output side must be "
                      "at least 1, so raise ValueError when h_out or w_out is < 1 (not < 0).")


def _conv_unchecked(c: Case) -> Returned:
    return Returned(_conv_sides(c, lambda n, k, s, p, d: (n + 2 * p - d * (k - 1) - 1) // s + 1))


def _pool_unchecked(c: Case) -> Returned:
    return Returned(_pool_sides(c, _pool_side))


def _zero_let_through(unchecked: Callable[[Case], Returned]) -> SizeFormula:
    """Code that raises for a negative side only: it returns a side of 0."""

    def sizes(c: Case) -> Any:
        found = unchecked(c)
        return found if min(found) >= 0 else RAISED

    return sizes


#: what code that returns sizes for impossible arguments may be doing (see `_raises_judge`)
CONV_INVALID_MISTAKES: tuple[tuple[str, SizeFormula], ...] = tuple(
    (message, _where_in_range(_conv_in_range, formula)) for message, formula in
    ((NO_SIZE_CHECK, _conv_unchecked), (ZERO_LET_THROUGH, _zero_let_through(_conv_unchecked)),
     (TRUNCATION, _conv_truncated)) + CONV_SIZE_MISTAKES)
POOL_INVALID_MISTAKES: tuple[tuple[str, SizeFormula], ...] = tuple(
    (message, _where_in_range(_pool_in_range, formula)) for message, formula in
    ((NO_SIZE_CHECK, _pool_unchecked), (ZERO_LET_THROUGH, _zero_let_through(_pool_unchecked)),
     (TRUNCATION, _pool_truncated)) + POOL_SIZE_MISTAKES)


def _no_help(c: Case) -> str:
    return ""


def _pool_returned_invalid(c: Case) -> str:
    """What is sure from the arguments alone: stride=0 taken for 'not given'."""
    v = _bound(c, POOL_SIZE_PARAMS, POOL_SIZE_DEFAULTS)
    if v["stride"] is not None and not isinstance(v["stride"], (tuple, list)) and v["stride"] == 0:
        return _("stride=0 was taken as 'not given' (as with `stride or kernel_size`): only None means "
                 "stride = kernel_size; test `stride is None`.")
    return ""


def _raises_judge(reason: Callable[[Case], str], truth: Callable[[Case], tuple],
                  mistakes: Sequence[tuple[str, SizeFormula]], returned_help: Callable[[Case], str] = _no_help):
    """The call raises ValueError. Code that returns sizes instead is matched against what code
    with no size check, a truncating int(...) or a known wrong formula returns, named when further
    invalid arguments tell that mistake from the others (`checks.identify`); `returned_help`
    names what the arguments alone make sure of."""

    def judge(case: Case, result: CallResult, ctx: Context) -> Failure | None:
        if result.failure is not None:
            return error_failure(result, case, ctx.function)
        if result.error is not None:
            if result.error["type"] == "ValueError":
                return None
            if result.error["not_implemented"] or result.error["type"] == "missing":
                return error_failure(result, case, ctx.function)
            return Failure(_("raised {error} instead of ValueError for invalid arguments: "
                             "{reason}").format(error=result.error['type'], reason=reason(case)),
                           call=case.code(ctx.function),
                           hint=_("raise ValueError(...) yourself when an argument is out of range or the "
                                  "output would be empty; do not use assert or let another error escape"))
        got, _problem = _as_ints(result.value)
        shown = _shown(result.value) if got is not None else show_value(result.value)
        failure = Failure(_("did not raise ValueError: {reason}, but it returned {shown}").format(
                              reason=reason(case), shown=shown),
                          call=case.code(ctx.function), diagnosis=returned_help(case),
                          hint=_("check the arguments' ranges first, then raise ValueError when an output "
                                 "side is < 1"))
        if got is not None and not failure.diagnosis:
            # the valid arguments of `matches_reference` may tell the mistakes apart too
            ctx.defer(failure, replace(_size_suspects(case, Returned(got), mistakes, lambda c: _outcome_of(truth, c)),
                                       also="matches_reference"))
        return failure

    return judge


CONV_SIZE_HINT = N_("per side: count the positions where the dilated kernel fits entirely in the padded "
                    "input, stepping by the stride")
POOL_SIZE_HINT = N_("per side as for a convolution without dilation; stride=None means the kernel size")

conv2d_output_size = Exercise("conv2d_output_size", 2, (
    PropertyCheck("matches_reference", 3.0, cases=_valid(_conv_size64, _conv_size_args()), max_examples=60,
                  examples=(Case((32, 28, 5)),  # LeNet's first layer, non-square input
                            Case((227, 227, 11), {"stride": 4}),  # AlexNet's first layer
                            Case((13, 10, (3, 2)), {"stride": (2, 3), "padding": [1, 0]}),
                            Case((16, 9, 3, 1, 2, 2)),
                            Case((7, 12, [3, 5], 2), {"dilation": (2, 1)}),
                            Case((5, 8, 5, 1, 0))),
                  judge=_size_judge(_conv_size64, CONV_SIZE_MISTAKES, _conv_valid_raise, CONV_SIZE_HINT)),
    PropertyCheck("raises_value_error", 2.0, cases=_invalid(_conv_size64, _conv_size_invalid()),
                  max_examples=50,
                  examples=(Case((5, 9, 6), {"stride": 2}), Case((8, 8, 3), {"stride": 0}),
                            Case((8, 8, 3), {"padding": -1}), Case((8, 8, (3, 0))),
                            Case((8, 8, 3), {"dilation": 0}), Case((4, 6, 3, 1, 0, 2))),
                  judge=_raises_judge(_conv_reason, _conv_size64, CONV_INVALID_MISTAKES)),
), probe=Case((32, 32, 5)))

pool2d_output_size = Exercise("pool2d_output_size", 2, (
    PropertyCheck("matches_reference", 3.0, cases=_valid(_pool_size64, _pool_size_args()), max_examples=60,
                  examples=(Case((28, 24, 2)), Case((55, 55, 3), {"stride": 2}),  # LeNet, AlexNet
                            Case((5, 7, 2, 2, 1, True)),  # ceil_mode's last-window rule, both sides
                            Case((11, 6, 3), {"stride": 2, "ceil_mode": True}),
                            Case((1, 6, 4), {"stride": 2, "padding": 1, "ceil_mode": True}),  # window past the end
                            Case((13, 9, (3, 2)), {"stride": [2, 1], "padding": (1, 1)}),
                            Case((7, 10, 3), {"stride": None, "padding": 1}),
                            Case((4, 9, 3), {"stride": 2, "padding": 1, "ceil_mode": True})),  # last window in the left padding
                  judge=_size_judge(_pool_size64, POOL_SIZE_MISTAKES, _pool_valid_raise, POOL_SIZE_HINT)),
    PropertyCheck("raises_value_error", 2.0, cases=_invalid(_pool_size64, _pool_size_invalid()),
                  max_examples=50,
                  examples=(Case((8, 8, 2), {"stride": 0}), Case((8, 8, 3), {"padding": 2}),
                            Case((8, 8, 3), {"padding": -1}), Case((8, 8, 0)),
                            Case((3, 8, 4)), Case((8, 6, (2, 3), None, (0, 2))),
                            Case((9, 29, (3, 6), 1, 2)), Case((9, 29, (6, 3), 1, 2))),  # over half on one side
                  judge=_raises_judge(_pool_reason, _pool_size64, POOL_INVALID_MISTAKES, _pool_returned_invalid)),
), probe=Case((32, 32, 2)))

# ================================================================ conv2d_forward


def _values(seed: int, shape: tuple, dtype: np.dtype) -> np.ndarray:
    return np.random.default_rng(seed).standard_normal(shape).astype(dtype)


@st.composite
def _conv_case(draw) -> Case:
    """Small shapes with N, C, F all different, H != W, KH != KW; random (non-symmetric) values."""
    dtype = draw(gs.dtypes())
    n, c, f = draw(gs.distinct_sizes(3, 2, 5))
    kh, kw = draw(gs.distinct_sizes(2, 1, 4))
    stride = draw(st.integers(1, 3))
    padding = draw(st.integers(0, 2))
    eh, ew = draw(gs.distinct_sizes(2, 0, 7))
    h, w = max(1, kh - 2 * padding) + eh, max(1, kw - 2 * padding) + ew
    if h == w:
        w += 1
    seed = draw(st.integers(0, 2**32 - 1))
    x = _values(seed, (n, c, h, w), dtype)
    weight = _values(seed + 1, (f, c, kh, kw), dtype)
    bias = _values(seed + 2, (f,), dtype)
    return draw(_call((x, weight, bias), (("stride", stride, 1), ("padding", padding, 0))))


def _conv_parts(c: Case) -> tuple:
    v = _bound(c, CONV_PARAMS, CONV_DEFAULTS)
    return t64(v["x"]), t64(v["w"]), t64(v["b"]), int(v["stride"]), int(v["padding"])


def _conv64(c: Case) -> np.ndarray:
    x, w, b, s, p = _conv_parts(c)
    return n64(ref.conv2d_forward(x, w, b, stride=s, padding=p))


def _conv_scale(c: Case) -> float:
    """The size of the terms summed into each output: the natural scale of its rounding error."""
    x, w, b, s, p = _conv_parts(c)
    return float((F.conv2d(x.abs(), w.abs(), b.abs(), stride=s, padding=p)).max())


def _conv_with(c: Case, *, flip: bool = False, pad: tuple | None = None, bias: float | None = 1.0,
               stride: tuple | None = None, transpose: bool = False) -> np.ndarray:
    x, w, b, s, p = _conv_parts(c)
    if flip:
        w = w.flip(2, 3)
    if transpose:
        w = w.transpose(2, 3)
        sides = [(size + 2 * p - k) // s + 1 for size, k in zip(x.shape[2:], w.shape[2:])]
        if min(sides) < 1:  # the swapped kernel does not fit: such code returns an empty array
            return np.zeros((x.shape[0], w.shape[0], max(sides[0], 0), max(sides[1], 0)))
    if pad is not None:
        x, p = F.pad(x, pad), 0
    out = F.conv2d(x, w, None, stride=stride or s, padding=p)
    if bias is not None:
        out = out + bias * b[:, None, None]
    return n64(out)


def _conv_weights(c: Case, remap: Callable[[torch.Tensor], torch.Tensor]) -> np.ndarray:
    """The convolution with the filters scrambled by `remap` (an im2col layout mistake)."""
    x, w, b, s, p = _conv_parts(c)
    return n64(F.conv2d(x, remap(w).reshape(w.shape), b, stride=s, padding=p))


def _bias_on_axis(c: Case, axis: int) -> np.ndarray:
    """The convolution with b broadcast along another axis of (N, F, H', W') than F's."""
    x, w, b, s, p = _conv_parts(c)
    out = n64(F.conv2d(x, w, None, stride=s, padding=p))
    if out.shape[axis] != b.shape[0]:
        raise ValueError("b cannot be broadcast along that axis")
    shape = [1, 1, 1, 1]
    shape[axis] = b.shape[0]
    return out + n64(b).reshape(shape)


def _pad_one_side(c: Case, before: bool) -> np.ndarray:
    p = _conv_parts(c)[4]
    if p == 0:
        raise ValueError("no padding")
    return _conv_with(c, pad=(2 * p, 0, 2 * p, 0) if before else (0, 2 * p, 0, 2 * p))


IM2COL_ORDER = N_("It looks like the patch columns and the flattened filters list their entries in different "
                  "orders, e.g. windows flattened as (KH, KW, C) against w.reshape(F, -1)'s (C, KH, KW): "
                  "the shapes fit, but each pixel is multiplied by another pixel's weight. Flatten both "
                  "in the same (C, KH, KW) order.")

CONV_MISTAKES = (
    Diagnosis(N_("It looks like the kernel is flipped (a textbook convolution): conv2d, like PyTorch's, "
                 "is a cross-correlation, out = sum of x_pad[n, c, i*s + p, j*s + q] * w[f, c, p, q], "
                 "with no flip."), lambda c: _conv_with(c, flip=True)),
    Diagnosis(N_("It looks like all the padding is on one side (2 * padding at the bottom/right): the "
                 "zeros go on every side, `padding` rows above and below, columns left and right."),
              lambda c: _pad_one_side(c, before=False)),
    Diagnosis(N_("It looks like all the padding is on one side (2 * padding at the top/left): the zeros "
                 "go on every side, `padding` rows above and below, columns left and right."),
              lambda c: _pad_one_side(c, before=True)),
    Diagnosis(N_("It looks like the bias b is not added."), lambda c: _conv_with(c, bias=None)),
    Diagnosis(N_("It looks like the bias is added once per input channel (C times): add b[f] once to "
                 "each output of filter f."),
              lambda c: _conv_with(c, bias=float(c.args[0].shape[1]))),
    Diagnosis(N_("It looks like the bias is added along the last axis (out + b broadcasts over W'): "
                 "b[f] belongs to filter f, axis 1 of (N, F, H', W')."), lambda c: _bias_on_axis(c, 3)),
    Diagnosis(N_("It looks like the bias is added along the wrong axis (over H'): b[f] belongs to "
                 "filter f, axis 1 of (N, F, H', W')."), lambda c: _bias_on_axis(c, 2)),
    Diagnosis(N_("It looks like the bias is added along the wrong axis (over the batch N): b[f] belongs "
                 "to filter f, axis 1 of (N, F, H', W')."), lambda c: _bias_on_axis(c, 0)),
    Diagnosis(N_("It looks like the stride is applied along the height only (the width uses stride 1)."),
              lambda c: _conv_with(c, stride=(_conv_parts(c)[3], 1))),
    Diagnosis(N_("It looks like the stride is applied along the width only (the height uses stride 1)."),
              lambda c: _conv_with(c, stride=(1, _conv_parts(c)[3]))),
    Diagnosis(N_("It looks like the stride is ignored (stride 1 is used)."), lambda c: _conv_with(c, stride=(1, 1))),
    Diagnosis(N_("It looks like the kernel's height and width are swapped (KH used along the width and "
                 "KW along the height): w has shape (F, C, KH, KW)."), lambda c: _conv_with(c, transpose=True)),
    Diagnosis(IM2COL_ORDER, lambda c: _conv_weights(
        c, lambda w: w.reshape(w.shape[0], w.shape[2], w.shape[3], w.shape[1]).permute(0, 3, 1, 2))),
    Diagnosis(IM2COL_ORDER, lambda c: _conv_weights(c, lambda w: w.permute(0, 2, 3, 1).contiguous())),
    Diagnosis(N_("It looks like the filters were reshaped straight to (C*KH*KW, F) (w.reshape(-1, F)): a "
                 "reshape does not move the F axis; flatten each filter to a row of (F, C*KH*KW) and "
                 "transpose that."), lambda c: _conv_weights(c, lambda w: w.reshape(-1, w.shape[0]).T.contiguous())),
)

def _numbers_in(text: str) -> set[int]:
    return {int(token) for token in re.findall(r"(?<![\w.])\d+(?![\w.])", text)}


def _conv_crash_help(c: Case, error: dict) -> str:
    """Name the known mistakes that make conv code raise instead of returning wrong values."""
    if error["type"] != "ValueError":
        return ""
    x, w, _b, _s, p = _conv_parts(c)
    (n, channels, _h, _w), (f, _c, kh, kw) = tuple(x.shape), tuple(w.shape)
    message, where = error["message"], error["where"] or ""
    out_shape = tuple(_conv64(c).shape)
    if "broadcast" in message and f"({f},)" in message and "(" + ",".join(map(str, out_shape)) + ")" in message:
        return _("It looks like b (shape (F,)) is added to the (N, F, H', W') output as it is: numpy lines "
                 "it up with the last axis W'. b[f] belongs to axis 1 (shape it (F, 1, 1)).")
    if re.search(r"\bpad\(", where):
        return _("np.pad's pad_width takes one (before, after) pair per axis of x: x has four axes "
                 "(N, C, H, W), and only H and W get padding.")
    if p > 0:
        # a size mismatch quoting a size both as it is and as padded on both sides
        numbers = _numbers_in(message)
        pairs = ((channels, channels + 2 * p), (channels * kh * kw, (channels + 2 * p) * kh * kw),
                 (n, n + 2 * p))
        if any(size in numbers and padded in numbers for size, padded in pairs):
            return _("It looks like x was padded along the batch and channel axes too (np.pad(x, padding) "
                     "pads every axis): only H and W get padding.")
    return ""


def _explain_crashes(checks: tuple, help_for: Callable[[Case, dict], str]) -> tuple:
    """`checks` with the values check's judge adding `help_for`'s diagnosis to a crash."""

    def wrap(judge):
        def judged(case: Case, result: CallResult, ctx: Context) -> Failure | None:
            failure = judge(case, result, ctx)
            error = result.error
            if failure is None or failure.diagnosis or error is None or error["not_implemented"] \
                    or error["type"] == "missing":
                return failure
            diagnosis = help_for(case, error)
            return dataclasses.replace(failure, diagnosis=diagnosis) if diagnosis else failure

        return judged

    return tuple(dataclasses.replace(check, judge=wrap(check.judge)) if check.name == "matches_reference"
                 else check for check in checks)


CONV_EXAMPLE_X = np.arange(2 * 3 * 5 * 4, dtype=np.float64).reshape(2, 3, 5, 4) % 7 - 3
CONV_EXAMPLE_W = (np.arange(4 * 3 * 2 * 3, dtype=np.float64).reshape(4, 3, 2, 3) % 5 - 2) / 2
CONV_EXAMPLE_B = np.array([0.5, -1.0, 2.0, 0.25])

# The timing input: a small float64 conv layer (F.conv2d ~0.8 ms on one CPU thread: im2col +
# gemm; float32 goes through oneDNN, several times faster, which squeezes all numpy ratios up).
# Few channels, so a Python loop per output pixel costs far more than the arithmetic.
# Ratios of medians measured in the grader on a busy shared 2-core machine: the model and the
# correct/ variants 1.1-4x; semi-vectorized code: np.einsum without optimize=True ~9x, a loop
# over output positions (vectorized over N and F) ~12x, a loop over filters with a broadcast
# product ~23x, one 7-d broadcast product ~30x; the naive 4-loop conv 230-280x. The limit keeps
# about 2x from the slowest vectorized code and about 4x from the naive loops.
CONV_TIMING_DTYPE = np.float64
CONV_TIMING_LIMIT = 60.0
CONV_TIMING_X, CONV_TIMING_W = (8, 4, 32, 32), (8, 4, 3, 3)


def _conv_timing_case(rng: np.random.Generator) -> Case:
    x = rng.standard_normal(CONV_TIMING_X).astype(CONV_TIMING_DTYPE)
    w = rng.standard_normal(CONV_TIMING_W).astype(CONV_TIMING_DTYPE)
    b = rng.standard_normal(CONV_TIMING_W[0]).astype(CONV_TIMING_DTYPE)
    return Case((x, w, b), {"stride": 1, "padding": 1})


conv2d_forward = Exercise("conv2d_forward", 4, _explain_crashes(numpy_checks(
    _conv64, _conv_case(), max_examples=40,
    examples=(Case((CONV_EXAMPLE_X.astype(np.float32), CONV_EXAMPLE_W.astype(np.float32),
                    CONV_EXAMPLE_B.astype(np.float32))),
              Case((CONV_EXAMPLE_X, CONV_EXAMPLE_W, CONV_EXAMPLE_B), {"stride": 2, "padding": 1}),
              Case((CONV_EXAMPLE_X, CONV_EXAMPLE_W, CONV_EXAMPLE_B, 1, 2))),
    argument_names=("x", "w", "b"), scale=_conv_scale, diagnoses=CONV_MISTAKES,
    hint=N_("out[n, f, i, j] = b[f] + sum over c, p, q of x_pad[n, c, i*stride + p, j*stride + q] * "
         "w[f, c, p, q]; output shape (N, F, H', W')"),
    extra=(timed(ref.conv2d_forward, _conv_timing_case, limit=CONV_TIMING_LIMIT,
                 hint=N_("no Python loop over output pixels: gather all windows at once "
                      "(numpy.lib.stride_tricks.sliding_window_view, or im2col) and contract "
                      "them with the filters in one einsum / tensordot / matrix product")),)),
    _conv_crash_help), probe=Case((CONV_EXAMPLE_X[:1, :, :3, :3], CONV_EXAMPLE_W[:1, :, :2, :2], CONV_EXAMPLE_B[:1])))

# ================================================================ max_pool2d_forward


@st.composite
def _pool_case(draw) -> Case:
    """Overlapping (kernel > stride), gapped and default strides; values with ties, and windows
    whose maximum is negative."""
    dtype = draw(gs.dtypes())
    n, c = draw(gs.distinct_sizes(2, 1, 4))
    k = draw(st.integers(1, 4))
    stride = draw(st.one_of(st.none(), st.integers(1, 4)))
    eh, ew = draw(gs.distinct_sizes(2, 0, 7))
    h, w = k + eh, k + ew
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    kind = draw(st.sampled_from(("normal", "negative", "ties")))
    if kind == "normal":
        x = rng.standard_normal((n, c, h, w))
    elif kind == "negative":
        x = -rng.exponential(1.0, (n, c, h, w)) - 0.5
    else:
        x = rng.integers(-6, 2, (n, c, h, w)) / 2
    x = x.astype(dtype)
    return draw(_call((x, k), (("stride", stride, None),)))


def _pool_parts(c: Case) -> tuple:
    v = _bound(c, POOL_PARAMS, POOL_DEFAULTS)
    return t64(v["x"]), int(v["kernel_size"]), v["stride"]


def _pool64(c: Case, stride: Any = "given") -> np.ndarray:
    x, k, s = _pool_parts(c)
    return n64(ref.max_pool2d_forward(x, k, s if stride == "given" else stride))


def _pool_only_when(condition: Callable[[Case], bool], output: Callable[[Case], np.ndarray]):
    def diagnosis_output(c: Case) -> np.ndarray:
        if not condition(c):
            raise ValueError("not this mistake")
        return output(c)

    return diagnosis_output


POOL_MISTAKES = (
    Diagnosis(N_("Some windows come out 0 where their maximum is negative: it looks like the running "
                 "maximum starts from zeros (np.zeros); start from the first element of each window "
                 "(or -inf in x's dtype)."),
              lambda c: np.maximum(_pool64(c), 0.0)),
    Diagnosis(N_("It looks like the stride defaults to 1: stride=None means stride = kernel_size."),
              _pool_only_when(lambda c: _pool_parts(c)[2] is None, lambda c: _pool64(c, stride=1))),
    Diagnosis(N_("It looks like the stride argument is ignored (windows always step by kernel_size, as "
                 "with a reshape into blocks): overlapping windows (stride < kernel_size) and gaps "
                 "(stride > kernel_size) need their own indexing."),
              _pool_only_when(lambda c: _pool_parts(c)[2] not in (None, _pool_parts(c)[1]),
                              lambda c: _pool64(c, stride=None))),
)

POOL_EXAMPLE_X = (np.arange(2 * 3 * 7 * 6, dtype=np.float64).reshape(2, 3, 7, 6) * 37 % 11 - 8) / 2
# Timing input: F.max_pool2d with k=2 on (4, 16, 64, 64), ~1.4 ms on one CPU thread. Ratios of
# medians measured in the grader: the model 0.3x, the correct/ variants 0.3-7x (numpy's max over
# the small window axes of a strided view is slow: sliding_window_view(...)[::s, ::s].max ~7x),
# a loop over output positions or over (n, c) with vectorized windows ~4x; the max over every
# stride-1 window subsampled afterwards (vectorized, stride**2 = 4x the windows) 20-25x; the
# naive 4-loop pool 76-180x. At 20x that last vectorized form flipped between runs; 40x keeps it
# and every other vectorized form well inside, and stays about 2x from the naive loops.
POOL_TIMING_DTYPE = np.float32
POOL_TIMING_LIMIT = 40.0


def _pool_timing_case(rng: np.random.Generator) -> Case:
    return Case((rng.standard_normal((4, 16, 64, 64)).astype(POOL_TIMING_DTYPE), 2))


max_pool2d_forward = Exercise("max_pool2d_forward", 2, numpy_checks(
    _pool64, _pool_case(), max_examples=40,
    examples=(Case((POOL_EXAMPLE_X.astype(np.float32), 2)),
              Case((POOL_EXAMPLE_X, 3), {"stride": 2}),
              Case((POOL_EXAMPLE_X - 10, 2, 1)),
              Case((POOL_EXAMPLE_X, 2, 3))),
    argument_names=("x",), diagnoses=POOL_MISTAKES,
    hint=N_("out[n, c, i, j] = max of x[n, c, i*stride : i*stride + k, j*stride : j*stride + k]; "
         "stride=None means stride = kernel_size"),
    extra=(timed(ref.max_pool2d_forward, _pool_timing_case, limit=POOL_TIMING_LIMIT,
                 hint=N_("no Python loop over output pixels: take the maximum over all windows at "
                      "once (a running np.maximum over the k*k offsets, or sliding_window_view)")),)),
    probe=Case((POOL_EXAMPLE_X[:1, :1, :2, :2], 2)))

ASSIGNMENT = Assignment("04_convolution", "convolution", "Convolution and pooling", "numpy",
                        (conv2d_output_size, pool2d_output_size, conv2d_forward, max_pool2d_forward),
                        banned=NUMPY_ONLY, allowed_note=NUMPY_NOTE)
