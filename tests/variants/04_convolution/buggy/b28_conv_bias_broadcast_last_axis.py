r"""Bias added as `out + b` on the (N, F, H', W') result: numpy broadcasts b over the last
axis W' (a crash when W' != F, wrong values when W' == F).

expect: conv2d_forward ~ b\[f\] belongs to axis 1
"""

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def conv2d_forward(x, w, b, stride=1, padding=0):
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    win = sliding_window_view(xp, w.shape[2:], axis=(2, 3))[:, :, ::stride, ::stride]
    out = np.einsum("nchwij,fcij->nfhw", win, w, optimize=True)
    return out + b
