"""numerical_gradient from a student careful about dtypes (the syllabus insists on them): every
difference quotient is cast back to x's dtype with .astype(x.dtype) before it is stored, and
the buffer is allocated from the first evaluation's dtype. Both need f(x) to be a numpy scalar,
as the pasted replay lambdas and any np.sum-based f are; a Python float has neither .astype
nor .dtype.

expect: full
"""
import numpy as np


def numerical_gradient(f, x, h=1e-5):
    fx = f(x)
    grad = np.zeros(x.shape, dtype=np.result_type(fx.dtype, x.dtype))
    flat_x = x.reshape(-1)  # a view: writing into it perturbs x itself
    flat_g = grad.reshape(-1)
    for i in range(flat_x.size):
        saved = flat_x[i]
        flat_x[i] = saved + h
        upper = f(x)
        flat_x[i] = saved - h
        lower = f(x)
        flat_x[i] = saved
        flat_g[i] = ((upper - lower) / (2 * h)).astype(x.dtype)
    return grad
