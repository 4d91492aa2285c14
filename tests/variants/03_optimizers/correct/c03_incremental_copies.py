"""Incremental (lerp) forms: m += (1-b1)*(g-m), h += (1-alpha)*(g*g-h), always on copies so
neither the caller's arrays nor the previous state's arrays are written to; w is copied once
and then updated in place (the copy is ours).

expect: full
"""

import numpy as np


def sgd(w, dw, state, lr=1e-2):
    new_w = w.copy()
    new_w -= lr * dw
    return new_w, state


def momentum(w, dw, state, lr=1e-2, mu=0.9):
    if "v" in state:
        v = state["v"].copy()
    else:
        v = np.zeros_like(w)
    v *= mu
    v -= lr * dw
    state["v"] = v
    new_w = np.array(w, copy=True)
    new_w += v
    return new_w, state


def adagrad(w, dw, state, lr=1e-2, eps=1e-10):
    h = np.copy(state["h"]) if "h" in state else np.zeros_like(dw)
    h += dw * dw
    state["h"] = h
    new_w = w.copy()
    new_w -= lr * dw / (np.sqrt(h) + eps)
    return new_w, state


def rmsprop(w, dw, state, lr=1e-2, alpha=0.99, eps=1e-8):
    h = state["h"].copy() if "h" in state else np.zeros_like(w)
    h += (1 - alpha) * (dw * dw - h)
    state["h"] = h
    return w - lr * dw / (np.sqrt(h) + eps), state


def adam(w, dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    if not state:
        state["m"] = np.zeros_like(w)
        state["v"] = np.zeros_like(w)
        state["iter"] = 0
    m = state["m"].copy()
    v = state["v"].copy()
    state["iter"] += 1
    it = state["iter"]

    m += (1 - beta1) * (dw - m)
    v += (1 - beta2) * (dw ** 2 - v)
    state["m"], state["v"] = m, v

    m_hat = m / (1 - beta1 ** it)
    v_hat = v / (1 - beta2 ** it)
    new_w = w.copy()
    new_w -= lr * m_hat / (np.sqrt(v_hat) + eps)
    return new_w, state
