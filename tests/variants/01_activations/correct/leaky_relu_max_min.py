"""leaky_relu = max(x, 0) + alpha * min(x, 0).

expect: full
"""
import numpy as np


def leaky_relu(x, alpha=0.01):
    return np.maximum(x, 0) + alpha * np.minimum(x, 0)
