"""Sizes with exact rational arithmetic (fractions.Fraction, then math.floor / math.ceil, no
float rounding), pairs normalised with a `type(v) in (tuple, list)` test, and all range
checks collected into one list of problems. The convolution is im2col as a batched matrix
product: windows (N, C*KH*KW, H'*W') from sliding_window_view, and w.reshape(F, -1) @ cols
broadcast over the batch gives (N, F, H'*W') directly. Max pool keeps the argmax (as
students do for the backward pass) and gathers the maxima with np.take_along_axis.

expect: full
"""

import math
from fractions import Fraction

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def _hw(v):
    if type(v) in (tuple, list):
        return tuple(v)
    return (v, v)


def _side(n, k, s, p, d=1, ceil_mode=False):
    q = Fraction(n + 2 * p - d * (k - 1) - 1, s)
    o = (math.ceil(q) if ceil_mode else math.floor(q)) + 1
    if ceil_mode and (o - 1) * s >= n + p:
        o -= 1
    return o


def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    k, s, p, d = _hw(kernel_size), _hw(stride), _hw(padding), _hw(dilation)
    problems = []
    if min(k) < 1:
        problems.append(f"kernel_size={kernel_size}")
    if min(s) < 1:
        problems.append(f"stride={stride}")
    if min(d) < 1:
        problems.append(f"dilation={dilation}")
    if min(p) < 0:
        problems.append(f"padding={padding}")
    if problems:
        raise ValueError("out of range: " + ", ".join(problems))
    out = (_side(h, k[0], s[0], p[0], d[0]), _side(w, k[1], s[1], p[1], d[1]))
    if min(out) < 1:
        raise ValueError(f"output size {out} is not positive")
    return out


def pool2d_output_size(h, w, kernel_size, stride=None, padding=0, ceil_mode=False):
    k = _hw(kernel_size)
    s = k if stride is None else _hw(stride)
    p = _hw(padding)
    problems = []
    if min(k) < 1:
        problems.append(f"kernel_size={kernel_size}")
    if min(s) < 1:
        problems.append(f"stride={stride}")
    if min(p) < 0:
        problems.append(f"padding={padding}")
    elif any(Fraction(pi) > Fraction(ki, 2) for pi, ki in zip(p, k)):
        problems.append(f"padding={padding} > kernel_size/2")
    if problems:
        raise ValueError("out of range: " + ", ".join(problems))
    out = (_side(h, k[0], s[0], p[0], ceil_mode=ceil_mode),
           _side(w, k[1], s[1], p[1], ceil_mode=ceil_mode))
    if min(out) < 1:
        raise ValueError(f"output size {out} is not positive")
    return out


def conv2d_forward(x, w, b, stride=1, padding=0):
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding,) * 2, (padding,) * 2), mode="constant")
    win = sliding_window_view(xp, (KH, KW), axis=(2, 3))[:, :, ::stride, ::stride]
    Ho, Wo = win.shape[2], win.shape[3]
    cols = win.transpose(0, 1, 4, 5, 2, 3).reshape(N, C * KH * KW, Ho * Wo)
    out = np.matmul(w.reshape(F, C * KH * KW), cols)  # (N, F, Ho*Wo)
    out = out + b[:, None]
    return out.reshape(N, F, Ho, Wo)


def max_pool2d_forward(x, kernel_size, stride=None):
    if stride is None:
        stride = kernel_size
    N, C, H, W = x.shape
    win = sliding_window_view(x, (kernel_size, kernel_size), axis=(2, 3))[:, :, ::stride, ::stride]
    Ho, Wo = win.shape[2], win.shape[3]
    flat = win.reshape(N, C, Ho, Wo, kernel_size * kernel_size)
    arg_max = np.argmax(flat, axis=-1)
    out = np.take_along_axis(flat, arg_max[..., None], axis=-1)[..., 0]
    return out
