"""Sizes through divmod (Python's floor semantics, remainder bumps ceil mode); conv and
pool through np.lib.stride_tricks.as_strided windows, conv as one (N*H'*W', C*KH*KW) @
(C*KH*KW, F) matrix product.

expect: full
"""

import numpy as np
from numpy.lib.stride_tricks import as_strided


def _sz2(v):
    return (v, v) if np.isscalar(v) else (v[0], v[1])


def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    kh, kw = _sz2(kernel_size)
    sh, sw = _sz2(stride)
    ph, pw = _sz2(padding)
    dh, dw = _sz2(dilation)
    if kh < 1 or kw < 1 or sh < 1 or sw < 1 or dh < 1 or dw < 1 or ph < 0 or pw < 0:
        raise ValueError("argument out of range")
    qh, _ = divmod(h + 2 * ph - dh * (kh - 1) - 1, sh)
    qw, _ = divmod(w + 2 * pw - dw * (kw - 1) - 1, sw)
    if qh < 0 or qw < 0:
        raise ValueError("output size is less than 1")
    return int(qh + 1), int(qw + 1)


def pool2d_output_size(h, w, kernel_size, stride=None, padding=0, ceil_mode=False):
    kh, kw = _sz2(kernel_size)
    sh, sw = (kh, kw) if stride is None else _sz2(stride)
    ph, pw = _sz2(padding)
    if kh < 1 or kw < 1 or sh < 1 or sw < 1 or ph < 0 or pw < 0:
        raise ValueError("argument out of range")
    if ph * 2 > kh or pw * 2 > kw:
        raise ValueError("pad should be smaller than or equal to half of kernel size")
    res = []
    for n, k, s, p in ((h, kh, sh, ph), (w, kw, sw, pw)):
        q, r = divmod(n + 2 * p - k, s)
        o = q + 1
        if ceil_mode and r != 0:
            o += 1
            if (o - 1) * s >= n + p:
                o -= 1
        if o < 1:
            raise ValueError("output size is less than 1")
        res.append(int(o))
    return tuple(res)


def conv2d_forward(x, w, b, stride=1, padding=0):
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    Hp, Wp = xp.shape[2:]
    Ho = (Hp - KH) // stride + 1
    Wo = (Wp - KW) // stride + 1
    sN, sC, sH, sW = xp.strides
    cols = as_strided(xp, shape=(N, Ho, Wo, C, KH, KW),
                      strides=(sN, sH * stride, sW * stride, sC, sH, sW))
    cols = cols.reshape(N * Ho * Wo, C * KH * KW)
    out = cols @ w.reshape(F, -1).T + b
    return out.reshape(N, Ho, Wo, F).transpose(0, 3, 1, 2)


def max_pool2d_forward(x, kernel_size, stride=None):
    if stride is None:
        stride = kernel_size
    N, C, H, W = x.shape
    k = kernel_size
    Ho = (H - k) // stride + 1
    Wo = (W - k) // stride + 1
    sN, sC, sH, sW = x.strides
    win = as_strided(x, shape=(N, C, Ho, Wo, k, k),
                     strides=(sN, sC, sH * stride, sW * stride, sH, sW), writeable=False)
    return win.reshape(N, C, Ho, Wo, k * k).max(axis=-1)
