"""RMSProp that reads h from state but never writes the new h back (the `state["h"] = h` line
is missing): every call starts from h = 0 again.

expect: rmsprop ~ carried|state|keep
"""

import numpy as np


def rmsprop(w, dw, state, lr=1e-2, alpha=0.99, eps=1e-8):
    h = state.get("h", np.zeros_like(w))
    h = alpha * h + (1 - alpha) * dw ** 2
    return w - lr * dw / (np.sqrt(h) + eps), state
