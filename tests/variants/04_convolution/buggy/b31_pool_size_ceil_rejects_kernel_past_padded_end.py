"""The pool output size rejects every window larger than the padded input before applying
ceil_mode, as for a convolution: with ceil_mode PyTorch only needs the last window to *start*
inside the input or the left padding, so pool2d_output_size(1, 1, 4, stride=2, padding=1,
ceil_mode=True) is (1, 1), not an error.

expect: pool2d_output_size ~ ceil_mode allows|run past the end|ceil_mode
"""


def pool2d_output_size(h, w, kernel_size, stride=None, padding=0, ceil_mode=False):
    KH, KW = (kernel_size, kernel_size) if isinstance(kernel_size, int) else tuple(kernel_size)
    if stride is None:
        SH, SW = KH, KW
    else:
        SH, SW = (stride, stride) if isinstance(stride, int) else tuple(stride)
    PH, PW = (padding, padding) if isinstance(padding, int) else tuple(padding)
    if KH < 1 or KW < 1 or SH < 1 or SW < 1:
        raise ValueError("kernel_size and stride must be >= 1")
    if PH < 0 or PW < 0:
        raise ValueError("padding must be >= 0")
    if 2 * PH > KH or 2 * PW > KW:
        raise ValueError("pad should be at most half of effective kernel size")

    def one(n, k, s, p):
        span = n + 2 * p - k
        if span < 0:
            raise ValueError("kernel larger than padded input")
        if ceil_mode:
            out = -(-span // s) + 1
            if (out - 1) * s >= n + p:
                out -= 1
        else:
            out = span // s + 1
        return out

    return one(h, KH, SH, PH), one(w, KW, SW, PW)
