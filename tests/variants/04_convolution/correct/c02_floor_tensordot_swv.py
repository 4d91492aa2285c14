"""Sizes through math.floor with tuple unpacking (try: a, b = v); conv through
sliding_window_view + np.tensordot (filters first, then moved to axis 1); max pool through
sliding_window_view(...).max over the window axes.

expect: full
"""

import math

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def _two(v):
    try:
        a, b = v
    except TypeError:
        a = b = v
    return a, b


def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    (kh, kw), (sh, sw) = _two(kernel_size), _two(stride)
    (ph, pw), (dh, dw) = _two(padding), _two(dilation)
    if min(kh, kw, sh, sw, dh, dw) < 1 or min(ph, pw) < 0:
        raise ValueError("invalid kernel_size / stride / padding / dilation")
    h_out = math.floor((h + 2 * ph - dh * (kh - 1) - 1) / sh + 1)
    w_out = math.floor((w + 2 * pw - dw * (kw - 1) - 1) / sw + 1)
    if h_out <= 0 or w_out <= 0:
        raise ValueError("kernel does not fit in the (padded) input")
    return h_out, w_out


def pool2d_output_size(h, w, kernel_size, stride=None, padding=0, ceil_mode=False):
    kh, kw = _two(kernel_size)
    sh, sw = (kh, kw) if stride is None else _two(stride)
    ph, pw = _two(padding)
    if min(kh, kw, sh, sw) < 1 or min(ph, pw) < 0:
        raise ValueError("invalid kernel_size / stride / padding")
    if 2 * ph > kh or 2 * pw > kw:
        raise ValueError("padding should be at most half of the kernel size")
    rnd = math.ceil if ceil_mode else math.floor
    h_out = rnd((h + 2 * ph - kh) / sh) + 1
    w_out = rnd((w + 2 * pw - kw) / sw) + 1
    if ceil_mode:
        # the last window has to start inside the input or the left padding
        if (h_out - 1) * sh >= h + ph:
            h_out -= 1
        if (w_out - 1) * sw >= w + pw:
            w_out -= 1
    if h_out <= 0 or w_out <= 0:
        raise ValueError("output would be empty")
    return h_out, w_out


def conv2d_forward(x, w, b, stride=1, padding=0):
    F, C, KH, KW = w.shape
    p = padding
    xp = np.pad(x, [(0, 0), (0, 0), (p, p), (p, p)])
    win = sliding_window_view(xp, window_shape=(KH, KW), axis=(2, 3))
    win = win[:, :, ::stride, ::stride]  # (N, C, H', W', KH, KW)
    out = np.tensordot(w, win, axes=([1, 2, 3], [1, 4, 5]))  # (F, N, H', W')
    out = out.transpose(1, 0, 2, 3) + b[None, :, None, None]
    return out


def max_pool2d_forward(x, kernel_size, stride=None):
    s = kernel_size if stride is None else stride
    win = sliding_window_view(x, (kernel_size, kernel_size), axis=(-2, -1))
    return win[:, :, ::s, ::s].max(axis=(-2, -1))
