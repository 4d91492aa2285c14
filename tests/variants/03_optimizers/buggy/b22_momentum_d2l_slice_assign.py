"""Momentum re-typed from d2l.ai's `v[:] = momentum * v + p.grad` into a buffer created once:
slice assignment fails for a 0-d w (`v[:]` needs at least one axis), and the contract allows
any shape, 0-d included.

expect: momentum ~ 0-d|0-dimensional|too many indices|scalar
"""

import numpy as np


def momentum(w, dw, state, lr=1e-2, mu=0.9):
    if "v" not in state:
        state["v"] = np.zeros_like(w)
    v = state["v"]
    v[:] = mu * v - lr * dw
    return w + v, state
