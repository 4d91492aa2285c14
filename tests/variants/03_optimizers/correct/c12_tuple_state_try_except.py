"""State packed as one tuple per optimizer (`state["adam"] = (t, m, v)`), read back with
try/except KeyError on the first call; buffers created with np.full_like(w, 0) and
np.zeros(w.shape, w.dtype); ** and np.divide instead of / ; Adam's moments updated in the
"lerp" form m = m + (1 - b1)*(g - m) without touching the stored arrays. The same dict is
mutated and returned.

expect: full
"""

import numpy as np


def sgd(w, dw, state, lr=1e-2):
    return np.add(w, -lr * dw), state


def momentum(w, dw, state, lr=1e-2, mu=0.9):
    try:
        (v,) = state["momentum"]
    except KeyError:
        v = np.full_like(w, 0)
    v = mu * v - lr * dw
    state["momentum"] = (v,)
    return w + v, state


def adagrad(w, dw, state, lr=1e-2, eps=1e-10):
    try:
        (cache,) = state["adagrad"]
    except KeyError:
        cache = np.zeros(w.shape, w.dtype)
    cache = cache + dw ** 2
    state["adagrad"] = (cache,)
    return w - lr * np.divide(dw, np.sqrt(cache) + eps), state


def rmsprop(w, dw, state, lr=1e-2, alpha=0.99, eps=1e-8):
    try:
        (cache,) = state["rmsprop"]
    except KeyError:
        cache = np.zeros(w.shape, w.dtype)
    cache = cache + (1 - alpha) * (dw ** 2 - cache)
    state["rmsprop"] = (cache,)
    return w - lr * np.divide(dw, np.sqrt(cache) + eps), state


def adam(w, dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    try:
        t, m, v = state["adam"]
    except KeyError:
        t, m, v = 0, np.full_like(w, 0), np.full_like(w, 0)
    t += 1
    m = m + (1 - beta1) * (dw - m)
    v = v + (1 - beta2) * (dw ** 2 - v)
    state["adam"] = (t, m, v)
    m_hat = np.divide(m, 1 - beta1 ** t)
    v_hat = np.divide(v, 1 - beta2 ** t)
    return w - lr * np.divide(m_hat, np.sqrt(v_hat) + eps), state
