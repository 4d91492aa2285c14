"""Sizes with int(1 + (H + 2P - D(K-1) - 1)/S) checked right after (the truncation of int()
can only move a negative size up to 0, still < 1); pairs via np.broadcast_to(v, 2); conv via
sliding_window_view + np.einsum(optimize=True); max pool reshapes when stride == kernel
(cropping the leftover rows/cols) and falls back to windows otherwise.

expect: full
"""

import math

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def _as_2(v):
    a, b = np.broadcast_to(np.asarray(v), (2,)).tolist()
    return int(a), int(b)


def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    kh, kw = _as_2(kernel_size)
    sh, sw = _as_2(stride)
    ph, pw = _as_2(padding)
    dh, dw = _as_2(dilation)
    for name, val in (("kernel_size", kh), ("kernel_size", kw), ("stride", sh),
                      ("stride", sw), ("dilation", dh), ("dilation", dw)):
        if val < 1:
            raise ValueError(f"{name} must be >= 1, got {val}")
    if ph < 0 or pw < 0:
        raise ValueError("padding must be >= 0")
    h_out = int(1 + (h + 2 * ph - dh * (kh - 1) - 1) / sh)
    w_out = int(1 + (w + 2 * pw - dw * (kw - 1) - 1) / sw)
    if h_out < 1 or w_out < 1:
        raise ValueError("Output size is too small")
    return h_out, w_out


def pool2d_output_size(h, w, kernel_size, stride=None, padding=0, ceil_mode=False):
    kh, kw = _as_2(kernel_size)
    sh, sw = (kh, kw) if stride is None else _as_2(stride)
    ph, pw = _as_2(padding)
    if kh < 1 or kw < 1:
        raise ValueError("kernel_size must be >= 1")
    if sh < 1 or sw < 1:
        raise ValueError("stride must be >= 1")
    if ph < 0 or pw < 0 or ph > kh / 2 or pw > kw / 2:
        raise ValueError("padding must be between 0 and kernel_size / 2")

    def side(n, k, s, p):
        if ceil_mode:
            o = int(math.ceil((n + 2 * p - k) / s)) + 1
            if (o - 1) * s >= n + p:
                o -= 1
        else:
            o = int(math.floor((n + 2 * p - k) / s)) + 1
        return o

    h_out, w_out = side(h, kh, sh, ph), side(w, kw, sw, pw)
    if h_out < 1 or w_out < 1:
        raise ValueError("Output size is too small")
    return h_out, w_out


def conv2d_forward(x, w, b, stride=1, padding=0):
    F, C, HH, WW = w.shape
    if padding > 0:
        x = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)), mode="constant")
    patches = sliding_window_view(x, (HH, WW), axis=(2, 3))[:, :, ::stride, ::stride, :, :]
    out = np.einsum("nchwij,fcij->nfhw", patches, w, optimize=True)
    return out + b.reshape(1, F, 1, 1)


def max_pool2d_forward(x, kernel_size, stride=None):
    k = kernel_size
    s = k if stride is None else stride
    N, C, H, W = x.shape
    Ho, Wo = (H - k) // s + 1, (W - k) // s + 1
    if s == k:
        xc = x[:, :, : Ho * k, : Wo * k]
        return xc.reshape(N, C, Ho, k, Wo, k).max(axis=(3, 5))
    windows = sliding_window_view(x, (k, k), axis=(2, 3))[:, :, ::s, ::s]
    return windows.max(axis=4).max(axis=4)
