"""sigmoid calls scipy.special.expit (imported at the top of the file, as students do);
sigmoid_backward is plain numpy and does not call sigmoid, so only sigmoid scores zero.

expect: sigmoid = 0 ~ scipy|expit|not allowed|banned|forbidden
"""
import numpy as np
from scipy.special import expit


def sigmoid(x):
    return expit(x)


def sigmoid_backward(dout, x):
    z = np.exp(-np.abs(x))
    return dout * z / (1 + z) ** 2
