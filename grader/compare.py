"""Comparing a student's numbers with the truth, and saying how they differ.

The truth is computed in float64. A value `got` matches `expected` when

    |got - expected| <= rtol * |expected| + atol * scale

where `scale` is the largest |expected| of the whole result (at least the dtype's smallest
normal number), and values below the dtype's smallest normal number count as zero. The `atol`
term is relative to the result's own size, never a fixed 1e-8: returning 1e-13 where the truth
is 4e-18 in a result of size ~1 is a mismatch in float64, while the rounding error of an
accurate formula (e.g. sigmoid through tanh, exact to ~1e-16 of the output's scale) is not.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from grader.i18n import N_, _, ngettext

#: dtype name -> (rtol, atol relative to the result's scale)
TOLERANCES = {
    "float64": (1e-9, 1e-13),
    "float32": (2e-5, 2e-6),
    "float16": (2e-3, 2e-3),
}


@dataclass(frozen=True)
class Tolerance:
    rtol: float
    atol: float

    @staticmethod
    def for_dtype(dtype: np.dtype | str, scale: float = 1.0) -> "Tolerance":
        """Default tolerances for `dtype`, each multiplied by `scale` (looser for long sums)."""
        rtol, atol = TOLERANCES.get(np.dtype(dtype).name, TOLERANCES["float64"])
        return Tolerance(rtol * scale, atol * scale)

    def describe(self) -> str:
        return _("rtol={rtol}, atol={atol} x the result's largest value").format(rtol=f"{self.rtol:.0e}",
                                                                                atol=f"{self.atol:.0e}")


@dataclass(frozen=True)
class Mismatch:
    """How `got` differs from `expected`; `summary()` is what a student reads."""

    kind: str  # "shape", "nonfinite", "values", "type"
    text: str
    index: tuple = ()
    expected_value: float | None = None
    got_value: float | None = None

    def summary(self) -> str:
        return self.text


#: what a whole result is called in messages (a part is named: `loss`, `the gradient of `x``)
RESULT = N_("the result")


def shown(what: str) -> str:
    """`what` as a message says it: the whole result in the current language, a named part as named."""
    return _(RESULT) if what == RESULT else what


def _flush(array: np.ndarray, dtype: np.dtype) -> np.ndarray:
    tiny = np.finfo(dtype).tiny if np.dtype(dtype).kind == "f" else 0
    return np.where(np.abs(array) < tiny, 0.0, array)


def fmt(value: float) -> str:
    return np.format_float_positional(value, precision=8, unique=True, trim="-") \
        if value == 0 or 1e-4 <= abs(value) < 1e6 else np.format_float_scientific(value, precision=6, unique=True, trim="-")


def compare(expected: np.ndarray, got: object, dtype: np.dtype | str, tolerance: Tolerance | None = None,
            what: str = RESULT, scale_floor: float = 0.0) -> Mismatch | None:
    """None if `got` matches `expected` (float64 truth) at `dtype`'s tolerance, else a Mismatch.

    `scale_floor` is the function's natural output size (1 for sigmoid, |dout|/4 for its
    gradient): the absolute term never shrinks below atol * scale_floor, so a 0-d result far in
    a tail is judged like the same value inside a larger array.
    """
    expected = np.asarray(expected, dtype=np.float64)
    what = shown(what)
    if not isinstance(got, np.ndarray) and not isinstance(got, (float, int, np.generic)):
        return Mismatch("type", _("{what} is a {type}, expected a numpy array").format(what=what, type=type(got).__name__))
    got_array = np.asarray(got)
    if got_array.dtype.kind not in "biuf":
        return Mismatch("type", _("{what} has dtype {dtype}, expected real numbers").format(what=what, dtype=got_array.dtype))
    if got_array.shape != expected.shape:
        return Mismatch("shape", _("{what} has shape {shape}, expected {expected}").format(
            what=what, shape=got_array.shape, expected=expected.shape))
    got_array = got_array.astype(np.float64)
    tolerance = tolerance or Tolerance.for_dtype(dtype)
    finite = np.isfinite(got_array)
    if not finite.all():
        bad = tuple(int(i) for i in np.argwhere(~finite)[0])
        count = int((~finite).sum())
        return Mismatch("nonfinite", ngettext("{what} has {count} non-finite value ({value} at index {index}, "
                                              "expected {expected})",
                                              "{what} has {count} non-finite values ({value} at index {index}, "
                                              "expected {expected})", count).format(
                            what=what, count=count, value=got_array[bad], index=bad, expected=fmt(expected[bad])),
                        bad, float(expected[bad]), float(got_array[bad]))
    exp = _flush(expected, dtype)
    got_flushed = _flush(got_array, dtype)
    if exp.size == 0:
        return None
    # A non-finite expected value (only ever from a diagnosis's simulated bug) matches nothing:
    # left in, NaN would poison the scale and make every comparison pass.
    truth_finite = np.isfinite(exp)
    scale = max(float(np.max(np.abs(exp), where=truth_finite, initial=0.0)), scale_floor,
                float(np.finfo(dtype).tiny) if np.dtype(dtype).kind == "f" else 1.0)
    with np.errstate(invalid="ignore"):
        error = np.where(truth_finite, np.abs(got_flushed - exp), np.inf)
    allowed = np.where(truth_finite, tolerance.rtol * np.abs(exp) + tolerance.atol * scale, 0.0)
    wrong = error > allowed
    if not wrong.any():
        return None
    excess = np.where(wrong, error / np.maximum(allowed, 1e-300), 0)
    worst = tuple(int(i) for i in np.unravel_index(int(np.argmax(excess)), exp.shape))
    count = int(wrong.sum())
    rel = error[worst] / abs(exp[worst]) if exp[worst] != 0 and truth_finite[worst] else float("inf")
    where = _(" at index {index}").format(index=worst) if exp.ndim else ""
    text = ngettext("{count} of {size} value differs: worst{where} expected {expected}, got {got} "
                    "(relative error {error})",
                    "{count} of {size} values differ: worst{where} expected {expected}, got {got} "
                    "(relative error {error})", exp.size).format(
        count=count, size=exp.size, where=where, expected=fmt(exp[worst]), got=fmt(got_flushed[worst]),
        error=fmt(rel) if np.isfinite(rel) else "inf")
    return Mismatch("values", text, worst, float(exp[worst]), float(got_flushed[worst]))

