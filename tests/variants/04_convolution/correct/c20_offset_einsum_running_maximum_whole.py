"""A whole file accumulating one einsum per kernel offset into a preallocated dtype-matched output, padding by assignment into a zero buffer, pooling by a running np.maximum over offsets; the ceil_mode size adds one when span % stride != 0, then applies the last-window rule.

composition: whole
expect: full
"""
import numpy as np


def _hw(v):
    if np.ndim(v) == 0:
        return int(v), int(v)
    a, c = v
    return int(a), int(c)


def _check(cond, msg):
    if not cond:
        raise ValueError(msg)


def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    kh, kw = _hw(kernel_size)
    sh, sw = _hw(stride)
    ph, pw = _hw(padding)
    dh, dw = _hw(dilation)
    _check(kh >= 1 and kw >= 1, f"kernel_size must be >= 1, got {kernel_size}")
    _check(sh >= 1 and sw >= 1, f"stride must be >= 1, got {stride}")
    _check(dh >= 1 and dw >= 1, f"dilation must be >= 1, got {dilation}")
    _check(ph >= 0 and pw >= 0, f"padding must be >= 0, got {padding}")
    ekh, ekw = dh * (kh - 1) + 1, dw * (kw - 1) + 1
    _check(ekh <= h + 2 * ph and ekw <= w + 2 * pw, "dilated kernel does not fit")
    return (h + 2 * ph - ekh) // sh + 1, (w + 2 * pw - ekw) // sw + 1


def pool2d_output_size(h, w, kernel_size, stride=None, padding=0, ceil_mode=False):
    kh, kw = _hw(kernel_size)
    sh, sw = (kh, kw) if stride is None else _hw(stride)
    ph, pw = _hw(padding)
    _check(kh >= 1 and kw >= 1, "kernel_size must be >= 1")
    _check(sh >= 1 and sw >= 1, "stride must be >= 1")
    _check(ph >= 0 and pw >= 0, "padding must be >= 0")
    _check(2 * ph <= kh and 2 * pw <= kw, "padding must be at most kernel_size / 2")
    outs = []
    for n, k, s, p in ((h, kh, sh, ph), (w, kw, sw, pw)):
        span = n + 2 * p - k
        o = span // s + 1
        if ceil_mode and span % s != 0:
            o += 1
            if (o - 1) * s >= n + p:
                o -= 1
        _check(o >= 1, "output side would be < 1")
        outs.append(o)
    return tuple(outs)


def conv2d_forward(x, w, b, stride=1, padding=0):
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    p, s = padding, stride
    xp = np.zeros((N, C, H + 2 * p, W + 2 * p), dtype=x.dtype)
    xp[:, :, p:p + H, p:p + W] = x
    Ho = (H + 2 * p - KH) // s + 1
    Wo = (W + 2 * p - KW) // s + 1
    out = np.zeros((N, F, Ho, Wo), dtype=x.dtype)
    for i in range(KH):
        for j in range(KW):
            patch = xp[:, :, i:i + s * (Ho - 1) + 1:s, j:j + s * (Wo - 1) + 1:s]
            out += np.einsum("nchw,fc->nfhw", patch, w[:, :, i, j])
    out += b[None, :, None, None]
    return out


def max_pool2d_forward(x, kernel_size, stride=None):
    k = kernel_size
    s = k if stride is None else stride
    N, C, H, W = x.shape
    Ho, Wo = (H - k) // s + 1, (W - k) // s + 1
    out = None
    for i in range(k):
        for j in range(k):
            patch = x[:, :, i:i + s * (Ho - 1) + 1:s, j:j + s * (Wo - 1) + 1:s]
            out = patch.copy() if out is None else np.maximum(out, patch)
    return out
