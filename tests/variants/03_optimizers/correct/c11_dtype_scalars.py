"""A student who read the NumPy 2 promotion warning and converts every constant to w's own
scalar type (`dt = w.dtype.type; lr = dt(lr)`), computing the Adam bias corrections as Python
floats first and converting the result, so float32 stays float32 all the way (buffers
included), float64 stays float64. Buffers start with np.zeros(w.shape, dtype=w.dtype).

expect: full
"""

import numpy as np


def sgd(w, dw, state, lr=1e-2):
    dt = w.dtype.type
    return w - dt(lr) * dw, state


def momentum(w, dw, state, lr=1e-2, mu=0.9):
    dt = w.dtype.type
    v = state["v"] if "v" in state else np.zeros(w.shape, dtype=w.dtype)
    v = dt(mu) * v - dt(lr) * dw
    state["v"] = v
    return w + v, state


def adagrad(w, dw, state, lr=1e-2, eps=1e-10):
    dt = w.dtype.type
    h = state["h"] if "h" in state else np.zeros(w.shape, dtype=w.dtype)
    h = h + dw * dw
    state["h"] = h
    return w - dt(lr) * dw / (np.sqrt(h) + dt(eps)), state


def rmsprop(w, dw, state, lr=1e-2, alpha=0.99, eps=1e-8):
    dt = w.dtype.type
    keep, add = dt(alpha), dt(1.0 - alpha)
    h = state["h"] if "h" in state else np.zeros(w.shape, dtype=w.dtype)
    h = keep * h + add * (dw * dw)
    state["h"] = h
    return w - dt(lr) * dw / (np.sqrt(h) + dt(eps)), state


def adam(w, dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    dt = w.dtype.type
    t = state["t"] + 1 if "t" in state else 1
    m = state["m"] if "m" in state else np.zeros(w.shape, dtype=w.dtype)
    v = state["v"] if "v" in state else np.zeros(w.shape, dtype=w.dtype)
    m = dt(beta1) * m + dt(1.0 - beta1) * dw
    v = dt(beta2) * v + dt(1.0 - beta2) * (dw * dw)
    bc1 = dt(1.0 - beta1 ** t)
    bc2 = dt(1.0 - beta2 ** t)
    new_w = w - dt(lr) * (m / bc1) / (np.sqrt(v / bc2) + dt(eps))
    state["t"], state["m"], state["v"] = t, m, v
    return new_w, state
