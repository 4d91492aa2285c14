"""np.pad(x, padding) pads every axis, the batch and channel axes included: x becomes
(N + 2p, C + 2p, H + 2p, W + 2p) and the channel contraction no longer fits the filters.

expect: conv2d_forward ~ batch and channel axes|pads every axis
"""

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def conv2d_forward(x, w, b, stride=1, padding=0):
    F, C, KH, KW = w.shape
    xp = np.pad(x, padding, mode="constant")
    win = sliding_window_view(xp, (KH, KW), axis=(2, 3))[:, :, ::stride, ::stride]
    out = np.einsum("nchwij,fcij->nfhw", win, w, optimize=True)
    return out + b[None, :, None, None]
