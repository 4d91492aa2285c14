"""RMSProp with the decay factors swapped: h = (1-alpha)*h + alpha*dw**2, so the average
forgets almost everything at alpha = 0.99.

expect: rmsprop ~ alpha|decay|swap|average
"""

import numpy as np


def rmsprop(w, dw, state, lr=1e-2, alpha=0.99, eps=1e-8):
    h = state.get("h", np.zeros_like(w))
    h = (1 - alpha) * h + alpha * dw ** 2
    state["h"] = h
    return w - lr * dw / (np.sqrt(h) + eps), state
