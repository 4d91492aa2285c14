"""im2col convolution that never adds the bias b.

expect: conv2d_forward ~ bias
"""

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def conv2d_forward(x, w, b, stride=1, padding=0):
    N = x.shape[0]
    F, C, KH, KW = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    win = sliding_window_view(xp, (KH, KW), axis=(2, 3))[:, :, ::stride, ::stride]
    Ho, Wo = win.shape[2:4]
    cols = win.transpose(0, 2, 3, 1, 4, 5).reshape(N * Ho * Wo, C * KH * KW)
    out = cols @ w.reshape(F, -1).T
    return out.reshape(N, Ho, Wo, F).transpose(0, 3, 1, 2)
