"""sigmoid: the common "clip to avoid overflow" fix with the bound tuned for float64:
np.exp(500) still overflows in float32 (largest exponent ~88.7), and clipping at -500 is also
wrong for x < -500 in float64 (sigmoid(-600) = 2.6e-261, not sigmoid(-500)).

expect: sigmoid ~ overflow|float32|stab|clip|mismatch|differ|wrong
"""
import numpy as np


def sigmoid(x):
    x = np.clip(x, -500, 500)
    return 1 / (1 + np.exp(-x))


def sigmoid_backward(dout, x):
    # written without calling sigmoid, so only sigmoid loses marks
    z = np.exp(-np.abs(x))
    return dout * z / (1 + z) ** 2

