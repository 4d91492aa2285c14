"""Loop-over-offsets convolution accumulating into np.zeros((N, F, H', W')): float64 by
default, so a float32 input gives a float64 output.

expect: conv2d_forward ~ float64|float32|dtype
"""

import numpy as np


def conv2d_forward(x, w, b, stride=1, padding=0):
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    s, p = stride, padding
    xp = np.pad(x, ((0, 0), (0, 0), (p, p), (p, p)))
    Ho = (H + 2 * p - KH) // s + 1
    Wo = (W + 2 * p - KW) // s + 1
    out = np.zeros((N, F, Ho, Wo))
    for i in range(KH):
        for j in range(KW):
            patch = xp[:, :, i : i + s * (Ho - 1) + 1 : s, j : j + s * (Wo - 1) + 1 : s]
            out += np.tensordot(patch, w[:, :, i, j], axes=([1], [1])).transpose(0, 3, 1, 2)
    return out + b.reshape(1, F, 1, 1)
