"""Output size guarded by CS231n's assert that (H + 2P - K) is divisible by the stride:
valid sizes with a remainder are rejected (AssertionError), and the wrong exception type
is raised.

expect: conv2d_output_size ~ divis|assert|valid|remainder|raise|exception
"""


def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    sh, sw = (stride, stride) if isinstance(stride, int) else stride
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    dh, dw = (dilation, dilation) if isinstance(dilation, int) else dilation
    if min(kh, kw, sh, sw, dh, dw) < 1 or min(ph, pw) < 0:
        raise ValueError("argument out of range")
    eff_h = dh * (kh - 1) + 1
    eff_w = dw * (kw - 1) + 1
    assert (h + 2 * ph - eff_h) % sh == 0, "height does not work"
    assert (w + 2 * pw - eff_w) % sw == 0, "width does not work"
    h_out = (h + 2 * ph - eff_h) // sh + 1
    w_out = (w + 2 * pw - eff_w) // sw + 1
    if h_out < 1 or w_out < 1:
        raise ValueError("output size too small")
    return h_out, w_out
