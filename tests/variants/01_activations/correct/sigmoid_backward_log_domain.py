"""Goodfellow's softplus identities in the log domain: sigma'(x) = e^-x / (1 + e^-x)^2, so
log sigma'(x) = -x - 2 * softplus(-x), with softplus(-x) = np.logaddexp(0, -x).

expect: full
"""
import numpy as np


def sigmoid_backward(dout, x):
    return dout * np.exp(-x - 2 * np.logaddexp(0, -x))
