"""sigmoid with the input clipped to [-30, 30] "to avoid overflow": no warning, but sigmoid(-40)
comes out 9.4e-14 where the truth is 4.2e-18, far more than rounding at the output's scale.

expect: sigmoid ~ differ|expected|wrong|mismatch
"""
import numpy as np


def sigmoid(x):
    x = np.clip(x, -30, 30)
    return 1.0 / (1.0 + np.exp(-x))
