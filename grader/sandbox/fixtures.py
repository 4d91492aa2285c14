"""Callables the worker hands to student functions that take a function argument.

`numerical_gradient(f, x)` needs a scalar function `f`; a callable cannot cross the wire, so the
grader names one of these and the worker passes it in. Their exact gradients live on the
grader's side (`grader.exercises.activations.SCALAR_FUNCTIONS`), never here.

Each fixture also counts its calls, so the grader can see how `f` was used.
"""

from __future__ import annotations

from typing import Callable

import numpy as np


#: each scalar function as code a student can paste in place of its name. The fixtures below are
#: made from this very text, so a pasted call behaves exactly as the graded one did: the same
#: arithmetic and the same result type: np.float64, what `np.sum` gives and what students' own
#: test functions return (a Python float would make `f(x).item()` or `f(x).astype(...)` in a
#: student's code fail when graded and work when pasted)
AS_CODE: dict[str, str] = {
    "quadratic": "(lambda x: np.sum(x * x))",
    "sine_mix": "(lambda x: np.sum(np.sin(x) * np.arange(1, x.size + 1).reshape(x.shape) / max(x.size, 1)))",
    "cubic": "(lambda x: np.sum(x ** 3) / 3.0 + np.sum(x))",
    "logsumexp": "(lambda x: np.max(x) + np.log(np.sum(np.exp(x - np.max(x)))))",
    "exp_sum": "(lambda x: np.sum(np.exp(0.5 * x)))",
    # a fast wiggle (slope ~1, third derivative ~1e6): its central difference depends on the
    # step at 1e-5 (error h^2 * 1e6 / 6), so a default step other than the contract's shows
    "wiggle": "(lambda x: np.sum(np.sin(1000.0 * x)) / 1000.0)",
}

SCALAR_FUNCTIONS: dict[str, Callable[[np.ndarray], np.float64]] = {
    name: eval(code, {"np": np}) for name, code in AS_CODE.items()  # noqa: S307 - our own constant text
}


class CountingFunction:
    """Wraps a scalar function; `calls` counts how often the student called it."""

    def __init__(self, function: Callable[[np.ndarray], np.float64]) -> None:
        self._function = function
        self.calls = 0

    def __call__(self, x: np.ndarray) -> np.float64:
        """The function on exactly what the student passes (no conversion the pasted lambda
        would not make either)."""
        self.calls += 1
        return self._function(x)


def make(name: str) -> CountingFunction:
    return CountingFunction(SCALAR_FUNCTIONS[name])
