"""sigmoid_backward: returns the local derivative s * (1 - s) and forgets to multiply by the
upstream gradient dout.

expect: sigmoid_backward ~ dout|upstream|chain|mismatch|differ|wrong|expected|gradient
"""
import numpy as np


def sigmoid_backward(dout, x):
    s = np.exp(-np.logaddexp(0, -x))
    return s * (1 - s)
