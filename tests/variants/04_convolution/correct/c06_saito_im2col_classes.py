"""Deep Learning from Scratch (Saito) re-typed: im2col with np.pad and a 6-D col buffer
(N, C, filter_h, filter_w, out_h, out_w) made in x's dtype, col2im kept from the book,
Convolution and Pooling layer classes whose forward() the contract functions call (the
book's Pooling defaults stride to 1, so None is mapped to the pool size first). Output
sizes as 1 + int((H + 2P - FH) / S) after explicit checks that the kernel fits, so int()
never truncates a negative quotient; ceil_mode through math.ceil; pad check `p > k // 2`.

expect: full
"""

import math

import numpy as np


def _to_pair(v):
    if isinstance(v, int):
        return v, v
    return v[0], v[1]


def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    FH, FW = _to_pair(kernel_size)
    SH, SW = _to_pair(stride)
    PH, PW = _to_pair(padding)
    DH, DW = _to_pair(dilation)
    if FH <= 0 or FW <= 0:
        raise ValueError("kernel_size must be positive")
    if SH <= 0 or SW <= 0:
        raise ValueError("stride must be positive")
    if DH <= 0 or DW <= 0:
        raise ValueError("dilation must be positive")
    if PH < 0 or PW < 0:
        raise ValueError("padding must be >= 0")
    eff_h = DH * (FH - 1) + 1
    eff_w = DW * (FW - 1) + 1
    if h + 2 * PH < eff_h or w + 2 * PW < eff_w:
        raise ValueError("filter is larger than the padded input")
    out_h = 1 + int((h + 2 * PH - eff_h) / SH)
    out_w = 1 + int((w + 2 * PW - eff_w) / SW)
    return out_h, out_w


def pool2d_output_size(h, w, kernel_size, stride=None, padding=0, ceil_mode=False):
    pool_h, pool_w = _to_pair(kernel_size)
    if stride is None:
        stride = (pool_h, pool_w)
    SH, SW = _to_pair(stride)
    PH, PW = _to_pair(padding)
    if pool_h <= 0 or pool_w <= 0 or SH <= 0 or SW <= 0:
        raise ValueError("kernel_size and stride must be positive")
    if PH < 0 or PW < 0:
        raise ValueError("padding must be >= 0")
    if PH > pool_h // 2 or PW > pool_w // 2:
        raise ValueError("pad should be at most half of kernel size")
    sizes = []
    for n, k, s, p in ((h, pool_h, SH, PH), (w, pool_w, SW, PW)):
        if ceil_mode:
            o = math.ceil((n + 2 * p - k) / s) + 1
            if (o - 1) * s >= n + p:  # last window would start in the right padding
                o -= 1
        else:
            if n + 2 * p < k:
                raise ValueError("pool window is larger than the padded input")
            o = 1 + int((n + 2 * p - k) / s)
        if o < 1:
            raise ValueError("output size is too small")
        sizes.append(o)
    return sizes[0], sizes[1]


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


def col2im(col, input_shape, filter_h, filter_w, stride=1, pad=0):
    N, C, H, W = input_shape
    out_h = (H + 2 * pad - filter_h) // stride + 1
    out_w = (W + 2 * pad - filter_w) // stride + 1
    col = col.reshape(N, out_h, out_w, C, filter_h, filter_w).transpose(0, 3, 4, 5, 1, 2)

    img = np.zeros((N, C, H + 2 * pad + stride - 1, W + 2 * pad + stride - 1), dtype=col.dtype)
    for y in range(filter_h):
        y_max = y + stride * out_h
        for x in range(filter_w):
            x_max = x + stride * out_w
            img[:, :, y:y_max:stride, x:x_max:stride] += col[:, :, y, x, :, :]

    return img[:, :, pad:H + pad, pad:W + pad]


class Convolution:
    def __init__(self, W, b, stride=1, pad=0):
        self.W = W
        self.b = b
        self.stride = stride
        self.pad = pad
        self.x = None
        self.col = None
        self.col_W = None

    def forward(self, x):
        FN, C, FH, FW = self.W.shape
        N, C, H, W = x.shape
        out_h = 1 + int((H + 2 * self.pad - FH) / self.stride)
        out_w = 1 + int((W + 2 * self.pad - FW) / self.stride)

        col = im2col(x, FH, FW, self.stride, self.pad)
        col_W = self.W.reshape(FN, -1).T

        out = np.dot(col, col_W) + self.b
        out = out.reshape(N, out_h, out_w, -1).transpose(0, 3, 1, 2)

        self.x = x
        self.col = col
        self.col_W = col_W
        return out


class Pooling:
    def __init__(self, pool_h, pool_w, stride=1, pad=0):
        self.pool_h = pool_h
        self.pool_w = pool_w
        self.stride = stride
        self.pad = pad
        self.x = None
        self.arg_max = None

    def forward(self, x):
        N, C, H, W = x.shape
        out_h = int(1 + (H - self.pool_h) / self.stride)
        out_w = int(1 + (W - self.pool_w) / self.stride)

        col = im2col(x, self.pool_h, self.pool_w, self.stride, self.pad)
        col = col.reshape(-1, self.pool_h * self.pool_w)

        arg_max = np.argmax(col, axis=1)
        out = np.max(col, axis=1)
        out = out.reshape(N, out_h, out_w, C).transpose(0, 3, 1, 2)

        self.x = x
        self.arg_max = arg_max
        return out


def conv2d_forward(x, w, b, stride=1, padding=0):
    return Convolution(w, b, stride=stride, pad=padding).forward(x)


def max_pool2d_forward(x, kernel_size, stride=None):
    if stride is None:
        stride = kernel_size
    return Pooling(kernel_size, kernel_size, stride=stride).forward(x)
