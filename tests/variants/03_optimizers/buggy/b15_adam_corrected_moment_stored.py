"""Adam that bias-corrects m and v in place and stores the corrected moments: the next
step starts from m_hat instead of m.

expect: adam ~ state|bias.?correct|m_hat|moment
"""

import numpy as np


def adam(w, dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    t = state.get("t", 0) + 1
    m = beta1 * state.get("m", np.zeros_like(w)) + (1 - beta1) * dw
    v = beta2 * state.get("v", np.zeros_like(w)) + (1 - beta2) * (dw ** 2)
    m /= 1 - beta1 ** t
    v /= 1 - beta2 ** t
    state["t"], state["m"], state["v"] = t, m, v
    return w - lr * m / (np.sqrt(v) + eps), state
