"""relu_backward: mask x >= 0, so the gradient at exactly x = 0 is dout instead of 0.

expect: relu_backward ~ exactly 0|at 0|at zero|x ?== ?0|x ?>=? ?0|>=|tie|zero
"""
import numpy as np


def relu_backward(dout, x):
    return dout * (x >= 0)
