"""Adam that keeps m and v in state but not the step counter: t is 1 on every call, so the
bias correction of step 1 is applied forever.

expect: adam ~ state|step|count|bias.?correct|reset
"""

import numpy as np


def adam(w, dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    t = 0
    m = state.get("m", np.zeros_like(w))
    v = state.get("v", np.zeros_like(w))
    t += 1
    m = beta1 * m + (1 - beta1) * dw
    v = beta2 * v + (1 - beta2) * dw ** 2
    state["m"] = m
    state["v"] = v
    m_hat = m / (1 - beta1 ** t)
    v_hat = v / (1 - beta2 ** t)
    return w - lr * m_hat / (np.sqrt(v_hat) + eps), state
