"""AdaGrad whose accumulator starts as np.zeros(w.shape) (float64): a float32 w comes back
float64.

expect: adagrad ~ float64|float32|dtype
"""

import numpy as np


def adagrad(w, dw, state, lr=1e-2, eps=1e-10):
    h = state.get("h", np.zeros(w.shape))
    h += dw * dw
    state["h"] = h
    return w - lr * dw / (np.sqrt(h) + eps), state
