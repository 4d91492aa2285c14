"""Adam that bias-corrects with the step count before incrementing it (t starts at 0 and
`t += 1` comes at the end): 1 - beta**0 = 0 on the first call, a division by zero.

expect: adam ~ t ?= ?0|increment|step count|before
"""

import numpy as np


def adam(w, dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    t = state.get("t", 0)
    m = beta1 * state.get("m", np.zeros_like(w)) + (1 - beta1) * dw
    v = beta2 * state.get("v", np.zeros_like(w)) + (1 - beta2) * dw ** 2
    m_hat = m / (1 - beta1 ** t)
    v_hat = v / (1 - beta2 ** t)
    new_w = w - lr * m_hat / (np.sqrt(v_hat) + eps)
    state["m"], state["v"], state["t"] = m, v, t + 1
    return new_w, state
