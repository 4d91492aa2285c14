"""The model's running maximum without its .copy(): `out` is a strided view of x, and
np.maximum(..., out=out) writes the maxima into the caller's x (and, with overlapping
windows, later offsets read already-overwritten cells).

expect: max_pool2d_forward ~ in place|modif
"""

import numpy as np


def max_pool2d_forward(x, kernel_size, stride=None):
    k = kernel_size
    s = k if stride is None else stride
    H, W = x.shape[2:]
    h_out = (H - k) // s + 1
    w_out = (W - k) // s + 1
    out = x[:, :, : s * (h_out - 1) + 1 : s, : s * (w_out - 1) + 1 : s]
    for i in range(k):
        for j in range(k):
            if i or j:
                np.maximum(out, x[:, :, i : i + s * (h_out - 1) + 1 : s, j : j + s * (w_out - 1) + 1 : s],
                           out=out)
    return out
