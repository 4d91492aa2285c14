"""leaky_relu with np.where.

expect: full
"""
import numpy as np


def leaky_relu(x, alpha=0.01):
    return np.where(x > 0, x, alpha * x)
