"""tanh: np.sinh(x) / np.cosh(x) without a guard: both overflow to inf for large |x|,
inf/inf = nan.

expect: tanh ~ overflow|nan|invalid|inf|finite|stab
"""
import numpy as np


def tanh(x):
    return np.sinh(x) / np.cosh(x)
