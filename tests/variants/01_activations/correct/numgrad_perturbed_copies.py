"""Never touches x at all: evaluates f on perturbed copies (x stays exactly as it was).

expect: full
"""
import numpy as np


def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros_like(x, dtype=float)
    for i in range(x.size):
        idx = np.unravel_index(i, x.shape)
        x_plus = x.copy()
        x_minus = x.copy()
        x_plus[idx] += h
        x_minus[idx] -= h
        grad[idx] = (f(x_plus) - f(x_minus)) / (2 * h)
    return grad
