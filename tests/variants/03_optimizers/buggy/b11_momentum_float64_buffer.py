"""Momentum whose velocity buffer is created with np.zeros(w.shape): float64 by default,
so a float32 w comes back float64.

expect: momentum ~ float64|float32|dtype
"""

import numpy as np


def momentum(w, dw, state, lr=1e-2, mu=0.9):
    if "v" not in state:
        state["v"] = np.zeros(w.shape)
    state["v"] = mu * state["v"] - lr * dw
    return w + state["v"], state
