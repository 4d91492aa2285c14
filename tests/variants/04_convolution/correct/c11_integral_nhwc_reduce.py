"""A TensorFlow habit: work channels-last. Pairs via numbers.Integral and star-unpacking;
the validity of the sizes checked up front (padded side >= dilated kernel, i.e. the
numerator is >= 0) so plain `//` then needs no further check, ceil as -(-a // b). The
convolution moves x to NHWC, takes sliding_window_view windows over (H, W) -> (N, H', W',
C, KH, KW) and contracts them with np.tensordot against w's (C, KH, KW) axes, giving
(N, H', W', F), moved back to NCHW. Max pool as functools.reduce(np.maximum, ...) over the
list of the k*k strided slices.

expect: full
"""

import functools
import numbers

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def _two(value):
    if isinstance(value, numbers.Integral):
        return (int(value),) * 2
    first, second = value
    return int(first), int(second)


def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    kh, kw = _two(kernel_size)
    sh, sw = _two(stride)
    ph, pw = _two(padding)
    dh, dw = _two(dilation)
    if not (kh >= 1 and kw >= 1 and sh >= 1 and sw >= 1 and dh >= 1 and dw >= 1):
        raise ValueError("kernel_size, stride and dilation have to be positive")
    if not (ph >= 0 and pw >= 0):
        raise ValueError("padding has to be non-negative")
    span_h, span_w = dh * (kh - 1) + 1, dw * (kw - 1) + 1
    if h + 2 * ph < span_h:
        raise ValueError(f"padded height {h + 2 * ph} < dilated kernel height {span_h}")
    if w + 2 * pw < span_w:
        raise ValueError(f"padded width {w + 2 * pw} < dilated kernel width {span_w}")
    return (h + 2 * ph - span_h) // sh + 1, (w + 2 * pw - span_w) // sw + 1


def pool2d_output_size(h, w, kernel_size, stride=None, padding=0, ceil_mode=False):
    kh, kw = _two(kernel_size)
    sh, sw = (kh, kw) if stride is None else _two(stride)
    ph, pw = _two(padding)
    if not (kh >= 1 and kw >= 1 and sh >= 1 and sw >= 1):
        raise ValueError("kernel_size and stride have to be positive")
    if not (0 <= 2 * ph <= kh and 0 <= 2 * pw <= kw):
        raise ValueError("padding has to be between 0 and half the kernel size")

    def side(n, k, s, p):
        num = n + 2 * p - k
        if ceil_mode:
            o = -(-num // s) + 1
            if (o - 1) * s >= n + p:
                o -= 1
        else:
            o = num // s + 1
        return o

    out = side(h, kh, sh, ph), side(w, kw, sw, pw)
    if out[0] < 1 or out[1] < 1:
        raise ValueError(f"output size {out} is too small")
    return out


def conv2d_forward(x, w, b, stride=1, padding=0):
    F, C, KH, KW = w.shape
    x_nhwc = np.transpose(x, (0, 2, 3, 1))
    if padding > 0:
        x_nhwc = np.pad(x_nhwc, ((0, 0), (padding, padding), (padding, padding), (0, 0)))
    windows = sliding_window_view(x_nhwc, (KH, KW), axis=(1, 2))  # (N, Hp', Wp', C, KH, KW)
    windows = windows[:, ::stride, ::stride]
    out_nhwf = np.tensordot(windows, w, axes=([3, 4, 5], [1, 2, 3])) + b
    return np.transpose(out_nhwf, (0, 3, 1, 2))


def max_pool2d_forward(x, kernel_size, stride=None):
    k = kernel_size
    s = k if stride is None else stride
    H, W = x.shape[-2:]
    Ho, Wo = (H - k) // s + 1, (W - k) // s + 1
    slices = [x[..., i : i + (Ho - 1) * s + 1 : s, j : j + (Wo - 1) * s + 1 : s]
              for i in range(k) for j in range(k)]
    return functools.reduce(np.maximum, slices)
