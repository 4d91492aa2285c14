"""The padding check written with >= instead of >: padding equal to half the kernel
(kernel 2 / padding 1, kernel 4 / padding 2) is rejected although PyTorch allows it.

expect: pool2d_output_size ~ exactly half|padding <= kernel_size
"""


def pool2d_output_size(h, w, kernel_size, stride=None, padding=0, ceil_mode=False):
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    if stride is None:
        sh, sw = kh, kw
    else:
        sh, sw = (stride, stride) if isinstance(stride, int) else stride
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    if min(kh, kw, sh, sw) < 1 or min(ph, pw) < 0:
        raise ValueError("argument out of range")
    if ph >= kh / 2 and ph > 0 or pw >= kw / 2 and pw > 0:
        raise ValueError("bad padding")
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
