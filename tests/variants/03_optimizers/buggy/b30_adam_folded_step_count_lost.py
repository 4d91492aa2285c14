"""Keras-style folded Adam step, lr_t = lr*sqrt(1-beta2^t)/(1-beta1^t), whose step counter
is read from state but never written back: t is 1 on every call. At t = 1 with beta1 = 0.5
and beta2 = 0.75 the folded factor sqrt(1-beta2)/(1-beta1) is exactly 1, so every step of the
first example equals Adam WITHOUT any bias correction; the grader used to name that mistake,
which this code does not make (it corrects, with a stale t, and adds eps to the raw sqrt(v)).
No known mistake explains it on further trajectories: no cause is named.

expect: adam.matches_reference ~ wrong result at step
"""

import math

import numpy as np


def adam(w, dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    m = state.get("m", np.zeros_like(w))
    v = state.get("v", np.zeros_like(w))
    t = state.get("t", 0) + 1
    m = beta1 * m + (1 - beta1) * dw
    v = beta2 * v + (1 - beta2) * dw ** 2
    state["m"], state["v"] = m, v
    lr_t = lr * math.sqrt(1 - beta2 ** t) / (1 - beta1 ** t)
    return w - lr_t * m / (np.sqrt(v) + eps), state
