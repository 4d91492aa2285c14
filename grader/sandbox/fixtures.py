"""Callables the worker hands to student functions that take a function argument.

`numerical_gradient(f, x)` needs a scalar function `f`; a callable cannot cross the wire, so the
grader names one of these and the worker passes it in. Their exact gradients live on the
grader's side (`grader.exercises.activations.SCALAR_FUNCTIONS`), never here.

Each fixture also counts its calls, so the grader can see how `f` was used.
"""

from __future__ import annotations

from typing import Callable

import numpy as np


def _quadratic(x: np.ndarray) -> float:
    return float(np.sum(x * x))


def _sine_mix(x: np.ndarray) -> float:
    weights = np.arange(1, x.size + 1, dtype=np.float64).reshape(x.shape) / max(x.size, 1)
    return float(np.sum(np.sin(x) * weights))


def _cubic(x: np.ndarray) -> float:
    return float(np.sum(x ** 3) / 3.0 + np.sum(x))


def _logsumexp(x: np.ndarray) -> float:
    if x.size == 0:
        return 0.0
    top = float(np.max(x))
    return top + float(np.log(np.sum(np.exp(x - top))))


def _exp_sum(x: np.ndarray) -> float:
    return float(np.sum(np.exp(0.5 * x)))


SCALAR_FUNCTIONS: dict[str, Callable[[np.ndarray], float]] = {
    "quadratic": _quadratic,
    "sine_mix": _sine_mix,
    "cubic": _cubic,
    "logsumexp": _logsumexp,
    "exp_sum": _exp_sum,
}


#: each fixture as code a student can paste in place of its name (the same function)
AS_CODE: dict[str, str] = {
    "quadratic": "(lambda x: np.sum(x * x))",
    "sine_mix": "(lambda x: np.sum(np.sin(x) * np.arange(1, x.size + 1).reshape(x.shape) / max(x.size, 1)))",
    "cubic": "(lambda x: np.sum(x ** 3) / 3.0 + np.sum(x))",
    "logsumexp": "(lambda x: np.max(x) + np.log(np.sum(np.exp(x - np.max(x)))))",
    "exp_sum": "(lambda x: np.sum(np.exp(0.5 * x)))",
}


class CountingFunction:
    """Wraps a scalar function; `calls` counts how often the student called it."""

    def __init__(self, function: Callable[[np.ndarray], float]) -> None:
        self._function = function
        self.calls = 0

    def __call__(self, x: np.ndarray) -> float:
        self.calls += 1
        return self._function(np.asarray(x, dtype=np.float64))


def make(name: str) -> CountingFunction:
    return CountingFunction(SCALAR_FUNCTIONS[name])
