"""sigmoid: a per-element loop with math.exp over range(len(x)): works for 1-D arrays only;
a 0-d input raises TypeError (len() of unsized object) and a 2-D one hands a whole row to
math.exp (TypeError).

expect: sigmoid ~ 0-d|shape|dimension|scalar|len|type ?error|error|exception|raise
"""
import math

import numpy as np


def sigmoid(x):
    out = np.empty_like(x)
    for i in range(len(x)):
        if x[i] >= 0:
            out[i] = 1 / (1 + math.exp(-x[i]))
        else:
            e = math.exp(x[i])
            out[i] = e / (1 + e)
    return out


def sigmoid_backward(dout, x):
    # written without calling sigmoid, so only sigmoid loses marks
    z = np.exp(-np.abs(x))
    return dout * z / (1 + z) ** 2

