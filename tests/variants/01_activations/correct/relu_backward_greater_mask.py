"""relu_backward as dout * np.greater(x, 0): a boolean mask times dout keeps dout's dtype.

expect: full
"""
import numpy as np


def relu_backward(dout, x):
    return dout * np.greater(x, 0)
