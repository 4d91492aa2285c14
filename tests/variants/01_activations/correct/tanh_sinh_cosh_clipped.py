"""sinh/cosh only where |x| < 20 (no overflow); beyond that tanh is +-1 to the last bit in
both float32 and float64, so +-1 is returned there.

expect: full
"""
import numpy as np


def tanh(x):
    x = np.asarray(x)
    out = np.ones_like(x)
    out[x < 0] = -1
    small = np.abs(x) < 20
    xs = x[small]
    out[small] = np.sinh(xs) / np.cosh(xs)
    return out
