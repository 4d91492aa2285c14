"""Deep Learning from Scratch's Relu layer as a function: mask = (x <= 0), copy dout, and
zero the masked entries of the copy with np.putmask (only the copy is written).

expect: full
"""
import numpy as np


def relu_backward(dout, x):
    mask = x <= 0
    dx = np.array(dout, copy=True)
    np.putmask(dx, mask, 0)
    return dx
