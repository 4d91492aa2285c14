"""leaky_relu as np.maximum(alpha * x, x): correct because 0 <= alpha < 1 (alpha * x > x
exactly when x < 0). alpha is a Python float, so float32 stays float32.

expect: full
"""
import numpy as np


def leaky_relu(x, alpha=0.01):
    return np.maximum(alpha * x, x)
