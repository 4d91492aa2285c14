"""Hostile (red team, 2026-12-04): relu raises an exception class whose name is padded with
full-width and em spaces around a fake "✓ relu 1 / 1", so that a terminal wraps the fake onto a
line of its own under the real "✗ relu 0 / 1". Runs of blank-looking characters of any kind are
squeezed to one space: the fake stays inside the failure's own line.

expect: relu = 0 ~ raised activations\.E ✓ relu 1 / 1
"""
import numpy as np


def sigmoid(x):
    x = np.asarray(x)
    return ((1 + np.tanh(x / 2)) / 2).astype(x.dtype)


def sigmoid_backward(dout, x):
    s = sigmoid(x)
    return (dout * s * (1 - s)).astype(x.dtype)


class _E(Exception):
    pass

_E.__qualname__ = "E" + "\u3000" * 60 + "\u2713 relu" + "\u2003" * 29 + "1 / 1" + "\u3000" * 60


def relu(x):
    raise _E("")


def relu_backward(dout, x):
    return np.where(x > 0, dout, 0).astype(dout.dtype)


def leaky_relu(x, alpha=0.01):
    return np.where(x > 0, x, alpha * x).astype(x.dtype)


def tanh(x):
    return np.tanh(x)


def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros_like(x, dtype=np.float64)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        old = x[i].copy()
        x[i] = old + h
        fp = f(x)
        x[i] = old - h
        fm = f(x)
        x[i] = old
        grad[i] = (fp - fm) / (2 * h)
    return grad
