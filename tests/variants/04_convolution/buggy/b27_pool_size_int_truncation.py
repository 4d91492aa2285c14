"""Pool size as int((H + 2P - K) / S) + 1 (the CS231n/Saito form): int() truncates toward
zero, so a window one pixel larger than the padded input gives size 1 and no ValueError.

expect: pool2d_output_size ~ truncates toward zero
"""

import math


def pool2d_output_size(h, w, kernel_size, stride=None, padding=0, ceil_mode=False):
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    if stride is None:
        stride = (kh, kw)
    sh, sw = (stride, stride) if isinstance(stride, int) else stride
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    if min(kh, kw, sh, sw) < 1 or min(ph, pw) < 0 or 2 * ph > kh or 2 * pw > kw:
        raise ValueError("argument out of range")
    out = []
    for n, k, s, p in ((h, kh, sh, ph), (w, kw, sw, pw)):
        if ceil_mode:
            o = math.ceil((n + 2 * p - k) / s) + 1
            if (o - 1) * s >= n + p:
                o -= 1
        else:
            o = int((n + 2 * p - k) / s) + 1
        if o < 1:
            raise ValueError("output size too small")
        out.append(o)
    return tuple(out)
