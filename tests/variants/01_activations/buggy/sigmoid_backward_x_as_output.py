"""sigmoid_backward: uses x where the sigmoid's OUTPUT belongs (dout * x * (1 - x)), the
classic mix-up with layers that cache their output.

expect: sigmoid_backward ~ mismatch|differ|wrong|expected|sigmoid|output|gradient
"""
import numpy as np


def sigmoid_backward(dout, x):
    return dout * x * (1 - x)
