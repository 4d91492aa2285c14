"""sigmoid: 0.5 * (1 + tanh(x / 2)). Stable (no warnings) but 1 + tanh(x/2) cancels for
negative x: sigmoid(-40) = 4.2e-18 comes out exactly 0 in float64, sigmoid(-30) has a relative
error near 1e-3, and in float32 the result is 0 from about x = -17 on (truth 4e-8).
The contract judges values relative to their own size (a 0 for 4e-18 is a mismatch).

expect: sigmoid ~ relative|precision|small|tiny|cancel|mismatch|differ|wrong|expected
"""
import numpy as np


def sigmoid(x):
    return 0.5 * (1 + np.tanh(0.5 * x))


def sigmoid_backward(dout, x):
    # written without calling sigmoid, so only sigmoid loses marks
    z = np.exp(-np.abs(x))
    return dout * z / (1 + z) ** 2

