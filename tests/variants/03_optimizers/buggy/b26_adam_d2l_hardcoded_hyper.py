"""Adam re-typed from d2l.ai, which fixes its hyperparameters inside the function
(`beta1, beta2, eps = 0.9, 0.999, 1e-6`): the beta1, beta2 and eps arguments are ignored.

expect: adam ~ beta.{0,60}(ignor|hard.?cod)
"""

import numpy as np


def adam(w, dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    beta1, beta2, eps = 0.9, 0.999, 1e-6
    t = state.get("t", 1)
    v, s = state.get("states", (np.zeros_like(w), np.zeros_like(w)))
    v = beta1 * v + (1 - beta1) * dw
    s = beta2 * s + (1 - beta2) * np.square(dw)
    v_bias_corr = v / (1 - beta1 ** t)
    s_bias_corr = s / (1 - beta2 ** t)
    new_w = w - lr * v_bias_corr / (np.sqrt(s_bias_corr) + eps)
    state["states"], state["t"] = (v, s), t + 1
    return new_w, state
