"""Output size written for int arguments only: an (h, w) pair for kernel_size, stride,
padding or dilation makes the arithmetic fail with a TypeError.

expect: conv2d_output_size ~ pair|tuple|TypeError|int
"""


def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    if kernel_size < 1 or stride < 1 or dilation < 1 or padding < 0:
        raise ValueError("argument out of range")
    h_out = (h + 2 * padding - dilation * (kernel_size - 1) - 1) // stride + 1
    w_out = (w + 2 * padding - dilation * (kernel_size - 1) - 1) // stride + 1
    if h_out < 1 or w_out < 1:
        raise ValueError("output size too small")
    return h_out, w_out
