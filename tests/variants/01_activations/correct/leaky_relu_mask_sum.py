"""leaky_relu as the sum of two masked parts.

expect: full
"""
import numpy as np


def leaky_relu(x, alpha=0.01):
    return x * (x > 0) + alpha * x * (x <= 0)
