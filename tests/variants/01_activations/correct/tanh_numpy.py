"""np.tanh is allowed by the contract.

expect: full
"""
import numpy as np


def tanh(x):
    return np.tanh(x)
