"""Model solution for 03_optimizers (numpy only): one pure update step per call.

Each function returns ``(w_new, state)``; ``w`` and ``dw`` are never modified, and everything
carried between steps lives in ``state`` (the dict the caller hands back next time)."""

import numpy as np


def sgd(w, dw, state, lr=1e-2):
    return w - float(lr) * dw, state


def momentum(w, dw, state, lr=1e-2, mu=0.9):
    v = state.get("v", np.zeros_like(w))
    v = float(mu) * v - float(lr) * dw
    state["v"] = v
    return w + v, state


def adagrad(w, dw, state, lr=1e-2, eps=1e-10):
    h = state.get("h", np.zeros_like(w)) + dw * dw
    state["h"] = h
    return w - float(lr) * dw / (np.sqrt(h) + float(eps)), state


def rmsprop(w, dw, state, lr=1e-2, alpha=0.99, eps=1e-8):
    alpha = float(alpha)
    h = alpha * state.get("h", np.zeros_like(w)) + (1 - alpha) * (dw * dw)
    state["h"] = h
    return w - float(lr) * dw / (np.sqrt(h) + float(eps)), state


def adam(w, dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    beta1, beta2 = float(beta1), float(beta2)
    t = state.get("t", 0) + 1
    m = beta1 * state.get("m", np.zeros_like(w)) + (1 - beta1) * dw
    v = beta2 * state.get("v", np.zeros_like(w)) + (1 - beta2) * (dw * dw)
    state["t"], state["m"], state["v"] = t, m, v
    m_hat = m / (1 - beta1**t)
    v_hat = v / (1 - beta2**t)
    return w - float(lr) * m_hat / (np.sqrt(v_hat) + float(eps)), state
