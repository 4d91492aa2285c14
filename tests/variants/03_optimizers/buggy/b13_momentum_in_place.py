"""Momentum that adds the velocity into the caller's array: w += v (the returned array is
the input itself, modified).

expect: momentum ~ in.?place|modif|mutat|input
"""

import numpy as np


def momentum(w, dw, state, lr=1e-2, mu=0.9):
    v = state.get("v", np.zeros_like(w))
    v = mu * v - lr * dw
    state["v"] = v
    w += v
    return w, state
