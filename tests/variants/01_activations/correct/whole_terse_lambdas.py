"""Whole module of module-level lambdas (tanh = np.tanh, sigmoid' as sigmoid(x) * sigmoid(-x)) plus a one-line-per-step numerical gradient.

composition: whole
expect: full
"""
import numpy as np

sigmoid = lambda x: np.exp(np.minimum(x, 0)) / (1 + np.exp(-np.abs(x)))
sigmoid_backward = lambda dout, x: dout * sigmoid(x) * sigmoid(-x)
relu = lambda x: np.maximum(x, 0)
relu_backward = lambda dout, x: np.where(x > 0, dout, 0).astype(dout.dtype)
leaky_relu = lambda x, alpha=0.01: np.where(x > 0, x, x * alpha)
tanh = np.tanh


def numerical_gradient(f, x, h=1e-5):
    g = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        v = x[i].copy(); x[i] = v + h; a = f(x); x[i] = v - h; b = f(x); x[i] = v
        g[i] = (a - b) / (2 * h)
    return g
