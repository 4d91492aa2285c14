"""sigmoid(x) = exp(min(x, 0)) / (1 + exp(-|x|)): numerator and denominator never
overflow. The backward writes 1 - sigmoid(x) as sigmoid(-x) (no cancellation).

expect: full
"""
import numpy as np


def sigmoid(x):
    return np.exp(np.minimum(x, 0)) / (1 + np.exp(-np.abs(x)))


def sigmoid_backward(dout, x):
    return dout * sigmoid(x) * sigmoid(-x)
