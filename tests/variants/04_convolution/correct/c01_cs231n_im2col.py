"""CS231n-style: get_im2col_indices builds (k, i, j) index arrays and im2col is one fancy
index of the padded input; the conv is one matrix product; max pool reuses im2col on
(N*C, 1, H, W). Output sizes with // and isinstance(..., int) pair handling.

expect: full
"""

import numpy as np


def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    sh, sw = (stride, stride) if isinstance(stride, int) else stride
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    dh, dw = (dilation, dilation) if isinstance(dilation, int) else dilation
    if kh < 1 or kw < 1:
        raise ValueError("kernel_size must be positive")
    if sh < 1 or sw < 1:
        raise ValueError("stride must be positive")
    if dh < 1 or dw < 1:
        raise ValueError("dilation must be positive")
    if ph < 0 or pw < 0:
        raise ValueError("padding must be non-negative")
    h_out = (h + 2 * ph - dh * (kh - 1) - 1) // sh + 1
    w_out = (w + 2 * pw - dw * (kw - 1) - 1) // sw + 1
    if h_out < 1 or w_out < 1:
        raise ValueError(f"output size would be {h_out}x{w_out}")
    return h_out, w_out


def pool2d_output_size(h, w, kernel_size, stride=None, padding=0, ceil_mode=False):
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    if stride is None:
        sh, sw = kh, kw
    else:
        sh, sw = (stride, stride) if isinstance(stride, int) else stride
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    if kh < 1 or kw < 1 or sh < 1 or sw < 1:
        raise ValueError("kernel_size and stride must be positive")
    if ph < 0 or pw < 0:
        raise ValueError("padding must be non-negative")
    if ph > kh / 2 or pw > kw / 2:
        raise ValueError("pad should be at most half of kernel size")

    sizes = []
    for n, k, s, p in ((h, kh, sh, ph), (w, kw, sw, pw)):
        if ceil_mode:
            out = -(-(n + 2 * p - k) // s) + 1
            if (out - 1) * s >= n + p:
                out -= 1
        else:
            out = (n + 2 * p - k) // s + 1
        if out < 1:
            raise ValueError("output size is too small")
        sizes.append(out)
    return sizes[0], sizes[1]


def get_im2col_indices(x_shape, field_height, field_width, padding=1, stride=1):
    N, C, H, W = x_shape
    out_height = (H + 2 * padding - field_height) // stride + 1
    out_width = (W + 2 * padding - field_width) // stride + 1

    i0 = np.repeat(np.arange(field_height), field_width)
    i0 = np.tile(i0, C)
    i1 = stride * np.repeat(np.arange(out_height), out_width)
    j0 = np.tile(np.arange(field_width), field_height * C)
    j1 = stride * np.tile(np.arange(out_width), out_height)
    i = i0.reshape(-1, 1) + i1.reshape(1, -1)
    j = j0.reshape(-1, 1) + j1.reshape(1, -1)
    k = np.repeat(np.arange(C), field_height * field_width).reshape(-1, 1)
    return k, i, j


def im2col_indices(x, field_height, field_width, padding=1, stride=1):
    p = padding
    x_padded = np.pad(x, ((0, 0), (0, 0), (p, p), (p, p)), mode="constant")
    k, i, j = get_im2col_indices(x.shape, field_height, field_width, padding, stride)
    cols = x_padded[:, k, i, j]
    C = x.shape[1]
    cols = cols.transpose(1, 2, 0).reshape(field_height * field_width * C, -1)
    return cols


def conv2d_forward(x, w, b, stride=1, padding=0):
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    H_out = (H + 2 * padding - HH) // stride + 1
    W_out = (W + 2 * padding - WW) // stride + 1
    x_cols = im2col_indices(x, HH, WW, padding=padding, stride=stride)
    res = w.reshape(F, -1).dot(x_cols) + b.reshape(-1, 1)
    out = res.reshape(F, H_out, W_out, N)
    out = out.transpose(3, 0, 1, 2)
    return out


def max_pool2d_forward(x, kernel_size, stride=None):
    if stride is None:
        stride = kernel_size
    N, C, H, W = x.shape
    H_out = (H - kernel_size) // stride + 1
    W_out = (W - kernel_size) // stride + 1
    x_split = x.reshape(N * C, 1, H, W)
    x_cols = im2col_indices(x_split, kernel_size, kernel_size, padding=0, stride=stride)
    out = np.max(x_cols, axis=0)
    out = out.reshape(H_out, W_out, N, C).transpose(2, 3, 0, 1)
    return out
