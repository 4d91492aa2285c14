"""numerical_gradient written by a student used to PyTorch, where a scalar loss is a 0-d
tensor read with .item(): here f(x) is called and `.item()` taken. It works on what
`np.sum(...)` returns (np.float64), as on the student's own test functions and on the pasted
`(lambda x: np.sum(x * x))` of a report; the grader used to hand it a Python float instead,
so it crashed when graded and not when the reported call was pasted.

expect: full
"""
import numpy as np


def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        old = x[idx]
        x[idx] = old + h
        loss_plus = f(x).item()
        x[idx] = old - h
        loss_minus = f(x).item()
        x[idx] = old
        grad[idx] = (loss_plus - loss_minus) / (2 * h)
    return grad
