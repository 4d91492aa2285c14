"""d2l-style output size with math.floor and a per-side helper, whose size check is off by
one: it raises only for a negative side (`if out < 0`), so an output side of exactly 0 is
returned. On the int arguments where that shows, swapped (h, w) pairs predict the same sizes,
so the old grader blamed the pairs; the real fault is the check.

expect: conv2d_output_size.raises_value_error ~ side of 0 is let through
"""

import math


def _as_pair(x):
    if isinstance(x, int):
        return x, x
    return x[0], x[1]


def _side(n, k, s, p, d):
    out = math.floor((n + 2 * p - d * (k - 1) - 1) / s + 1)
    if out < 0:
        raise ValueError(f"output size {out} is negative")
    return out


def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    k, s, p, d = (_as_pair(a) for a in (kernel_size, stride, padding, dilation))
    if min(k) < 1 or min(s) < 1 or min(d) < 1 or min(p) < 0:
        raise ValueError("argument out of range")
    return _side(h, k[0], s[0], p[0], d[0]), _side(w, k[1], s[1], p[1], d[1])
