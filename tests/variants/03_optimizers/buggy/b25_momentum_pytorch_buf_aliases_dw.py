"""Momentum in PyTorch's buffer form that stores the caller's gradient itself as the first
buffer (`buf = dw`, no clone, unlike torch's `torch.clone(grad)`) and then updates the buffer
in place: the next call writes into the gradient array handed in on the previous call.

expect: momentum ~ in.?place|modif|mutat|input
"""

import numpy as np


def momentum(w, dw, state, lr=1e-2, mu=0.9):
    if "buf" not in state:
        state["buf"] = dw
    else:
        state["buf"] *= mu
        state["buf"] += dw
    return w - lr * state["buf"], state
