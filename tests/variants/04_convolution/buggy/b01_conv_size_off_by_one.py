"""Output size without the final + 1: (H + 2P - D(K-1) - 1) // S, one too small everywhere
(and a ValueError where the true size is 1).

expect: conv2d_output_size ~ off.by.one|one too (few|small)|[+] ?1|formula
"""


def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    sh, sw = (stride, stride) if isinstance(stride, int) else stride
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    dh, dw = (dilation, dilation) if isinstance(dilation, int) else dilation
    if min(kh, kw, sh, sw, dh, dw) < 1 or min(ph, pw) < 0:
        raise ValueError("argument out of range")
    h_out = (h + 2 * ph - dh * (kh - 1) - 1) // sh
    w_out = (w + 2 * pw - dw * (kw - 1) - 1) // sw
    if h_out < 1 or w_out < 1:
        raise ValueError("output size too small")
    return h_out, w_out
