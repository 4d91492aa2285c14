"""Deep Learning from Scratch's `_numerical_gradient_no_batch`, used for every x: it walks
`range(x.size)` and indexes x[idx], which is a whole row of a 2-D x, so float(tmp_val) raises
as soon as x has more than one axis. The report's pasted call must raise the same error when
run (the scalar function in it behaves exactly as the one the grader passed).

expect: numerical_gradient ~ raised TypeError
"""
import numpy as np


def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros_like(x)

    for idx in range(x.size):
        tmp_val = x[idx]
        x[idx] = float(tmp_val) + h
        fxh1 = f(x)  # f(x+h)

        x[idx] = tmp_val - h
        fxh2 = f(x)  # f(x-h)
        grad[idx] = (fxh1 - fxh2) / (2 * h)

        x[idx] = tmp_val  # restore
    return grad
