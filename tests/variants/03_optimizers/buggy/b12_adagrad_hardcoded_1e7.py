"""AdaGrad from Deep Learning from Scratch: 1e-7 hard-coded where the eps argument
belongs.

expect: adagrad ~ eps|1e-7|hard.?cod|ignor
"""

import numpy as np


def adagrad(w, dw, state, lr=1e-2, eps=1e-10):
    if "h" not in state:
        state["h"] = np.zeros_like(w)
    state["h"] = state["h"] + dw * dw
    return w - lr * dw / (np.sqrt(state["h"]) + 1e-7), state
