"""Adam (torch's folded-correction form, otherwise right) that takes np.sqrt of a Python
float: np.sqrt(1 - beta2**t) is a numpy float64 scalar, and under NumPy 2 a float32 array
divided by it becomes float64.

expect: adam ~ float64|float32|dtype
"""

import numpy as np


def adam(w, dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    t = state.get("t", 0) + 1
    m = beta1 * state.get("m", np.zeros_like(w)) + (1 - beta1) * dw
    v = beta2 * state.get("v", np.zeros_like(w)) + (1 - beta2) * dw * dw
    state["t"], state["m"], state["v"] = t, m, v
    denom = np.sqrt(v) / np.sqrt(1 - beta2 ** t) + eps
    return w - (lr / (1 - beta1 ** t)) * m / denom, state
