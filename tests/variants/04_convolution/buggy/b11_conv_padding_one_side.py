"""Zero padding put all on the bottom/right side: np.pad(x, (0, 2p)) keeps the padded size
right but shifts every window by p.

expect: conv2d_forward ~ padding|pad|shift
"""

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def conv2d_forward(x, w, b, stride=1, padding=0):
    F, C, KH, KW = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (0, 2 * padding), (0, 2 * padding)))
    win = sliding_window_view(xp, (KH, KW), axis=(2, 3))[:, :, ::stride, ::stride]
    out = np.tensordot(win, w, axes=([1, 4, 5], [1, 2, 3]))
    return (out + b).transpose(0, 3, 1, 2)
