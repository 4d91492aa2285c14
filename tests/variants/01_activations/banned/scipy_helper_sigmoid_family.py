"""A module-level helper wraps scipy.special.expit; sigmoid and sigmoid_backward both go
through it (banned through a helper), the other exercises are plain numpy and keep full marks.

expect: sigmoid = 0 ~ scipy|expit|not allowed|banned|forbidden
expect: sigmoid_backward = 0 ~ scipy|expit|not allowed|banned|forbidden
"""
import numpy as np


def _logistic(x):
    import scipy.special
    return scipy.special.expit(x)


def sigmoid(x):
    return _logistic(x)


def sigmoid_backward(dout, x):
    s = _logistic(x)
    return dout * s * (1 - s)
