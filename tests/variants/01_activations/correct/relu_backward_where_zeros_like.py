"""relu_backward with np.where(x > 0, dout, np.zeros_like(dout)): the zero array has dout's
dtype, so the result keeps it.

expect: full
"""
import numpy as np


def relu_backward(dout, x):
    return np.where(x > 0, dout, np.zeros_like(dout))
