"""leaky_relu: result buffer np.zeros(x.shape) is float64, so float32 in gives float64 out.

expect: leaky_relu ~ float64|dtype|float32
"""
import numpy as np


def leaky_relu(x, alpha=0.01):
    out = np.zeros(x.shape)
    pos = x > 0
    out[pos] = x[pos]
    out[~pos] = alpha * x[~pos]
    return out
