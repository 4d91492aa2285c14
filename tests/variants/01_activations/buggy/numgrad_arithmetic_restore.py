"""numerical_gradient: undoes the step arithmetically (x += h; x -= 2h; x += h): in floating
point (v + h) - 2h + h is often not v, so x is left off by an ulp in many entries.

expect: numerical_gradient ~ restor|exact|old value|unchanged|modif|saved
"""
import numpy as np


def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros_like(x)
    for i in range(x.size):
        x.flat[i] += h
        fp = f(x)
        x.flat[i] -= 2 * h
        fm = f(x)
        x.flat[i] += h
        grad.flat[i] = (fp - fm) / (2 * h)
    return grad
