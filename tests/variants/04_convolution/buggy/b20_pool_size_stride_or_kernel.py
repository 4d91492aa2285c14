"""Pool output size with `stride = stride or kernel_size`: stride=0 silently becomes the
kernel size instead of raising ValueError.

expect: pool2d_output_size ~ stride|ValueError|range|zero
"""


def pool2d_output_size(h, w, kernel_size, stride=None, padding=0, ceil_mode=False):
    stride = stride or kernel_size
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    sh, sw = (stride, stride) if isinstance(stride, int) else stride
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    if min(kh, kw, sh, sw) < 1 or min(ph, pw) < 0 or 2 * ph > kh or 2 * pw > kw:
        raise ValueError("argument out of range")
    out = []
    for n, k, s, p in ((h, kh, sh, ph), (w, kw, sw, pw)):
        span = n + 2 * p - k
        o = (-(-span // s) if ceil_mode else span // s) + 1
        if ceil_mode and (o - 1) * s >= n + p:
            o -= 1
        if o < 1:
            raise ValueError("output size too small")
        out.append(o)
    return tuple(out)
