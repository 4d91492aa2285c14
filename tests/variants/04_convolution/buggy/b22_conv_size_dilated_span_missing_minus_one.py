r"""PyTorch's formula mistyped without its "- 1": (H + 2P - D(K-1)) // S + 1, as if the
dilated kernel spanned D(K-1) pixels instead of D(K-1) + 1 (one too many whenever the
remainder is 0, e.g. always with stride 1).

expect: conv2d_output_size ~ span.*\+ 1
"""


def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    sh, sw = (stride, stride) if isinstance(stride, int) else stride
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    dh, dw = (dilation, dilation) if isinstance(dilation, int) else dilation
    if min(kh, kw, sh, sw, dh, dw) < 1 or min(ph, pw) < 0:
        raise ValueError("argument out of range")
    h_out = (h + 2 * ph - dh * (kh - 1)) // sh + 1
    w_out = (w + 2 * pw - dw * (kw - 1)) // sw + 1
    if h_out < 1 or w_out < 1:
        raise ValueError("output size too small")
    return h_out, w_out
