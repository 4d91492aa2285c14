"""relu: x[x < 0] = 0 on the argument itself: the values are right but the caller's array
is modified in place.

expect: relu ~ in.?place|modif|mutat|input|unchanged|overwr
"""
import numpy as np


def relu(x):
    x[x < 0] = 0
    return x


def relu_backward(dout, x):
    # written without calling relu, so only relu loses marks
    return dout * (x > 0)


def leaky_relu(x, alpha=0.01):
    return np.where(x > 0, x, alpha * x)

