"""Deep-Learning-from-Scratch layout turned into functions: the history buffers are created
once with np.zeros_like and then updated in place (they belong to the optimizer, not to the
caller), with eps taken from the argument instead of the book's 1e-7. w itself is never
written to.

expect: full
"""

import numpy as np


def sgd(w, dw, state, lr=1e-2):
    return np.subtract(w, np.multiply(lr, dw)), state


def momentum(w, dw, state, lr=1e-2, mu=0.9):
    if "v" not in state:
        state["v"] = np.zeros_like(w)
    v = state["v"]
    v *= mu
    v -= lr * dw
    return w + v, state


def adagrad(w, dw, state, lr=1e-2, eps=1e-10):
    if "h" not in state:
        state["h"] = np.zeros_like(w)
    h = state["h"]
    h += dw * dw
    return w - lr * dw / (np.sqrt(h) + eps), state


def rmsprop(w, dw, state, lr=1e-2, alpha=0.99, eps=1e-8):
    if "h" not in state:
        state["h"] = np.zeros_like(w)
    h = state["h"]
    h *= alpha
    h += (1 - alpha) * np.square(dw)
    return w - lr * dw / (np.sqrt(h) + eps), state


def adam(w, dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    if "m" not in state:
        state["m"] = np.zeros_like(w)
        state["v"] = np.zeros_like(w)
        state["iter"] = 0
    state["iter"] += 1
    m, v, it = state["m"], state["v"], state["iter"]

    m *= beta1
    m += (1 - beta1) * dw
    v *= beta2
    v += (1 - beta2) * np.square(dw)

    m_hat = m / (1 - beta1 ** it)
    v_hat = v / (1 - beta2 ** it)
    return w - lr * m_hat / (np.sqrt(v_hat) + eps), state
