"""AdaGrad whose history is overwritten instead of accumulated: h = dw**2 on every call, so
each step is just lr*sign(dw).

expect: adagrad ~ accumul|sum|histor|state|overwr
"""

import numpy as np


def adagrad(w, dw, state, lr=1e-2, eps=1e-10):
    h = dw * dw
    state["h"] = h
    return w - lr * dw / (np.sqrt(h) + eps), state
