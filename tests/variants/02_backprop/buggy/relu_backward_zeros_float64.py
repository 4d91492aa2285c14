r"""relu_backward: dx = np.zeros(dout.shape); dx[x > 0] = dout[x > 0]: np.zeros without
dtype= is float64, so float32 gradients come back float64 (values right).

expect: relu_backward ~ float64|dtype|float32|np\.zeros
"""
import numpy as np


def relu_backward(dout, cache):
    x = cache
    dx = np.zeros(dout.shape)
    dx[x > 0] = dout[x > 0]
    return dx
