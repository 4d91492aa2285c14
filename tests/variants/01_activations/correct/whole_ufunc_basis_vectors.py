"""Whole module of ufunc one-liners (logaddexp sigmoid, log-domain sigmoid', heaviside mask, a float slope array for leaky_relu) and a numerical gradient that never touches x, evaluating f(x + e) and f(x - e) with a basis vector e.

composition: whole
expect: full
"""
import numpy as np


def sigmoid(x):
    return np.exp(-np.logaddexp(np.zeros_like(x), -x))


def sigmoid_backward(dout, x):
    # s * (1 - s) = exp(-x) / (1 + exp(-x))**2 = exp(-|x| - 2*log1p(exp(-|x|)))
    a = np.abs(x)
    return dout * np.exp(-a - 2 * np.log1p(np.exp(-a)))


def relu(x):
    return np.where(x > 0, x, np.zeros((), dtype=x.dtype))


def relu_backward(dout, x):
    return dout * np.heaviside(x, 0).astype(dout.dtype)


def leaky_relu(x, alpha=0.01):
    slope = np.where(x > 0, 1.0, alpha).astype(x.dtype)
    return slope * x


def tanh(x):
    return np.tanh(x)


def numerical_gradient(f, x, h=1e-5):
    grad = np.empty(x.shape, dtype=np.float64)
    for idx in np.ndindex(*x.shape):
        e = np.zeros_like(x)
        e[idx] = h
        grad[idx] = (f(x + e) - f(x - e)) / (2 * h)
    return grad
