"""A loop over every index with math.tanh, written into a buffer of x's dtype
(np.ndindex also handles 0-d arrays). Slow but correct; tanh is not timing-limited.

expect: full
"""
import math

import numpy as np


def tanh(x):
    x = np.asarray(x)
    out = np.empty_like(x)
    for idx in np.ndindex(x.shape):
        out[idx] = math.tanh(x[idx])
    return out
