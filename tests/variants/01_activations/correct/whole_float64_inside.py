"""Whole module that converts every input to float64, computes there, and casts the result back with .astype(x.dtype).

composition: whole
expect: full
"""
import numpy as np


def sigmoid(x):
    x = np.asarray(x)
    x64 = x.astype(np.float64)
    z = np.exp(-np.abs(x64))
    s = np.where(x64 >= 0, 1.0 / (1.0 + z), z / (1.0 + z))
    return s.astype(x.dtype)


def sigmoid_backward(dout, x):
    s = sigmoid(np.asarray(x).astype(np.float64))
    return (dout.astype(np.float64) * s * (1.0 - s)).astype(x.dtype)


def relu(x):
    return np.maximum(x.astype(np.float64), 0.0).astype(x.dtype)


def relu_backward(dout, x):
    mask = x.astype(np.float64) > 0.0
    return (dout.astype(np.float64) * mask).astype(dout.dtype)


def leaky_relu(x, alpha=0.01):
    x64 = x.astype(np.float64)
    return np.where(x64 > 0, x64, np.float64(alpha) * x64).astype(x.dtype)


def tanh(x):
    return np.tanh(x.astype(np.float64)).astype(x.dtype)


def numerical_gradient(f, x, h=1e-5):
    h = np.float64(h)
    grad = np.zeros(x.shape, dtype=np.float64)
    flat_view = x.reshape(-1) if x.flags.c_contiguous else None
    for idx in np.ndindex(x.shape):
        old = np.float64(x[idx])
        x[idx] = old + h
        fp = np.float64(f(x))
        x[idx] = old - h
        fm = np.float64(f(x))
        x[idx] = old
        grad[idx] = (fp - fm) / (2.0 * h)
    return grad
