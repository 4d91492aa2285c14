"""Pairs recognised with hasattr(v, "__len__"); sizes through math.floor / math.ceil of the
float quotient, the ceil-mode last-window rule as a `while` loop. Convolution gathers every
window with one broadcast fancy index of the padded input (row indices (H', 1, KH, 1) and
column indices (1, W', 1, KW)) and contracts with np.einsum(optimize=True). Max pool: the
reshape trick when stride == kernel_size, padding the bottom/right with -inf in x's dtype so
the blocks tile (the padded cells are cut off again, never inside a kept window), and a
running np.maximum over the k*k offsets otherwise.

expect: full
"""

import math

import numpy as np


def _hw(v):
    if hasattr(v, "__len__"):
        if len(v) != 2:
            raise ValueError("expected an int or a pair of ints")
        return int(v[0]), int(v[1])
    return int(v), int(v)


def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    k, s, p, d = _hw(kernel_size), _hw(stride), _hw(padding), _hw(dilation)
    if min(k) < 1:
        raise ValueError("kernel_size must be >= 1")
    if min(s) < 1:
        raise ValueError("stride must be >= 1")
    if min(d) < 1:
        raise ValueError("dilation must be >= 1")
    if min(p) < 0:
        raise ValueError("padding must be >= 0")
    out = tuple(math.floor((n + 2 * p[i] - d[i] * (k[i] - 1) - 1) / s[i]) + 1
                for i, n in enumerate((h, w)))
    if out[0] < 1 or out[1] < 1:
        raise ValueError(f"output would be {out[0]}x{out[1]}")
    return out


def pool2d_output_size(h, w, kernel_size, stride=None, padding=0, ceil_mode=False):
    k = _hw(kernel_size)
    s = k if stride is None else _hw(stride)
    p = _hw(padding)
    if min(k) < 1 or min(s) < 1:
        raise ValueError("kernel_size and stride must be >= 1")
    if min(p) < 0:
        raise ValueError("padding must be >= 0")
    if p[0] > k[0] / 2 or p[1] > k[1] / 2:
        raise ValueError("padding must be <= kernel_size / 2")
    round_ = math.ceil if ceil_mode else math.floor
    out = []
    for i, n in enumerate((h, w)):
        o = round_((n + 2 * p[i] - k[i]) / s[i]) + 1
        while ceil_mode and o > 1 and (o - 1) * s[i] >= n + p[i]:
            o -= 1
        if o < 1:
            raise ValueError("pooling output would be empty")
        out.append(o)
    return out[0], out[1]


def conv2d_forward(x, w, b, stride=1, padding=0):
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    Ho = (H + 2 * padding - KH) // stride + 1
    Wo = (W + 2 * padding - KW) // stride + 1
    rows = (np.arange(Ho) * stride)[:, None, None, None] + np.arange(KH)[None, None, :, None]
    cols = (np.arange(Wo) * stride)[None, :, None, None] + np.arange(KW)[None, None, None, :]
    patches = xp[:, :, rows, cols]  # (N, C, Ho, Wo, KH, KW)
    out = np.einsum("nchwij,fcij->nfhw", patches, w, optimize=True)
    return out + b[None, :, None, None]


def max_pool2d_forward(x, kernel_size, stride=None):
    k = kernel_size
    s = k if stride is None else stride
    N, C, H, W = x.shape
    Ho = (H - k) // s + 1
    Wo = (W - k) // s + 1
    if s == k:
        extra_h, extra_w = (-H) % k, (-W) % k
        if extra_h or extra_w:
            x = np.pad(x, ((0, 0), (0, 0), (0, extra_h), (0, extra_w)), constant_values=-np.inf)
        blocks = x.reshape(N, C, x.shape[2] // k, k, x.shape[3] // k, k).max(axis=(3, 5))
        return blocks[:, :, :Ho, :Wo]
    out = x[:, :, 0 : s * (Ho - 1) + 1 : s, 0 : s * (Wo - 1) + 1 : s]
    for i in range(k):
        for j in range(k):
            out = np.maximum(out, x[:, :, i : i + s * (Ho - 1) + 1 : s, j : j + s * (Wo - 1) + 1 : s])
    return out
