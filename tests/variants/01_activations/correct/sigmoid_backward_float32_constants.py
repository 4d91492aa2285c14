"""Written with float32 in mind: every constant is made in x's dtype (x.dtype.type(1)) so
nothing upcasts, the forward is the stable two-branch sigmoid, the derivative s * (1 - s).

expect: full
"""
import numpy as np


def sigmoid_backward(dout, x):
    one = x.dtype.type(1)
    z = np.exp(-np.abs(x))
    s = np.where(x >= 0, one / (one + z), z / (one + z))
    grad = s * (one - s)
    return (dout * grad).astype(x.dtype, copy=False)
