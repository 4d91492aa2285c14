"""Momentum with the gradient added instead of subtracted: the weights climb the loss.

expect: momentum ~ sign|direction|ascen|opposite
"""

import numpy as np


def momentum(w, dw, state, lr=1e-2, mu=0.9):
    v = state.get("v", np.zeros_like(w))
    v = mu * v + lr * dw
    state["v"] = v
    return w + v, state
