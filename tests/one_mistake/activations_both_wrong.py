"""sigmoid overflows, and sigmoid_backward, built on it, also forgets to multiply by dout:
with a correct sigmoid in its place it is still wrong, for its own reason."""
import numpy as np


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def sigmoid_backward(dout, x):
    s = sigmoid(x)
    return s * (1 - s)
