"""A whole file that converts every array to float64, builds windows with as_strided, contracts them with np.tensordot and casts the result back to the input dtype; sizes via int(np.floor/np.ceil(...)) of a float quotient, also rejecting h or w < 1.

composition: whole
expect: full
"""
import numpy as np
from numpy.lib.stride_tricks import as_strided


def _two(a, name):
    if isinstance(a, int):
        return a, a
    a = tuple(a)
    if len(a) != 2:
        raise ValueError(f"{name} must be an int or a pair")
    return int(a[0]), int(a[1])


def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    if h < 1 or w < 1:
        raise ValueError("input size must be >= 1")
    k = _two(kernel_size, "kernel_size")
    s = _two(stride, "stride")
    p = _two(padding, "padding")
    d = _two(dilation, "dilation")
    if min(k) < 1:
        raise ValueError("kernel_size must be >= 1")
    if min(s) < 1:
        raise ValueError("stride must be >= 1")
    if min(d) < 1:
        raise ValueError("dilation must be >= 1")
    if min(p) < 0:
        raise ValueError("padding must be >= 0")
    res = []
    for n, kk, ss, pp, dd in zip((h, w), k, s, p, d):
        o = int(np.floor((n + 2 * pp - dd * (kk - 1) - 1) / ss + 1))
        if o < 1:
            raise ValueError("output side < 1")
        res.append(o)
    return tuple(res)


def pool2d_output_size(h, w, kernel_size, stride=None, padding=0, ceil_mode=False):
    if h < 1 or w < 1:
        raise ValueError("input size must be >= 1")
    k = _two(kernel_size, "kernel_size")
    s = k if stride is None else _two(stride, "stride")
    p = _two(padding, "padding")
    if min(k) < 1 or min(s) < 1:
        raise ValueError("kernel_size and stride must be >= 1")
    if min(p) < 0:
        raise ValueError("padding must be >= 0")
    res = []
    for n, kk, ss, pp in zip((h, w), k, s, p):
        if pp > kk / 2:
            raise ValueError("padding must be <= kernel_size / 2")
        steps = (n + 2 * pp - kk) / ss
        o = int(np.ceil(steps) if ceil_mode else np.floor(steps)) + 1
        if ceil_mode and (o - 1) * ss >= n + pp:
            o -= 1
        if o < 1:
            raise ValueError("output side < 1")
        res.append(o)
    return tuple(res)


def _windows(x, kh, kw, stride):
    n, c, hh, ww = x.shape
    oh = (hh - kh) // stride + 1
    ow = (ww - kw) // stride + 1
    s0, s1, s2, s3 = x.strides
    return as_strided(x, shape=(n, c, oh, ow, kh, kw),
                      strides=(s0, s1, s2 * stride, s3 * stride, s2, s3), writeable=False)


def conv2d_forward(x, w, b, stride=1, padding=0):
    dtype = x.dtype
    x64 = x.astype(np.float64)
    w64 = w.astype(np.float64)
    b64 = b.astype(np.float64)
    if padding > 0:
        x64 = np.pad(x64, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    win = _windows(x64, w.shape[2], w.shape[3], stride)  # n c oh ow kh kw
    out = np.tensordot(win, w64, axes=([1, 4, 5], [1, 2, 3]))  # n oh ow f
    out = out.transpose(0, 3, 1, 2) + b64[None, :, None, None]
    return out.astype(dtype)


def max_pool2d_forward(x, kernel_size, stride=None):
    if stride is None:
        stride = kernel_size
    dtype = x.dtype
    x64 = np.ascontiguousarray(x, dtype=np.float64)
    win = _windows(x64, kernel_size, kernel_size, stride)
    return win.max(axis=(4, 5)).astype(dtype)
