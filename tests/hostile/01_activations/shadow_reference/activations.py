"""Hostile: a package named reference/ ships beside the submission (importing it writes SHADOW_REFERENCE_WAS_IMPORTED), whose activations.sigmoid returns the same wrong values as this module's sigmoid (0.5 + x/4); the grader must load its reference from its own installation, never from a path the student controls, so sigmoid still loses marks on the mismatch, the other (correct) exercises keep full marks, and the marker never appears.

composition: whole
expect: sigmoid ~ mismatch|expected|match|differ|wrong
absent: SHADOW_REFERENCE_WAS_IMPORTED
"""
import numpy as np


def sigmoid(x):
    return 0.5 + x / 4  # wrong on purpose; the shadow reference agrees with it


def sigmoid_backward(dout, x):
    z = np.exp(-np.abs(x))
    s = np.where(x >= 0, 1 / (1 + z), z / (1 + z))
    return dout * s * (1 - s)


def relu(x):
    return np.maximum(x, 0)


def relu_backward(dout, x):
    return np.where(x > 0, dout, 0)


def leaky_relu(x, alpha=0.01):
    return np.where(x > 0, x, x * alpha).astype(np.asarray(x).dtype, copy=False)


def tanh(x):
    return np.tanh(x)


def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros(x.shape, dtype=np.float64)
    for index in np.ndindex(x.shape):
        saved = x[index]
        x[index] = saved + h
        f_plus = f(x)
        x[index] = saved - h
        f_minus = f(x)
        x[index] = saved
        grad[index] = (f_plus - f_minus) / (2 * h)
    return grad
