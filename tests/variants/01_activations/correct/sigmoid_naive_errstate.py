"""The textbook 1 / (1 + exp(-x)) inside np.errstate(over='ignore'): exp(-x) = inf for very
negative x gives exactly 0 (the truth is below the smallest normal there) and no warning is
emitted, and for x around -30 the quotient is accurate to the last bits.

expect: full
"""
import numpy as np


def sigmoid(x):
    with np.errstate(over='ignore'):
        return 1.0 / (1.0 + np.exp(-x))
