"""Hostile: a numpy.py ships beside the submission (importing it writes SHADOW_NUMPY_WAS_IMPORTED into the current directory and raises ImportError); the worker's numpy is the real one, already loaded, and neither the worker nor the grader may put the submission's directory in front of the real packages, so this complete, correct module keeps full marks everywhere and the marker never appears.

composition: whole
expect: full
absent: SHADOW_NUMPY_WAS_IMPORTED
"""
import numpy as np


def sigmoid(x):
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + z), z / (1 + z))


def sigmoid_backward(dout, x):
    s = sigmoid(x)
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
