"""RMSProp with eps inside the square root: sqrt(h + eps) instead of sqrt(h) + eps.

expect: rmsprop ~ eps|sqrt
"""

import numpy as np


def rmsprop(w, dw, state, lr=1e-2, alpha=0.99, eps=1e-8):
    h = alpha * state.get("h", np.zeros_like(w)) + (1 - alpha) * dw * dw
    state["h"] = h
    return w - lr * dw / np.sqrt(h + eps), state
