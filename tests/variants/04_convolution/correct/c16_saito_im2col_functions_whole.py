"""A whole file in the plain-function style of Deep Learning from Scratch: im2col filled by a loop over the filter offsets into a 6-d buffer, then np.dot with the reshaped filters; Saito's int(...) sizes; the pool ceil_mode size by negated floor division with PyTorch's last-window rule.

composition: whole
expect: full
"""
import numpy as np


def _to_pair(v):
    if isinstance(v, int):
        return (v, v)
    return tuple(v)


def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    KH, KW = _to_pair(kernel_size)
    SH, SW = _to_pair(stride)
    PH, PW = _to_pair(padding)
    DH, DW = _to_pair(dilation)
    for v in (KH, KW, SH, SW, DH, DW):
        if v < 1:
            raise ValueError("kernel_size/stride/dilation must be positive")
    for v in (PH, PW):
        if v < 0:
            raise ValueError("padding must be non-negative")
    eff_h = DH * (KH - 1) + 1
    eff_w = DW * (KW - 1) + 1
    if h + 2 * PH < eff_h or w + 2 * PW < eff_w:
        raise ValueError("kernel larger than padded input")
    out_h = (h + 2 * PH - eff_h) // SH + 1
    out_w = (w + 2 * PW - eff_w) // SW + 1
    return out_h, out_w


def pool2d_output_size(h, w, kernel_size, stride=None, padding=0, ceil_mode=False):
    KH, KW = _to_pair(kernel_size)
    if stride is None:
        SH, SW = KH, KW
    else:
        SH, SW = _to_pair(stride)
    PH, PW = _to_pair(padding)
    if KH < 1 or KW < 1 or SH < 1 or SW < 1:
        raise ValueError("kernel_size and stride must be >= 1")
    if PH < 0 or PW < 0:
        raise ValueError("padding must be >= 0")
    if 2 * PH > KH or 2 * PW > KW:
        raise ValueError("pad should be at most half of effective kernel size")

    def one(n, k, s, p):
        span = n + 2 * p - k
        if ceil_mode:
            out = -(-span // s) + 1
            # the last window must start inside the input or the left padding
            if (out - 1) * s >= n + p:
                out -= 1
        else:
            out = span // s + 1
        if out < 1:
            raise ValueError("output size would be < 1")
        return out

    return one(h, KH, SH, PH), one(w, KW, SW, PW)


def im2col(input_data, filter_h, filter_w, stride=1, pad=0):
    N, C, H, W = input_data.shape
    out_h = (H + 2 * pad - filter_h) // stride + 1
    out_w = (W + 2 * pad - filter_w) // stride + 1

    img = np.pad(input_data, [(0, 0), (0, 0), (pad, pad), (pad, pad)], "constant")
    col = np.zeros((N, C, filter_h, filter_w, out_h, out_w), dtype=input_data.dtype)

    for y in range(filter_h):
        y_max = y + stride * out_h
        for x in range(filter_w):
            x_max = x + stride * out_w
            col[:, :, y, x, :, :] = img[:, :, y:y_max:stride, x:x_max:stride]

    col = col.transpose(0, 4, 5, 1, 2, 3).reshape(N * out_h * out_w, -1)
    return col


def conv2d_forward(x, w, b, stride=1, padding=0):
    FN, C, FH, FW = w.shape
    N, C, H, W = x.shape
    out_h = 1 + int((H + 2 * padding - FH) / stride)
    out_w = 1 + int((W + 2 * padding - FW) / stride)

    col = im2col(x, FH, FW, stride, padding)
    col_W = w.reshape(FN, -1).T
    out = np.dot(col, col_W) + b

    out = out.reshape(N, out_h, out_w, -1).transpose(0, 3, 1, 2)
    return out


def max_pool2d_forward(x, kernel_size, stride=None):
    pool_h = pool_w = kernel_size
    if stride is None:
        stride = kernel_size
    N, C, H, W = x.shape
    out_h = int(1 + (H - pool_h) / stride)
    out_w = int(1 + (W - pool_w) / stride)

    col = im2col(x, pool_h, pool_w, stride, 0)
    col = col.reshape(-1, pool_h * pool_w)
    out = np.max(col, axis=1)
    out = out.reshape(N, out_h, out_w, C).transpose(0, 3, 1, 2)
    return out
