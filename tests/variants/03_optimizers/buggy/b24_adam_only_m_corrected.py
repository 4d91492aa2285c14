"""Adam that bias-corrects m but divides by the raw sqrt(v): the first steps are about
1/sqrt(1 - beta2) = 31.6 times too large at the default beta2.

expect: adam ~ v_hat|bias.?correct
"""

import numpy as np


def adam(w, dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    t = state.get("t", 0) + 1
    m = beta1 * state.get("m", np.zeros_like(w)) + (1 - beta1) * dw
    v = beta2 * state.get("v", np.zeros_like(w)) + (1 - beta2) * dw ** 2
    state.update(t=t, m=m, v=v)
    m_hat = m / (1 - beta1 ** t)
    return w - lr * m_hat / (np.sqrt(v) + eps), state
