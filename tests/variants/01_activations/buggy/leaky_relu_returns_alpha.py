"""leaky_relu: np.where(x > 0, x, alpha): returns the constant alpha for negative x instead
of alpha * x.

expect: leaky_relu ~ alpha|negative|mismatch|differ|wrong|expected
"""
import numpy as np


def leaky_relu(x, alpha=0.01):
    return np.where(x > 0, x, alpha)
