"""Loop-over-offsets convolution with the kernel's height and width mixed up: KW is used for
the output height and KH for the output width, and the offsets index w[:, :, j, i]. Square
kernels hide it; a non-square kernel gives the wrong shape (or wrong values).

expect: conv2d_forward ~ shape|kernel|non.?square|KH|KW|height|width|transpos
"""

import numpy as np


def conv2d_forward(x, w, b, stride=1, padding=0):
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    s, p = stride, padding
    xp = np.pad(x, ((0, 0), (0, 0), (p, p), (p, p)))
    Ho = (H + 2 * p - KW) // s + 1
    Wo = (W + 2 * p - KH) // s + 1
    out = np.zeros((N, F, Ho, Wo), dtype=x.dtype)
    for i in range(KW):
        for j in range(KH):
            patch = xp[:, :, i : i + s * (Ho - 1) + 1 : s, j : j + s * (Wo - 1) + 1 : s]
            out += np.einsum("nchw,fc->nfhw", patch, w[:, :, j, i])
    return out + b[:, None, None]
