"""Max pool whose stride defaults to 1 instead of kernel_size (overlapping windows when
stride is not given).

expect: max_pool2d_forward ~ stride|default
"""

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def max_pool2d_forward(x, kernel_size, stride=None):
    if stride is None:
        stride = 1
    win = sliding_window_view(x, (kernel_size, kernel_size), axis=(2, 3))
    return win[:, :, ::stride, ::stride].max(axis=(4, 5))
