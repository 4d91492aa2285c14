"""relu_backward as np.heaviside(x, 0) * dout: the step function's value at exactly 0 is
its second argument, 0 as the contract asks.

expect: full
"""
import numpy as np


def relu_backward(dout, x):
    return np.heaviside(x, 0) * dout
