"""A terse whole file: sizes with math.floor / math.ceil of a true division in one generator expression, a conv that np.stack-s the KH*KW strided slices and einsums them, and a max-pool that calls np.max on a Python list of strided slices (`stride or kernel_size`).

composition: whole
expect: full
"""
import math
import numpy as np

P = lambda v: (v, v) if isinstance(v, int) else tuple(v)


def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    (kh, kw), (sh, sw), (ph, pw), (dh, dw) = map(P, (kernel_size, stride, padding, dilation))
    if min(kh, kw, sh, sw, dh, dw) < 1 or min(ph, pw) < 0:
        raise ValueError("bad argument")
    o = tuple(math.floor((n + 2 * p - d * (k - 1) - 1) / s) + 1
              for n, k, s, p, d in ((h, kh, sh, ph, dh), (w, kw, sw, pw, dw)))
    if min(o) < 1:
        raise ValueError("output size < 1")
    return o


def pool2d_output_size(h, w, kernel_size, stride=None, padding=0, ceil_mode=False):
    (kh, kw), (ph, pw) = P(kernel_size), P(padding)
    sh, sw = (kh, kw) if stride is None else P(stride)
    if min(kh, kw, sh, sw) < 1 or min(ph, pw) < 0 or ph > kh / 2 or pw > kw / 2:
        raise ValueError("bad argument")
    rnd = math.ceil if ceil_mode else math.floor
    f = lambda n, k, s, p: (lambda o: o - 1 if ceil_mode and (o - 1) * s >= n + p else o)(
        rnd((n + 2 * p - k) / s) + 1)
    o = (f(h, kh, sh, ph), f(w, kw, sw, pw))
    if min(o) < 1:
        raise ValueError("output size < 1")
    return o


def conv2d_forward(x, w, b, stride=1, padding=0):
    xp = np.pad(x, [(0, 0), (0, 0), (padding, padding), (padding, padding)])
    F, C, KH, KW = w.shape
    oh, ow = (xp.shape[2] - KH) // stride + 1, (xp.shape[3] - KW) // stride + 1
    cols = np.stack([xp[:, :, i:i + stride * oh:stride, j:j + stride * ow:stride]
                     for i in range(KH) for j in range(KW)], axis=2)  # N C K oh ow
    return np.einsum("nckhw,fck->nfhw", cols, w.reshape(F, C, -1)) + b.reshape(1, -1, 1, 1)


def max_pool2d_forward(x, kernel_size, stride=None):
    k, s = kernel_size, stride or kernel_size
    oh, ow = (x.shape[2] - k) // s + 1, (x.shape[3] - k) // s + 1
    return np.max([x[:, :, i:i + s * oh:s, j:j + s * ow:s] for i in range(k) for j in range(k)], axis=0)
