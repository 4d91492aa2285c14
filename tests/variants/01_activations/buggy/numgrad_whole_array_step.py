"""numerical_gradient: steps the whole array at once (f(x + h) - f(x - h)) / (2h) and puts
that one number in every entry: the directional derivative along (1, ..., 1), not the
gradient (one coordinate at a time).

expect: numerical_gradient ~ coordinate|one at a time|each|mismatch|differ|wrong|expected
"""
import numpy as np


def numerical_gradient(f, x, h=1e-5):
    d = (f(x + h) - f(x - h)) / (2 * h)
    return np.full_like(x, d)
