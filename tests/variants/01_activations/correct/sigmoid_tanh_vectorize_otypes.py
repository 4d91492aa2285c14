"""Scalar math-module functions lifted with np.vectorize(..., otypes=[x.dtype]), so the result
keeps float32 (without otypes np.vectorize would return float64).

expect: full
"""
import math

import numpy as np


def sigmoid(x):
    x = np.asarray(x)
    f = np.vectorize(lambda v: 1 / (1 + math.exp(-v)) if v >= 0 else math.exp(v) / (1 + math.exp(v)),
                     otypes=[x.dtype])
    return f(x)


def tanh(x):
    return np.vectorize(math.tanh, otypes=[x.dtype])(x)
