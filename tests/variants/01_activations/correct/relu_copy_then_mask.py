"""Deep Learning from Scratch style: copy, then zero the masked entries of the copy
(in-place assignments on a copy are fine; the inputs stay untouched).

expect: full
"""
import numpy as np


def relu(x):
    out = x.copy()
    out[out < 0] = 0
    return out


def relu_backward(dout, x):
    dx = dout.copy()
    dx[x <= 0] = 0
    return dx
