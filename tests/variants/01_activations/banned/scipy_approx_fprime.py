"""numerical_gradient hands the work to scipy.optimize.approx_fprime (a library routine
that does the exercise).

expect: numerical_gradient = 0 ~ scipy|approx_fprime|not allowed|banned|forbidden
"""
import numpy as np
from scipy import optimize


def numerical_gradient(f, x, h=1e-5):
    flat = x.reshape(-1).copy()
    g = optimize.approx_fprime(flat, lambda v: f(v.reshape(x.shape)), h)
    return g.reshape(x.shape)
