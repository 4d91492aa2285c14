"""RMSProp from "Deep Learning from Scratch" with its decay_rate = 0.99 and 1e-7 written into
the formula: the alpha and eps arguments are ignored.

expect: rmsprop ~ alpha.{0,60}(ignor|hard.?cod)
"""

import numpy as np


def rmsprop(w, dw, state, lr=1e-2, alpha=0.99, eps=1e-8):
    if "h" not in state:
        state["h"] = np.zeros_like(w)
    state["h"] = 0.99 * state["h"] + 0.01 * dw * dw
    return w - lr * dw / (np.sqrt(state["h"]) + 1e-7), state
