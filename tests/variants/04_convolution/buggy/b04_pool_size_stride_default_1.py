"""Pool output size with stride defaulting to 1 (as for a conv) instead of kernel_size.

expect: pool2d_output_size ~ stride|default
"""

import math


def pool2d_output_size(h, w, kernel_size, stride=None, padding=0, ceil_mode=False):
    if stride is None:
        stride = 1
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    sh, sw = (stride, stride) if isinstance(stride, int) else stride
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    if min(kh, kw, sh, sw) < 1 or min(ph, pw) < 0 or 2 * ph > kh or 2 * pw > kw:
        raise ValueError("argument out of range")
    rnd = math.ceil if ceil_mode else math.floor
    sizes = []
    for n, k, s, p in ((h, kh, sh, ph), (w, kw, sw, pw)):
        o = rnd((n + 2 * p - k) / s) + 1
        if ceil_mode and (o - 1) * s >= n + p:
            o -= 1
        if o < 1:
            raise ValueError("output size too small")
        sizes.append(o)
    return tuple(sizes)
