"""Saito-style im2col (rows (N, H', W'), columns (C, KH, KW)) multiplied by
w.reshape(-1, F) instead of w.reshape(F, -1).T: the shape (C*KH*KW, F) fits, but a reshape
does not move the F axis, so every filter gets a scramble of all filters' weights.

expect: conv2d_forward ~ reshape does not move the F axis
"""

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def conv2d_forward(x, w, b, stride=1, padding=0):
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    xp = np.pad(x, [(0, 0), (0, 0), (padding, padding), (padding, padding)], "constant")
    win = sliding_window_view(xp, (KH, KW), axis=(2, 3))[:, :, ::stride, ::stride]
    out_h, out_w = win.shape[2:4]
    col = win.transpose(0, 2, 3, 1, 4, 5).reshape(N * out_h * out_w, -1)
    col_W = w.reshape(-1, F)
    out = np.dot(col, col_W) + b
    return out.reshape(N, out_h, out_w, -1).transpose(0, 3, 1, 2)
