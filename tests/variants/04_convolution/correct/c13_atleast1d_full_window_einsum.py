"""Pairs via np.atleast_1d + np.repeat, sizes with np.floor / np.ceil of float arrays cast
back to Python ints. The convolution uses sliding_window_view without `axis`, a window of
(1, C, KH, KW) over all four axes (then the two singleton axes squeezed), and a plain
np.einsum without optimize=True; the stride is applied by slicing the window grid. Max pool
the same way: (1, 1, k, k) windows over all four axes, the grid sliced by the stride before
the max over the four window axes.

expect: full
"""

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def _arr2(v):
    a = np.atleast_1d(np.asarray(v))
    if a.size == 1:
        a = np.repeat(a, 2)
    return a.astype(np.int64)


def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    k, s, p, d = _arr2(kernel_size), _arr2(stride), _arr2(padding), _arr2(dilation)
    if (k < 1).any() or (s < 1).any() or (d < 1).any() or (p < 0).any():
        raise ValueError("invalid kernel_size/stride/padding/dilation")
    hw = np.array([h, w])
    out = np.floor((hw + 2 * p - d * (k - 1) - 1) / s).astype(np.int64) + 1
    if (out < 1).any():
        raise ValueError("kernel bigger than padded input")
    return int(out[0]), int(out[1])


def pool2d_output_size(h, w, kernel_size, stride=None, padding=0, ceil_mode=False):
    k = _arr2(kernel_size)
    s = k if stride is None else _arr2(stride)
    p = _arr2(padding)
    if (k < 1).any() or (s < 1).any() or (p < 0).any():
        raise ValueError("invalid kernel_size/stride/padding")
    if (p > k / 2).any():
        raise ValueError("pad should be at most half of the kernel")
    hw = np.array([h, w])
    q = (hw + 2 * p - k) / s
    out = (np.ceil(q) if ceil_mode else np.floor(q)).astype(np.int64) + 1
    if ceil_mode:
        out[(out - 1) * s >= hw + p] -= 1
    if (out < 1).any():
        raise ValueError("pooling window bigger than padded input")
    return int(out[0]), int(out[1])


def conv2d_forward(x, w, b, stride=1, padding=0):
    F, C, KH, KW = w.shape
    pad = ((0, 0), (0, 0), (padding, padding), (padding, padding))
    xp = np.pad(x, pad)
    win = sliding_window_view(xp, (1, C, KH, KW))  # (N, 1, H'', W'', 1, C, KH, KW)
    win = win[:, 0, ::stride, ::stride, 0]         # (N, H', W', C, KH, KW)
    out = np.einsum("nhwcij,fcij->nfhw", win, w)
    return out + b.reshape(1, F, 1, 1)


def max_pool2d_forward(x, kernel_size, stride=None):
    k = kernel_size
    s = k if stride is None else stride
    win = sliding_window_view(x, (1, 1, k, k))  # (N, C, H-k+1, W-k+1, 1, 1, k, k)
    return win[:, :, ::s, ::s].max(axis=(4, 5, 6, 7))
