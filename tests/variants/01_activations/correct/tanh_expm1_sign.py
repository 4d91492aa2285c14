"""tanh(x) = sign(x) * (1 - e^{-2|x|}) / (1 + e^{-2|x|}), with expm1 so that tiny x keeps
its relative precision; the exponent is never positive, so nothing overflows.

expect: full
"""
import numpy as np


def tanh(x):
    e = np.expm1(-2 * np.abs(x))
    return -np.sign(x) * e / (e + 2)
