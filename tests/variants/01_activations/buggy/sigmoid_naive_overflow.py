"""sigmoid: the textbook 1 / (1 + np.exp(-x)): np.exp(-x) overflows for x below about
-88.7 (float32) / -709.8 (float64): an overflow RuntimeWarning (the value still comes out 0).

expect: sigmoid ~ overflow|stab|exp
"""
import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def sigmoid_backward(dout, x):
    # written without calling sigmoid, so only sigmoid loses marks
    z = np.exp(-np.abs(x))
    return dout * z / (1 + z) ** 2

