"""PyTorch's own helpers copied over: _pair = _ntuple(2) (collections.abc.Iterable +
itertools.repeat) and pooling_output_shape's `(size + 2p - d(k-1) - 1 + (s-1 if ceil_mode))
// s + 1` with the last-window rule. Convolution adapted from d2l's corr2d /
corr2d_multi_in / corr2d_multi_in_out: instead of d2l's loop over output pixels, the loops
run over input channels and kernel offsets, each step a broadcast multiply-add over batch,
filters and all output pixels. Max pool after d2l's pool2d, stacking the k*k strided
offsets and taking the max over the stack.

expect: full
"""

import collections.abc
from itertools import repeat

import numpy as np


def _ntuple(n):
    def parse(x):
        if isinstance(x, collections.abc.Iterable):
            return tuple(x)
        return tuple(repeat(x, n))

    return parse


_pair = _ntuple(2)


def _output_shape(size, kernel, pad, stride, dilation, ceil_mode):
    out = (size + 2 * pad - dilation * (kernel - 1) - 1 + (stride - 1 if ceil_mode else 0)) // stride + 1
    if ceil_mode and (out - 1) * stride >= size + pad:
        out = out - 1
    return out


def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    kernel_size, stride = _pair(kernel_size), _pair(stride)
    padding, dilation = _pair(padding), _pair(dilation)
    if any(k <= 0 for k in kernel_size):
        raise ValueError(f"kernel_size should be greater than zero, got {kernel_size}")
    if any(s <= 0 for s in stride):
        raise ValueError(f"stride should be greater than zero, got {stride}")
    if any(d <= 0 for d in dilation):
        raise ValueError(f"dilation should be greater than zero, got {dilation}")
    if any(p < 0 for p in padding):
        raise ValueError(f"negative padding is not supported, got {padding}")
    out = tuple(_output_shape(n, k, p, s, d, False)
                for n, k, p, s, d in zip((h, w), kernel_size, padding, stride, dilation))
    if min(out) < 1:
        raise ValueError(f"Calculated output size: {out}. Output size is too small")
    return out


def pool2d_output_size(h, w, kernel_size, stride=None, padding=0, ceil_mode=False):
    kernel_size = _pair(kernel_size)
    stride = kernel_size if stride is None else _pair(stride)
    padding = _pair(padding)
    if any(k <= 0 for k in kernel_size):
        raise ValueError(f"kernel_size should be greater than zero, got {kernel_size}")
    if any(s <= 0 for s in stride):
        raise ValueError(f"stride should be greater than zero, got {stride}")
    if any(p < 0 for p in padding):
        raise ValueError(f"pad must be non-negative, got {padding}")
    if any(p > k / 2 for p, k in zip(padding, kernel_size)):
        raise ValueError("pad should be smaller than or equal to half of kernel size")
    out = tuple(_output_shape(n, k, p, s, 1, ceil_mode)
                for n, k, p, s in zip((h, w), kernel_size, padding, stride))
    if min(out) < 1:
        raise ValueError(f"Calculated output size: {out}. Output size is too small")
    return out


def corr2d_multi_in_out(X, K, stride):
    """X (N, C, Hp, Wp), K (F, C, kh, kw) -> (N, F, Ho, Wo), summed over channels."""
    N, C, Hp, Wp = X.shape
    F, _, kh, kw = K.shape
    Ho = (Hp - kh) // stride + 1
    Wo = (Wp - kw) // stride + 1
    Y = np.zeros((N, F, Ho, Wo), dtype=X.dtype)
    for c in range(C):
        for i in range(kh):
            for j in range(kw):
                patch = X[:, c, i : i + stride * (Ho - 1) + 1 : stride, j : j + stride * (Wo - 1) + 1 : stride]
                Y += patch[:, None, :, :] * K[None, :, c, i, j, None, None]
    return Y


def conv2d_forward(x, w, b, stride=1, padding=0):
    p = padding
    X = np.pad(x, ((0, 0), (0, 0), (p, p), (p, p)))
    Y = corr2d_multi_in_out(X, w, stride)
    return Y + b.reshape(1, -1, 1, 1)


def pool2d(X, pool_size, stride):
    p_h, p_w = pool_size, pool_size
    Ho = (X.shape[2] - p_h) // stride + 1
    Wo = (X.shape[3] - p_w) // stride + 1
    views = [X[:, :, i : i + stride * Ho : stride, j : j + stride * Wo : stride]
             for i in range(p_h) for j in range(p_w)]
    return np.stack(views).max(axis=0)


def max_pool2d_forward(x, kernel_size, stride=None):
    return pool2d(x, kernel_size, kernel_size if stride is None else stride)
