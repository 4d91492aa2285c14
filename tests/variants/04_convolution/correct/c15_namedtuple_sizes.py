"""Output sizes returned as a namedtuple Size2d(h, w), as torchvision-style helper code does:
a namedtuple is a tuple, so it must count as one.

expect: full
"""
import math
from collections import namedtuple

Size2d = namedtuple("Size2d", ["h", "w"])


def _as_pair(v):
    return tuple(v) if isinstance(v, (tuple, list)) else (v, v)


def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    sizes = []
    for n, k, s, p, d in zip((h, w), _as_pair(kernel_size), _as_pair(stride), _as_pair(padding), _as_pair(dilation)):
        if k < 1 or s < 1 or p < 0 or d < 1:
            raise ValueError("bad conv arguments")
        span = d * (k - 1) + 1
        if n + 2 * p < span:
            raise ValueError("kernel larger than padded input")
        sizes.append(math.floor((n + 2 * p - span) / s) + 1)
    return Size2d(*sizes)
