"""The loop runs over the KH*KW kernel offsets only: each offset is one strided slice of
the padded input, contracted with w[:, :, i, j] over channels (vectorized over batch,
filters and output positions). Max pool: running np.maximum over the k*k offsets, started
from -inf in x's dtype. Sizes with a per-dimension loop and math.ceil for ceil_mode.

expect: full
"""

import math

import numpy as np


def _hw_of(v, name):
    if isinstance(v, (tuple, list)):
        if len(v) != 2:
            raise ValueError(f"{name}: expected an int or a pair")
        return tuple(int(a) for a in v)
    return (int(v), int(v))


def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    K = _hw_of(kernel_size, "kernel_size")
    S = _hw_of(stride, "stride")
    P = _hw_of(padding, "padding")
    D = _hw_of(dilation, "dilation")
    out = []
    for size, k, s, p, d in zip((h, w), K, S, P, D):
        if k <= 0 or s <= 0 or d <= 0:
            raise ValueError("kernel_size, stride and dilation must be positive")
        if p < 0:
            raise ValueError("padding must be non-negative")
        effective = d * (k - 1) + 1
        o = (size + 2 * p - effective) // s + 1
        if o <= 0:
            raise ValueError("effective kernel larger than padded input")
        out.append(o)
    return tuple(out)


def pool2d_output_size(h, w, kernel_size, stride=None, padding=0, ceil_mode=False):
    K = _hw_of(kernel_size, "kernel_size")
    S = K if stride is None else _hw_of(stride, "stride")
    P = _hw_of(padding, "padding")
    out = []
    for size, k, s, p in zip((h, w), K, S, P):
        if k <= 0 or s <= 0:
            raise ValueError("kernel_size and stride must be positive")
        if p < 0 or 2 * p > k:
            raise ValueError("padding must be in [0, kernel_size / 2]")
        span = size + 2 * p - k
        if ceil_mode:
            o = math.ceil(span / s) + 1
            if (o - 1) * s >= size + p:
                o -= 1
        else:
            o = math.floor(span / s) + 1
        if o <= 0:
            raise ValueError("pooling window larger than padded input")
        out.append(o)
    return tuple(out)


def conv2d_forward(x, w, b, stride=1, padding=0):
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    s, p = stride, padding
    xp = np.pad(x, ((0, 0), (0, 0), (p, p), (p, p))) if p else x
    Ho = (H + 2 * p - KH) // s + 1
    Wo = (W + 2 * p - KW) // s + 1
    out = np.zeros((N, F, Ho, Wo), dtype=x.dtype)
    for i in range(KH):
        for j in range(KW):
            patch = xp[:, :, i : i + s * (Ho - 1) + 1 : s, j : j + s * (Wo - 1) + 1 : s]
            # (F, C) x (N, C, Ho, Wo) -> (F, N, Ho, Wo)
            out += np.tensordot(w[:, :, i, j], patch, axes=([1], [1])).transpose(1, 0, 2, 3)
    out += b[:, None, None]
    return out


def max_pool2d_forward(x, kernel_size, stride=None):
    k = kernel_size
    s = stride or k
    N, C, H, W = x.shape
    Ho = (H - k) // s + 1
    Wo = (W - k) // s + 1
    out = np.full((N, C, Ho, Wo), -np.inf, dtype=x.dtype)
    for i in range(k):
        for j in range(k):
            out = np.maximum(out, x[:, :, i : i + s * Ho : s, j : j + s * Wo : s])
    return out
