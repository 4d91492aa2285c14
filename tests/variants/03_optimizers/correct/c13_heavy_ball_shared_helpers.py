"""Lecture-notes style built on two shared helpers: `_ema(prev, x, beta)` for every running
average (None meaning "start from zeros") and `_scaled_step(w, g, sq, lr, eps)` for every
adaptive step. Momentum is written in Polyak's heavy-ball form w_new = w - lr*dw +
mu*(w - w_prev), keeping the previous weights in state instead of a velocity (equal to
v = mu*v - lr*dw; w + v, since w - w_prev is the last v).

expect: full
"""

import numpy as np


def _ema(prev, x, beta):
    if prev is None:
        prev = np.zeros_like(x)
    return beta * prev + (1 - beta) * x


def _scaled_step(w, g, sq, lr, eps):
    return w - lr * g / (np.sqrt(sq) + eps)


def sgd(w, dw, state, lr=1e-2):
    return _scaled_step(w, dw, np.ones_like(dw), lr, 0.0), state


def momentum(w, dw, state, lr=1e-2, mu=0.9):
    w_prev = state.get("w_prev", w)
    new_w = w - lr * dw + mu * (w - w_prev)
    state["w_prev"] = w
    return new_w, state


def adagrad(w, dw, state, lr=1e-2, eps=1e-10):
    total = state.get("sum_sq", 0) + dw * dw
    state["sum_sq"] = total
    return _scaled_step(w, dw, total, lr, eps), state


def rmsprop(w, dw, state, lr=1e-2, alpha=0.99, eps=1e-8):
    state["sq"] = _ema(state.get("sq"), dw * dw, alpha)
    return _scaled_step(w, dw, state["sq"], lr, eps), state


def adam(w, dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    t = state["t"] = state.get("t", 0) + 1
    state["m"] = _ema(state.get("m"), dw, beta1)
    state["v"] = _ema(state.get("v"), dw * dw, beta2)
    m_hat = state["m"] / (1 - beta1 ** t)
    v_hat = state["v"] / (1 - beta2 ** t)
    return _scaled_step(w, m_hat, v_hat, lr, eps), state
