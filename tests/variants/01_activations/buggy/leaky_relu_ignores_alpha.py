"""leaky_relu: the slope 0.01 is hard-coded, the alpha argument is ignored.

expect: leaky_relu ~ alpha|slope|argument
"""
import numpy as np


def leaky_relu(x, alpha=0.01):
    return np.where(x > 0, x, 0.01 * x)
