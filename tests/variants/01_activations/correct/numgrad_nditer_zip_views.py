"""np.nditer over x (readwrite) and grad (writeonly) together: each step writes through the
0-d view xi[...] and puts back a copy of the saved value.

expect: full
"""
import numpy as np


def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros(x.shape)
    with np.nditer([x, grad], flags=['multi_index'], op_flags=[['readwrite'], ['writeonly']]) as it:
        for xi, gi in it:
            old = xi.copy()
            xi[...] = old + h
            fp = f(x)
            xi[...] = old - h
            fm = f(x)
            xi[...] = old
            gi[...] = (fp - fm) / (2 * h)
    return grad
