"""Output size written by an OpenCV user, for whom a size is (width, height): every (h, w)
pair is unpacked as (w, h), so the first item of kernel_size/stride/padding/dilation goes to
the width. This one really applies the pairs the wrong way round, and is still told so.

expect: conv2d_output_size ~ wrong way round
"""


def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    def wh(v):
        return (v, v) if isinstance(v, int) else (v[0], v[1])

    kw, kh = wh(kernel_size)
    sw, sh = wh(stride)
    pw, ph = wh(padding)
    dw, dh = wh(dilation)
    if min(kw, kh, sw, sh, dw, dh) < 1 or min(pw, ph) < 0:
        raise ValueError("argument out of range")
    h_out = (h + 2 * ph - dh * (kh - 1) - 1) // sh + 1
    w_out = (w + 2 * pw - dw * (kw - 1) - 1) // sw + 1
    if h_out < 1 or w_out < 1:
        raise ValueError("output would be empty")
    return h_out, w_out
