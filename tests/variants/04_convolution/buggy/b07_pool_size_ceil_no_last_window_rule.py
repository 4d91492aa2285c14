"""ceil_mode as a plain ceil of (H + 2P - K)/S + 1, without PyTorch's rule that the last
window must start inside the input or the left padding (one too many when it would start in
the right padding).

expect: pool2d_output_size ~ ceil|last window|window|start
"""

import math


def pool2d_output_size(h, w, kernel_size, stride=None, padding=0, ceil_mode=False):
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    if stride is None:
        sh, sw = kh, kw
    else:
        sh, sw = (stride, stride) if isinstance(stride, int) else stride
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    if min(kh, kw, sh, sw) < 1 or min(ph, pw) < 0 or ph > kh / 2 or pw > kw / 2:
        raise ValueError("argument out of range")
    rnd = math.ceil if ceil_mode else math.floor
    h_out = rnd((h + 2 * ph - kh) / sh) + 1
    w_out = rnd((w + 2 * pw - kw) / sw) + 1
    if h_out < 1 or w_out < 1:
        raise ValueError("output size too small")
    return h_out, w_out
