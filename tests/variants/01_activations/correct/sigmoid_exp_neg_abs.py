"""Branch-free stable sigmoid through z = exp(-|x|) (never overflows): both np.where
branches are safe to evaluate. The backward uses sigma' = z / (1 + z)**2, which is
exact in the tails (no 1 - s cancellation).

expect: full
"""
import numpy as np


def sigmoid(x):
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + z), z / (1 + z))


def sigmoid_backward(dout, x):
    z = np.exp(-np.abs(x))
    return dout * z / (1 + z) ** 2
