"""Model solution for 04_convolution (numpy only): PyTorch's conv/pool output-size formulas
with range checks, and vectorized conv2d / max-pool forward passes."""

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def _pair(value, name):
    if isinstance(value, (tuple, list)):
        if len(value) != 2:
            raise ValueError(f"{name} must be an int or an (h, w) pair, got {value!r}")
        return int(value[0]), int(value[1])
    return int(value), int(value)


def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    kh, kw = _pair(kernel_size, "kernel_size")
    sh, sw = _pair(stride, "stride")
    ph, pw = _pair(padding, "padding")
    dh, dw = _pair(dilation, "dilation")
    if h < 1 or w < 1:
        raise ValueError(f"input size must be positive, got ({h}, {w})")
    if min(kh, kw) < 1 or min(sh, sw) < 1 or min(dh, dw) < 1:
        raise ValueError("kernel_size, stride and dilation must be >= 1")
    if min(ph, pw) < 0:
        raise ValueError("padding must be >= 0")
    # floor division (//) rounds toward -inf, so a too-large kernel gives a size < 1
    h_out = (h + 2 * ph - dh * (kh - 1) - 1) // sh + 1
    w_out = (w + 2 * pw - dw * (kw - 1) - 1) // sw + 1
    if h_out < 1 or w_out < 1:
        raise ValueError(f"output size ({h_out}, {w_out}) is too small: kernel larger than input")
    return h_out, w_out


def _pool_side(size, k, s, p, ceil_mode):
    span = size + 2 * p - k
    out = (-(-span // s) if ceil_mode else span // s) + 1
    # with ceil_mode the last window must start inside the input or the left padding
    if ceil_mode and (out - 1) * s >= size + p:
        out -= 1
    return out


def pool2d_output_size(h, w, kernel_size, stride=None, padding=0, ceil_mode=False):
    kh, kw = _pair(kernel_size, "kernel_size")
    sh, sw = (kh, kw) if stride is None else _pair(stride, "stride")
    ph, pw = _pair(padding, "padding")
    if h < 1 or w < 1:
        raise ValueError(f"input size must be positive, got ({h}, {w})")
    if min(kh, kw) < 1 or min(sh, sw) < 1:
        raise ValueError("kernel_size and stride must be >= 1")
    if min(ph, pw) < 0:
        raise ValueError("padding must be >= 0")
    if 2 * ph > kh or 2 * pw > kw:
        raise ValueError("padding must be at most half of kernel_size")
    h_out = _pool_side(h, kh, sh, ph, ceil_mode)
    w_out = _pool_side(w, kw, sw, pw, ceil_mode)
    if h_out < 1 or w_out < 1:
        raise ValueError(f"output size ({h_out}, {w_out}) is too small: kernel larger than input")
    return h_out, w_out


def conv2d_forward(x, w, b, stride=1, padding=0):
    KH, KW = w.shape[2:]
    if padding:
        x = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    # (N, C, H', W', KH, KW) view of every window, no copy
    windows = sliding_window_view(x, (KH, KW), axis=(2, 3))[:, :, ::stride, ::stride]
    out = np.einsum("nchwij,fcij->nfhw", windows, w, optimize=True)
    return out + b[:, None, None]


def max_pool2d_forward(x, kernel_size, stride=None):
    k = kernel_size
    s = k if stride is None else stride
    H, W = x.shape[2:]
    h_out = (H - k) // s + 1
    w_out = (W - k) // s + 1
    # running maximum over the k*k offsets of the window: k*k vectorized passes
    out = x[:, :, : s * (h_out - 1) + 1 : s, : s * (w_out - 1) + 1 : s].copy()  # offset (0, 0)
    for i in range(k):
        for j in range(k):
            if i or j:
                np.maximum(
                    out, x[:, :, i : i + s * (h_out - 1) + 1 : s, j : j + s * (w_out - 1) + 1 : s],
                    out=out,
                )
    return out
