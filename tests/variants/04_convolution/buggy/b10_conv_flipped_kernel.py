"""A "real" convolution: the kernel is flipped in both spatial axes (as in the maths
textbook), whereas conv2d (like torch) is a cross-correlation.

expect: conv2d_forward ~ flip|convolution|correlat
"""

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def conv2d_forward(x, w, b, stride=1, padding=0):
    w_flipped = w[:, :, ::-1, ::-1]
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    win = sliding_window_view(xp, w.shape[2:], axis=(2, 3))[:, :, ::stride, ::stride]
    out = np.einsum("nchwij,fcij->nfhw", win, w_flipped, optimize=True)
    return out + b[None, :, None, None]
