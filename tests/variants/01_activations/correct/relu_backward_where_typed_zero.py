"""relu_backward with np.where and a zero scalar of dout's own dtype (dout.dtype.type(0)).

expect: full
"""
import numpy as np


def relu_backward(dout, x):
    return np.where(x > 0, dout, dout.dtype.type(0))
