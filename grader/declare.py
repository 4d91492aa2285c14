"""Declaring an exercise in a few lines: the common kinds of numpy exercise, built from data.

    gelu = elementwise("gelu", lambda x: torch.nn.functional.gelu(x, approximate="tanh"),
                       points=2, stable=1e4, hint="0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))",
                       mistakes={"It looks like the 0.5 factor is missing.":
                                     lambda x: 2 * torch.nn.functional.gelu(x, approximate="tanh")},
                       timing=Timing((2048, 256), limit=8.0))

Each declaration returns an `Exercise` with the course's usual checks (see docs/authoring.md):
values against the reference on generated inputs (float32 and float64, shapes from 0-d up),
stability on extreme inputs when `stable` is given, the input's dtype kept, inputs left alone,
a central-difference gradient check for gradients, and a timing limit against the reference
when `timing` is given. The reference is a PyTorch function of float64 tensors (the truth is
always computed in float64); a known mistake is a function of the same form, named by the
message a student reads when their output matches it.

    elementwise(name, reference)        f(x), same shape as x
    reduction(name, reference)          f(x, axis=-1), along an axis, any shape
    gradient(name, forward)             f(dout, x) = dout * forward'(x)
    function(name, reference, cases)    any numpy function of arrays (the general form)
    assignment(id, module, title, exercises)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Mapping, Sequence

import numpy as np
import torch
from hypothesis import strategies as st

from grader import strategies as gs
from grader.checks import Case, Diagnosis, PropertyCheck, matches
from grader.compare import Tolerance
from grader.exercises.common import AFTER_VALUES, NUMPY_NOTE, NUMPY_ONLY, n64, numpy_checks, t64, timed
from grader.i18n import N_, _
from grader.spec import Assignment, Exercise

#: a reference or a known mistake: float64 tensors in (one per array argument, other arguments
#: as they are), a tensor or a tuple of tensors out
Reference = Callable[..., Any]


@dataclass(frozen=True)
class Timing:
    """A timing limit: the student's time over the reference's on inputs of `shape` (float64,
    standard normal times 3) must stay under `limit` (set it at 2-3x the slowest accepted
    solution's ratio, measured; CHECKING.md). Only judged once the values are right."""

    shape: tuple[int, ...]
    limit: float
    hint: str = N_("no Python loop over the elements: work on whole arrays at once")
    #: what the student's time is measured against (float64 tensors in), when not the exercise's
    #: reference: a fused PyTorch kernel can be many times faster than any numpy formula, so a
    #: formula written with PyTorch's elementwise operations gives a ratio near 1 for good code
    baseline: Reference | None = None


def bounded_tolerance(case: Case) -> Tolerance:
    """For outputs of size ~1 (sigmoid, tanh, softmax): the dtype's relative tolerance, plus an
    absolute floor of a few eps at that scale (the rounding of an accurate formula)."""
    return Tolerance(Tolerance.for_dtype(case.dtype).rtol, 4 * float(np.finfo(case.dtype).eps))


def _truth(reference: Reference, case: Case) -> Any:
    """`reference` on the case's arrays as float64 tensors, back as float64 arrays."""
    args = [t64(a) if isinstance(a, np.ndarray) and a.dtype.kind == "f" else a for a in case.args]
    kwargs = {k: t64(v) if isinstance(v, np.ndarray) and v.dtype.kind == "f" else v for k, v in case.kwargs.items()}
    out = reference(*args, **kwargs)
    return tuple(n64(o) for o in out) if isinstance(out, (tuple, list)) else n64(out)


def _expected(reference: Reference) -> Callable[[Case], Any]:
    return lambda case: _truth(reference, case)


def _diagnoses(mistakes: Mapping[str, Reference]) -> tuple[Diagnosis, ...]:
    return tuple(Diagnosis(message, _expected(mistake)) for message, mistake in mistakes.items())


def _both_dtypes(rows: Sequence[Sequence[Any]], build: Callable[[np.ndarray], Case]) -> tuple[Case, ...]:
    return tuple(build(np.array(row, dtype=dtype)) for row in rows for dtype in ("float32", "float64"))


def _timing(timing: Timing | None, reference: Reference, arguments: int = 1) -> tuple:
    if timing is None:
        return ()

    def make_case(rng: np.random.Generator) -> Case:
        return Case(tuple(rng.standard_normal(timing.shape) * 3 for _ in range(arguments)))

    def loop_case(rng: np.random.Generator, n: int) -> Case:
        """n rows of at most 4 (the timing shape's other axes): a loop over rows or elements
        runs more lines of Python as n grows (TimingCheck.loop_case)."""
        shape = (n,) + tuple(min(size, 4) for size in timing.shape[1:])
        return Case(tuple(rng.standard_normal(shape) * 3 for _ in range(arguments)))

    return (timed(timing.baseline or reference, make_case, limit=timing.limit, hint=timing.hint,
                  loop_case=loop_case),)


def function(name: str, reference: Reference, cases: st.SearchStrategy[Case], *, points: float = 1,
             argument_names: Sequence[str] = (), names: Sequence[str] = (),
             examples: Sequence[Case] = (), stable_cases: st.SearchStrategy[Case] | None = None,
             stable_examples: Sequence[Case] = (), mistakes: Mapping[str, Reference] = {},
             diagnoses: Sequence[Diagnosis] = (), tolerance: Tolerance | Callable[[Case], Tolerance] | None = None,
             scale: Callable[[Case], float] | None = None, hint: str = "", stable_hint: str = "",
             extra: Sequence[Any] = (), probe: Case | None = None) -> Exercise:
    """The general form: `name(*case.args, **case.kwargs)` must equal `reference` on `cases`
    (and `examples`), keep the input's dtype and leave its inputs alone; stable on
    `stable_cases` when given. `names` names the parts of a tuple result (("loss", "dlogits"));
    `mistakes` are known mistakes as functions like `reference`; `diagnoses` as `Diagnosis`es
    of cases (for mistakes no reference-like function can state). `extra` adds checks of your
    own (e.g. a `TimingCheck`). `probe`: the call that tells an implemented function from the
    stub (default: the first example)."""
    checks = numpy_checks(_expected(reference), cases, stable_cases=stable_cases, examples=tuple(examples),
                          stable_examples=tuple(stable_examples), names=tuple(names),
                          argument_names=tuple(argument_names), diagnoses=_diagnoses(mistakes) + tuple(diagnoses),
                          hint=hint,
                          stable_hint=stable_hint, scale=scale, tolerance=tolerance, extra=tuple(extra))
    return Exercise(name, points, checks, probe=probe or (examples[0] if examples else None))


def _stable_rows(stable: float) -> tuple[tuple[float, ...], ...]:
    far = min(stable, 1000.0)
    return ((-far, 0.0, far),)


def elementwise(name: str, reference: Reference, *, points: float = 1, magnitude: float = 10.0,
                stable: float | None = None, bounded: bool = False, mistakes: Mapping[str, Reference] = {},
                examples: Sequence[Sequence[float]] = ((-2.0, 0.0, 3.5),), hint: str = "",
                stable_hint: str = "", timing: Timing | None = None) -> Exercise:
    """`name(x)`, elementwise, any shape (0-d included), x drawn from [-magnitude, magnitude];
    stable for |x| up to `stable` (with inf-adjacent edge values) when given; `bounded`: the
    output is of size ~1 (sigmoid, tanh), so its absolute tolerance is a few eps."""
    def x_cases(size: float, edges: bool = False) -> st.SearchStrategy[Case]:
        return gs.float_array(size, edges=edges).map(lambda x: Case((x,)))

    one = lambda x: Case((x,))  # noqa: E731
    return function(
        name, reference, x_cases(magnitude), points=points, argument_names=("x",),
        examples=_both_dtypes(examples, one),
        stable_cases=x_cases(stable, edges=True) if stable else None,
        stable_examples=_both_dtypes(_stable_rows(stable), one) if stable else (),
        mistakes=mistakes, tolerance=bounded_tolerance if bounded else None,
        scale=(lambda c: 1.0) if bounded else None, hint=hint, stable_hint=stable_hint,
        extra=_timing(timing, reference))


def reduction(name: str, reference: Reference, *, points: float = 1, magnitude: float = 20.0,
              stable: float | None = None, bounded: bool = False, mistakes: Mapping[str, Reference] = {},
              examples: Sequence[Sequence[Sequence[float]]] = (((1.0, 2.0, 3.0), (-1.0, 0.5, 0.0)),),
              hint: str = "", stable_hint: str = "", timing: Timing | None = None) -> Exercise:
    """`name(x, axis=-1)` along `axis` of an array of 1 to 4 dims; `reference(x, axis)`. Two
    mistakes are known without being declared: the last axis whatever `axis` says, and the
    whole array as one slice."""
    @st.composite
    def x_axis(draw, size: float, edges: bool = False) -> Case:
        x = draw(gs.float_array(size, min_dims=1, max_dims=4, edges=edges))
        axis = draw(st.one_of(st.none(), st.integers(-x.ndim, x.ndim - 1)))
        return Case((x,)) if axis is None else Case((x,), {"axis": axis})

    def call(c: Case) -> tuple:
        return c.args[0], int(c.kwargs.get("axis", -1))

    def last_axis(c: Case) -> np.ndarray:
        x, axis = call(c)
        if axis % x.ndim == x.ndim - 1:
            raise ValueError("the axis is the last one: this mistake gives the truth")
        return n64(reference(t64(x), -1))

    def whole(c: Case) -> np.ndarray:
        x, axis = call(c)
        if all(side == 1 for i, side in enumerate(x.shape) if i != axis % x.ndim):
            raise ValueError("one slice: the whole array is that slice")
        flat = reference(t64(x).reshape(-1), -1)
        return n64(flat.reshape(x.shape)) if flat.numel() == x.size else n64(flat)

    known = (Diagnosis(_("It looks like `{name}` is taken over the last axis whatever `axis` says.").format(
                 name=name), last_axis),
             Diagnosis(_("It looks like `{name}` is taken over the whole array, not along `axis`.").format(
                 name=name), whole))
    rows = [np.array(example, dtype=np.float64) for example in examples]
    cases = [Case((row.astype(dtype),)) for row in rows for dtype in ("float32", "float64")]
    cases += [Case((row,), {"axis": 0}) for row in rows if row.ndim > 1]
    return function(
        name, lambda x, axis=-1: reference(x, axis), x_axis(magnitude), points=points,
        argument_names=("x",), examples=cases,
        stable_cases=x_axis(stable, edges=True) if stable else None,
        stable_examples=_both_dtypes(_stable_rows(stable), lambda x: Case((x,))) if stable else (),
        mistakes=mistakes, diagnoses=known, tolerance=bounded_tolerance if bounded else None,
        scale=(lambda c: 1.0) if bounded else None, hint=hint, stable_hint=stable_hint,
        extra=_timing(timing, lambda x: reference(x, -1)))


def gradient(name: str, forward: Reference, *, points: float = 1, magnitude: float = 10.0,
             stable: float | None = None, slope: float = 1.0, mistakes: Mapping[str, Reference] = {},
             hint: str = "", stable_hint: str = "") -> Exercise:
    """`name(dout, x)`: the backward pass of the elementwise `forward`, dout * forward'(x), the
    truth from autograd in float64. Checked also against central differences of `forward`,
    and the mistake of not multiplying by `dout` is known without being declared. `slope`: the
    forward's largest slope (1 for GELU or ReLU, 0.25 for sigmoid): the result's natural size
    is max|dout| * slope, the scale of its absolute tolerance where x sits in a flat tail."""
    def backward(dout: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
        x = x.detach().requires_grad_(True)
        (grad,) = torch.autograd.grad(forward(x), x, dout)
        return grad

    @st.composite
    def dout_x(draw, size: float, edges: bool = False) -> Case:
        dtype, shape = draw(gs.dtypes()), draw(gs.shapes())
        return Case((draw(gs.arrays(dtype, shape, 3.0)), draw(gs.arrays(dtype, shape, size, edges=edges))))

    def central(c: Case, h: float = 1e-6) -> np.ndarray:
        dout, x = (np.asarray(a, dtype=np.float64) for a in c.args)
        f = lambda v: n64(forward(t64(v)))  # noqa: E731
        return dout * (f(x + h) - f(x - h)) / (2 * h)

    known = {N_("It looks like the upstream gradient `dout` is not multiplied in (chain rule)."):
             lambda dout, x: backward(torch.ones_like(dout), x)}
    examples = (Case((np.array([1.0, -2.0, 0.5], "float32"), np.array([0.0, 1.5, -3.0], "float32"))),
                Case((np.array([0.7], "float64"), np.array([2.0], "float64"))))
    gradient_check = PropertyCheck("gradient", 1.0, AFTER_VALUES, cases=dout_x(min(magnitude, 8.0)),
                                   max_examples=25, judge=matches(central, tolerance=Tolerance(1e-5, 1e-6),
                                                                  scale=lambda c: slope * float(np.max(np.abs(
                                                                      c.args[0]), initial=0.0)),
                                                                  hint=N_("dout times the slope of the forward "
                                                                          "function at x")))
    def natural_size(c: Case) -> float:
        return slope * float(np.max(np.abs(c.args[0]), initial=0.0))

    return function(name, backward, dout_x(magnitude), points=points, argument_names=("dout", "x"), scale=natural_size,
                     examples=examples, stable_cases=dout_x(stable, edges=True) if stable else None,
                     mistakes={**known, **mistakes}, hint=hint, stable_hint=stable_hint, extra=(gradient_check,))


def assignment(assignment_id: str, module: str, title: str, exercises: Sequence[Exercise]) -> Assignment:
    """A numpy assignment of these exercises (only numpy allowed in the student's code)."""
    return Assignment(assignment_id, module, title, "numpy", tuple(exercises), banned=NUMPY_ONLY,
                      allowed_note=NUMPY_NOTE)
