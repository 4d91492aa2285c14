"""Convolution looping over input channels that adds the bias inside the channel loop: the
bias ends up added C times.

expect: conv2d_forward ~ bias
"""

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def conv2d_forward(x, w, b, stride=1, padding=0):
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    Ho = (H + 2 * padding - KH) // stride + 1
    Wo = (W + 2 * padding - KW) // stride + 1
    out = np.zeros((N, F, Ho, Wo), dtype=x.dtype)
    for c in range(C):
        win = sliding_window_view(xp[:, c], (KH, KW), axis=(1, 2))[:, ::stride, ::stride]
        out += np.einsum("nhwij,fij->nfhw", win, w[:, c]) + b[None, :, None, None]
    return out
