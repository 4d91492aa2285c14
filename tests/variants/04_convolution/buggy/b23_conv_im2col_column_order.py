r"""im2col whose columns list each patch as (KH, KW, C) (windows transposed to
(N, H', W', KH, KW, C)) while w.reshape(F, -1) lists the filter as (C, KH, KW): the shapes
match, the products pair the wrong numbers (hidden when C == 1 or with symmetric data).

expect: conv2d_forward ~ different orders|same \(C, KH, KW\) order
"""

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def conv2d_forward(x, w, b, stride=1, padding=0):
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    win = sliding_window_view(xp, (KH, KW), axis=(2, 3))[:, :, ::stride, ::stride]
    Ho, Wo = win.shape[2:4]
    cols = win.transpose(0, 2, 3, 4, 5, 1).reshape(N * Ho * Wo, KH * KW * C)
    out = cols @ w.reshape(F, -1).T + b
    return out.reshape(N, Ho, Wo, F).transpose(0, 3, 1, 2)
