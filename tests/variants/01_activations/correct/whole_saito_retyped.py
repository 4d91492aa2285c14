"""Whole module re-typed from Saito's "Deep Learning from Scratch" (mask = x <= 0 layers, np.nditer numerical gradient restoring tmp_val), with sigmoid made stable through exp(-|x|).

composition: whole
expect: full
"""
import numpy as np


def sigmoid(x):
    # 1 / (1 + np.exp(-x)) overflows, so use exp(-|x|)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


def sigmoid_backward(dout, x):
    y = sigmoid(x)
    return dout * (1.0 - y) * y


def relu(x):
    mask = (x <= 0)
    out = x.copy()
    out[mask] = 0
    return out


def relu_backward(dout, x):
    mask = (x <= 0)
    dout = dout.copy()
    dout[mask] = 0
    dx = dout
    return dx


def leaky_relu(x, alpha=0.01):
    mask = (x <= 0)
    out = x.copy()
    out[mask] *= alpha
    return out


def tanh(x):
    return np.tanh(x)


def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros_like(x)

    it = np.nditer(x, flags=['multi_index'], op_flags=['readwrite'])
    while not it.finished:
        idx = it.multi_index
        tmp_val = x[idx].copy()
        x[idx] = tmp_val + h
        fxh1 = f(x)  # f(x+h)

        x[idx] = tmp_val - h
        fxh2 = f(x)  # f(x-h)
        grad[idx] = (fxh1 - fxh2) / (2 * h)

        x[idx] = tmp_val  # restore
        it.iternext()

    return grad
