"""max_pool_forward_naive: loops over batch, channels and output positions, np.max of each
window. Correct, but far too slow.

expect: max_pool2d_forward.timing ~ slow|time
"""

import numpy as np


def max_pool2d_forward(x, kernel_size, stride=None):
    if stride is None:
        stride = kernel_size
    N, C, H, W = x.shape
    H_out = (H - kernel_size) // stride + 1
    W_out = (W - kernel_size) // stride + 1
    out = np.empty((N, C, H_out, W_out), dtype=x.dtype)
    for n in range(N):
        for c in range(C):
            for i in range(H_out):
                for j in range(W_out):
                    r, s = i * stride, j * stride
                    out[n, c, i, j] = np.max(x[n, c, r : r + kernel_size, s : s + kernel_size])
    return out
