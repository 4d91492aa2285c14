"""relu via np.clip(x, 0, None); backward through np.heaviside(x, 0), whose second
argument is the value at exactly 0 (the contract's 0).

expect: full
"""
import numpy as np


def relu(x):
    return np.clip(x, 0, None)


def relu_backward(dout, x):
    return dout * np.heaviside(x, 0)
