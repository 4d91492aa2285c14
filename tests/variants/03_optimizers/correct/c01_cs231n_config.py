"""CS231n-style optimizers: the state dict plays the role of `config`, filled with
setdefault on the first call; Adam increments t before using it (t += 1 first).

expect: full
"""

import numpy as np


def sgd(w, dw, state, lr=1e-2):
    next_w = w - lr * dw
    return next_w, state


def momentum(w, dw, state, lr=1e-2, mu=0.9):
    v = state.setdefault("velocity", np.zeros_like(w))
    v = mu * v - lr * dw
    next_w = w + v
    state["velocity"] = v
    return next_w, state


def adagrad(w, dw, state, lr=1e-2, eps=1e-10):
    cache = state.setdefault("cache", np.zeros_like(w))
    cache = cache + dw ** 2
    next_w = w - lr * dw / (np.sqrt(cache) + eps)
    state["cache"] = cache
    return next_w, state


def rmsprop(w, dw, state, lr=1e-2, alpha=0.99, eps=1e-8):
    cache = state.setdefault("cache", np.zeros_like(w))
    cache = alpha * cache + (1 - alpha) * dw ** 2
    next_w = w - lr * dw / (np.sqrt(cache) + eps)
    state["cache"] = cache
    return next_w, state


def adam(w, dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    state.setdefault("m", np.zeros_like(w))
    state.setdefault("v", np.zeros_like(w))
    state.setdefault("t", 0)

    state["t"] += 1
    t = state["t"]
    state["m"] = beta1 * state["m"] + (1 - beta1) * dw
    state["v"] = beta2 * state["v"] + (1 - beta2) * (dw ** 2)
    mt = state["m"] / (1 - beta1 ** t)
    vt = state["v"] / (1 - beta2 ** t)
    next_w = w - lr * mt / (np.sqrt(vt) + eps)
    return next_w, state
