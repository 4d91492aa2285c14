"""Momentum with the book's momentum=0.9 typed in as a constant: the mu argument is ignored.

expect: momentum ~ mu.{0,60}(ignor|hard.?cod)
"""

import numpy as np


def momentum(w, dw, state, lr=1e-2, mu=0.9):
    v = state.get("v", np.zeros_like(w))
    v = 0.9 * v - lr * dw
    state["v"] = v
    return w + v, state
