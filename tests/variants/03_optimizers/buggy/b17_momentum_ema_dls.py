"""Momentum in the deeplearning.ai (Coursera) form: v = beta*v + (1-beta)*dw, w - lr*v, an
exponential average of the gradients. Not the contract's (PyTorch's) velocity
v = mu*v - lr*dw: the (1 - mu) factor shrinks every step.

expect: momentum ~ 1 ?- ?mu|exponential|average
"""

import numpy as np


def momentum(w, dw, state, lr=1e-2, mu=0.9):
    v = state.get("v", np.zeros_like(w))
    v = mu * v + (1 - mu) * dw
    state["v"] = v
    return w - lr * v, state
