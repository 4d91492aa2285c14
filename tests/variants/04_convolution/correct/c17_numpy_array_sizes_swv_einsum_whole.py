"""A whole file whose output-size functions compute both sides at once on small numpy arrays (np.where for the ceil_mode last-window rule, ints returned via int()), with sliding_window_view + einsum(optimize=True) for the convolution and a strided window max for pooling.

composition: whole
expect: full
"""
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def _pair(v):
    return tuple(v) if isinstance(v, (tuple, list)) else (v, v)


def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    k, s, p, d = (np.array(_pair(a)) for a in (kernel_size, stride, padding, dilation))
    if (k < 1).any() or (s < 1).any() or (d < 1).any() or (p < 0).any():
        raise ValueError("argument out of range")
    out = (np.array([h, w]) + 2 * p - d * (k - 1) - 1) // s + 1
    if (out < 1).any():
        raise ValueError(f"output size {tuple(out)} is too small")
    return int(out[0]), int(out[1])


def pool2d_output_size(h, w, kernel_size, stride=None, padding=0, ceil_mode=False):
    k = np.array(_pair(kernel_size))
    s = k.copy() if stride is None else np.array(_pair(stride))
    p = np.array(_pair(padding))
    if (k < 1).any() or (s < 1).any() or (p < 0).any():
        raise ValueError("argument out of range")
    if (p > k / 2).any():
        raise ValueError("padding larger than half the kernel")
    n = np.array([h, w])
    num = n + 2 * p - k
    if ceil_mode:
        out = -(-num // s) + 1
        out = np.where((out - 1) * s >= n + p, out - 1, out)
    else:
        out = num // s + 1
    if (out < 1).any():
        raise ValueError("output side < 1")
    return int(out[0]), int(out[1])


def conv2d_forward(x, w, b, stride=1, padding=0):
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    kh, kw = w.shape[2:]
    win = sliding_window_view(xp, (kh, kw), axis=(2, 3))[:, :, ::stride, ::stride]
    out = np.einsum("nchwpq,fcpq->nfhw", win, w, optimize=True)
    return out + b[None, :, None, None]


def max_pool2d_forward(x, kernel_size, stride=None):
    stride = kernel_size if stride is None else stride
    win = sliding_window_view(x, (kernel_size, kernel_size), axis=(2, 3))
    return win[:, :, ::stride, ::stride].max(axis=(-2, -1))
