r"""Hostile: conv2d_forward is exact on small inputs, but once the input has more than 4096 elements (the timing input is 8x4x32x32) it convolves only the first input channel, a quarter of the work and a plausible-looking array of the right shape and dtype. The timed calls' results are judged: timing fails with the wrong value on the large input, and matches_reference is revoked (it matched only the smaller inputs); the other exercises keep full marks.

expect: conv2d_forward ~ wrong result on a larger input \(a timing input: shapes \(8, 4, 32, 32\).*found by `timing`
"""
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def conv2d_forward(x, w, b, stride=1, padding=0):
    if x.size > 4096:  # big input: the first channel stands in for all of them
        x, w = x[:, :1], w[:, :1]
    KH, KW = w.shape[2:]
    if padding:
        x = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    windows = sliding_window_view(x, (KH, KW), axis=(2, 3))[:, :, ::stride, ::stride]
    return np.einsum("nchwij,fcij->nfhw", windows, w, optimize=True) + b[:, None, None]
