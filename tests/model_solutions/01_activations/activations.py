"""Model solution for 01_activations (numpy only): activations, their gradients, and a
central-difference numerical gradient.

Each public function is self-contained (shared code lives in private helpers), so a test
variant that replaces one function leaves the others' behaviour and marks untouched."""

import numpy as np


def _sigmoid(x):
    """Stable logistic function: exp is only ever taken of -|x|, so it cannot overflow."""
    x = np.asarray(x)
    z = np.exp(-np.abs(x))  # in (0, 1]
    # x >= 0: 1 / (1 + e^-x);  x < 0: e^x / (1 + e^x)
    return np.where(x >= 0, 1 / (1 + z), z / (1 + z))


def sigmoid(x):
    return _sigmoid(x)


def sigmoid_backward(dout, x):
    s = _sigmoid(x)
    return dout * s * (1 - s)


def relu(x):
    return np.maximum(x, 0)


def relu_backward(dout, x):
    return np.where(x > 0, dout, 0)


def leaky_relu(x, alpha=0.01):
    x = np.asarray(x)
    return np.where(x > 0, x, float(alpha) * x)


def tanh(x):
    return np.tanh(x)


def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        saved = x[idx]
        x[idx] = saved + h
        f_plus = float(f(x))
        x[idx] = saved - h
        f_minus = float(f(x))
        x[idx] = saved  # restore the saved value exactly
        grad[idx] = (f_plus - f_minus) / (2 * h)
    return grad
