"""Output sizes by counting window start positions with len(range(0, last + 1, stride))
(ceil mode: starts up to span + stride - 1 that lie inside the input or the left padding);
the convolution through the convolution theorem: cross-correlation = irfft2(rfft2(x) *
conj(rfft2(w))) on the padded size (no wrap-around in the valid part), summed over channels
in the frequency domain, then subsampled by the stride; NumPy 2's FFT keeps float32 as
complex64, and the result is cast back to x's dtype. Max pool separably: the max over the
window's columns (sliding_window_view along W) and then over its rows.

expect: full
"""

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def _pair(v):
    if isinstance(v, (list, tuple)):
        a, b = v
        return a, b
    return v, v


def _starts(n, k, s, p, d=1, ceil_mode=False):
    span = n + 2 * p - d * (k - 1) - 1  # last possible start of a full window
    if ceil_mode:
        return len(range(0, min(span + s, n + p), s))
    return len(range(0, span + 1, s))


def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    (kh, kw), (sh, sw) = _pair(kernel_size), _pair(stride)
    (ph, pw), (dh, dw) = _pair(padding), _pair(dilation)
    if kh < 1 or kw < 1 or sh < 1 or sw < 1 or dh < 1 or dw < 1:
        raise ValueError("kernel_size, stride, dilation must be at least 1")
    if ph < 0 or pw < 0:
        raise ValueError("padding can't be negative")
    out_h = _starts(h, kh, sh, ph, dh)
    out_w = _starts(w, kw, sw, pw, dw)
    if out_h == 0 or out_w == 0:
        raise ValueError("the kernel does not fit into the padded input")
    return out_h, out_w


def pool2d_output_size(h, w, kernel_size, stride=None, padding=0, ceil_mode=False):
    kh, kw = _pair(kernel_size)
    sh, sw = (kh, kw) if stride is None else _pair(stride)
    ph, pw = _pair(padding)
    if kh < 1 or kw < 1 or sh < 1 or sw < 1:
        raise ValueError("kernel_size and stride must be at least 1")
    if ph < 0 or pw < 0 or ph > kh / 2 or pw > kw / 2:
        raise ValueError("padding must be in [0, kernel_size / 2]")
    out_h = _starts(h, kh, sh, ph, ceil_mode=ceil_mode)
    out_w = _starts(w, kw, sw, pw, ceil_mode=ceil_mode)
    if out_h == 0 or out_w == 0:
        raise ValueError("the pooling window does not fit into the padded input")
    return out_h, out_w


def conv2d_forward(x, w, b, stride=1, padding=0):
    F, C, KH, KW = w.shape
    p = padding
    xp = np.pad(x, ((0, 0), (0, 0), (p, p), (p, p)))
    Hp, Wp = xp.shape[2:]
    X = np.fft.rfft2(xp, s=(Hp, Wp))          # (N, C, Hp, Wp//2+1)
    K = np.fft.rfft2(w, s=(Hp, Wp))           # zero-padded filters
    Y = np.einsum("nchw,fchw->nfhw", X, np.conj(K), optimize=True)
    full = np.fft.irfft2(Y, s=(Hp, Wp))      # circular cross-correlation
    out = full[:, :, : Hp - KH + 1 : stride, : Wp - KW + 1 : stride]
    return (out + b[None, :, None, None]).astype(x.dtype)


def max_pool2d_forward(x, kernel_size, stride=None):
    k = kernel_size
    s = k if stride is None else stride
    cols = sliding_window_view(x, k, axis=3)[:, :, :, ::s].max(axis=-1)   # (N, C, H, W')
    rows = sliding_window_view(cols, k, axis=2)[:, :, ::s].max(axis=-1)   # (N, C, H', W')
    return rows
