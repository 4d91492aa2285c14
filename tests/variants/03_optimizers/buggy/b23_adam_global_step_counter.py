"""Adam whose step counter is a module-level global (m and v are in state): a fresh {} does
not restart it, and two optimizers share it.

expect: adam ~ outside|global|fresh
"""

import numpy as np

_t = 0


def adam(w, dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    global _t
    _t += 1
    m = beta1 * state.get("m", np.zeros_like(w)) + (1 - beta1) * dw
    v = beta2 * state.get("v", np.zeros_like(w)) + (1 - beta2) * dw ** 2
    state["m"], state["v"] = m, v
    m_hat = m / (1 - beta1 ** _t)
    v_hat = v / (1 - beta2 ** _t)
    return w - lr * m_hat / (np.sqrt(v_hat) + eps), state
