"""CS231n-style output size (H' = 1 + (H + 2P - K) // S, extended to dilation and (h, w)
pairs) that checks the arguments' ranges but never the result: a kernel larger than the padded
input gives a side of 0 (or less) and no ValueError. With int arguments, "(h, w) pairs applied
the wrong way round" predicts the very same sizes; the grader used to name it for this code,
which has no pair mixed up at all.

expect: conv2d_output_size.raises_value_error ~ never checked
"""


def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    def pair(v):
        return tuple(v) if isinstance(v, (tuple, list)) else (v, v)

    (KH, KW), (SH, SW), (PH, PW), (DH, DW) = map(pair, (kernel_size, stride, padding, dilation))
    if min(KH, KW, SH, SW, DH, DW) < 1 or min(PH, PW) < 0:
        raise ValueError("kernel_size, stride and dilation must be >= 1, padding >= 0")
    H_out = 1 + (h + 2 * PH - DH * (KH - 1) - 1) // SH
    W_out = 1 + (w + 2 * PW - DW * (KW - 1) - 1) // SW
    return H_out, W_out
