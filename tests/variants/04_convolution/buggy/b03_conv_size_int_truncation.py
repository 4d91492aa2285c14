"""int((H + 2P - D(K-1) - 1)/S) + 1: int() truncates toward zero, so a kernel slightly
larger than the padded input gives size 1 instead of 0 and no ValueError is raised.

expect: conv2d_output_size ~ ValueError|trunc|floor|too (small|large)|negative|raise
"""


def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    if isinstance(kernel_size, int):
        kernel_size = (kernel_size, kernel_size)
    if isinstance(stride, int):
        stride = (stride, stride)
    if isinstance(padding, int):
        padding = (padding, padding)
    if isinstance(dilation, int):
        dilation = (dilation, dilation)
    if min(kernel_size) < 1 or min(stride) < 1 or min(dilation) < 1 or min(padding) < 0:
        raise ValueError("argument out of range")
    out = []
    for n, k, s, p, d in zip((h, w), kernel_size, stride, padding, dilation):
        o = int((n + 2 * p - d * (k - 1) - 1) / s) + 1
        if o < 1:
            raise ValueError("output size too small")
        out.append(o)
    return tuple(out)
