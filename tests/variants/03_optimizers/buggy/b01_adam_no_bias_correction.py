"""Adam without the bias correction: m and v are used directly, so the first steps are far
too small (m is (1-beta1)*g after step 1).

expect: adam ~ bias.?correct|m_hat|v_hat|1 ?- ?beta
"""

import numpy as np


def adam(w, dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    m = state.get("m", np.zeros_like(w))
    v = state.get("v", np.zeros_like(w))
    m = beta1 * m + (1 - beta1) * dw
    v = beta2 * v + (1 - beta2) * dw ** 2
    state["m"], state["v"] = m, v
    return w - lr * m / (np.sqrt(v) + eps), state
