"""The textbook's folded Adam step (Deep Learning from Scratch / the Adam paper's
"efficient version"): lr_t = lr*sqrt(1-b2^t)/(1-b1^t) and w - lr_t*m/(sqrt(v)+eps).
eps is then added to the uncorrected sqrt(v): not PyTorch's update; shows with tiny
gradients or a large eps.

expect: adam ~ eps|bias.?correct|fold|lr_t
"""

import math

import numpy as np


def adam(w, dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    if "m" not in state:
        state["m"] = np.zeros_like(w)
        state["v"] = np.zeros_like(w)
        state["iter"] = 0
    state["iter"] += 1
    lr_t = lr * math.sqrt(1.0 - beta2 ** state["iter"]) / (1.0 - beta1 ** state["iter"])

    m = state["m"] + (1 - beta1) * (dw - state["m"])
    v = state["v"] + (1 - beta2) * (dw ** 2 - state["v"])
    state["m"], state["v"] = m, v
    return w - lr_t * m / (np.sqrt(v) + eps), state
