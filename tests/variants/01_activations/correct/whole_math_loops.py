"""Whole module of plain Python loops over np.ndindex with the math module, written into buffers of the input's dtype (none of these exercises is timing-limited).

composition: whole
expect: full
"""
import math
import numpy as np


def _sig(v):
    if v >= 0:
        return 1.0 / (1.0 + math.exp(-v))
    z = math.exp(v)
    return z / (1.0 + z)


def sigmoid(x):
    x = np.asarray(x)
    out = np.empty_like(x)
    for idx in np.ndindex(x.shape):
        out[idx] = _sig(float(x[idx]))
    return out


def sigmoid_backward(dout, x):
    out = np.empty_like(dout)
    for idx in np.ndindex(x.shape):
        s = _sig(float(x[idx]))
        out[idx] = dout[idx] * s * (1.0 - s)
    return out


def relu(x):
    out = np.empty_like(x)
    for idx in np.ndindex(x.shape):
        out[idx] = x[idx] if x[idx] > 0 else 0.0
    return out


def relu_backward(dout, x):
    out = np.empty_like(dout)
    for idx in np.ndindex(x.shape):
        out[idx] = dout[idx] if x[idx] > 0 else 0.0
    return out


def leaky_relu(x, alpha=0.01):
    out = np.empty_like(x)
    for idx in np.ndindex(x.shape):
        v = x[idx]
        out[idx] = v if v > 0 else alpha * v
    return out


def tanh(x):
    out = np.empty_like(x)
    for idx in np.ndindex(x.shape):
        out[idx] = math.tanh(float(x[idx]))
    return out


def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros(x.shape, dtype=np.float64)
    for idx in np.ndindex(x.shape):
        saved = x[idx].copy()
        x[idx] = saved + h
        fp = f(x)
        x[idx] = saved - h
        fm = f(x)
        x[idx] = saved
        grad[idx] = (fp - fm) / (2.0 * h)
    return grad
