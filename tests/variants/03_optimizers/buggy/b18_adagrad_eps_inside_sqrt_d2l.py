"""AdaGrad re-typed from d2l.ai (`p[:] -= lr * p.grad / torch.sqrt(s + eps)`): eps inside the
square root. With the default eps = 1e-10 it shows for gradients below ~1e-5.

expect: adagrad ~ eps.*sqrt|sqrt.*eps
"""

import numpy as np


def adagrad(w, dw, state, lr=1e-2, eps=1e-10):
    s = state.get("s", np.zeros_like(w))
    s = s + np.square(dw)
    state["s"] = s
    return w - lr * dw / np.sqrt(s + eps), state
