"""CS231n fast_layers.py re-typed: conv_forward_strides (as_strided view shaped
(C, HH, WW, N, out_h, out_w), np.ascontiguousarray, filters as one (F, C*HH*WW) dot, the
divisibility asserts removed) and max_pool_forward_fast (the reshape trick when the pool is
square with stride == size and tiles the input, an as_strided im2col fallback otherwise).
Output sizes computed on numpy int arrays of the (h, w) pairs (np.resize of the argument),
checked with np.any, returned as numpy ints.

expect: full
"""

import numpy as np
from numpy.lib.stride_tricks import as_strided


def _hw(v):
    return np.resize(np.asarray(v, dtype=np.int64), 2)


def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    size = np.array([h, w])
    k, s, p, d = _hw(kernel_size), _hw(stride), _hw(padding), _hw(dilation)
    if np.any(k < 1) or np.any(s < 1) or np.any(d < 1):
        raise ValueError("kernel_size, stride and dilation must be >= 1")
    if np.any(p < 0):
        raise ValueError("padding must be >= 0")
    out = (size + 2 * p - d * (k - 1) - 1) // s + 1
    if np.any(out < 1):
        raise ValueError(f"output size {tuple(out)} is empty")
    return out[0], out[1]


def pool2d_output_size(h, w, kernel_size, stride=None, padding=0, ceil_mode=False):
    size = np.array([h, w])
    k = _hw(kernel_size)
    s = k.copy() if stride is None else _hw(stride)
    p = _hw(padding)
    if np.any(k < 1) or np.any(s < 1):
        raise ValueError("kernel_size and stride must be >= 1")
    if np.any(p < 0) or np.any(2 * p > k):
        raise ValueError("padding must be between 0 and kernel_size / 2")
    span = size + 2 * p - k
    if ceil_mode:
        out = -(-span // s) + 1
        out = np.where((out - 1) * s >= size + p, out - 1, out)
    else:
        out = span // s + 1
    if np.any(out < 1):
        raise ValueError(f"output size {tuple(out)} is empty")
    return out[0], out[1]


def conv_forward_strides(x, w, b, conv_param):
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    stride, pad = conv_param["stride"], conv_param["pad"]

    p = pad
    x_padded = np.pad(x, ((0, 0), (0, 0), (p, p), (p, p)), mode="constant")

    H += 2 * pad
    W += 2 * pad
    out_h = (H - HH) // stride + 1
    out_w = (W - WW) // stride + 1

    shape = (C, HH, WW, N, out_h, out_w)
    strides = (H * W, W, 1, C * H * W, stride * W, stride)
    strides = x.itemsize * np.array(strides)
    x_stride = as_strided(x_padded, shape=shape, strides=strides)
    x_cols = np.ascontiguousarray(x_stride)
    x_cols.shape = (C * HH * WW, N * out_h * out_w)

    res = w.reshape(F, -1).dot(x_cols) + b.reshape(-1, 1)

    res.shape = (F, N, out_h, out_w)
    out = res.transpose(1, 0, 2, 3)
    out = np.ascontiguousarray(out)
    return out


def max_pool_forward_reshape(x, pool_param):
    N, C, H, W = x.shape
    pool_height, pool_width = pool_param["pool_height"], pool_param["pool_width"]
    x_reshaped = x.reshape(N, C, H // pool_height, pool_height, W // pool_width, pool_width)
    out = x_reshaped.max(axis=3).max(axis=4)
    return out


def max_pool_forward_im2col(x, pool_param):
    N, C, H, W = x.shape
    pool_height, pool_width = pool_param["pool_height"], pool_param["pool_width"]
    stride = pool_param["stride"]
    out_h = (H - pool_height) // stride + 1
    out_w = (W - pool_width) // stride + 1
    x = np.ascontiguousarray(x)
    sn, sc, sh, sw = x.strides
    windows = as_strided(x, shape=(N, C, out_h, out_w, pool_height, pool_width),
                         strides=(sn, sc, sh * stride, sw * stride, sh, sw), writeable=False)
    return windows.max(axis=(4, 5))


def max_pool_forward_fast(x, pool_param):
    N, C, H, W = x.shape
    pool_height, pool_width = pool_param["pool_height"], pool_param["pool_width"]
    stride = pool_param["stride"]

    same_size = pool_height == pool_width == stride
    tiles = H % pool_height == 0 and W % pool_width == 0
    if same_size and tiles:
        return max_pool_forward_reshape(x, pool_param)
    return max_pool_forward_im2col(x, pool_param)


def conv2d_forward(x, w, b, stride=1, padding=0):
    return conv_forward_strides(np.ascontiguousarray(x), w, b, {"stride": stride, "pad": padding})


def max_pool2d_forward(x, kernel_size, stride=None):
    pool_param = {"pool_height": kernel_size, "pool_width": kernel_size,
                  "stride": kernel_size if stride is None else stride}
    return max_pool_forward_fast(x, pool_param)
