"""Max pool computed densely: the max over every stride-1 window (sliding_window_view(...)
.max over the window axes) and only then subsampled by the stride. Fully vectorized, if
wasteful (stride**2 times the windows the output needs); the grader's timing limit must not
turn its verdict into a coin toss (it measured 20-25x the reference against a 20x limit).

expect: full
"""

from numpy.lib.stride_tricks import sliding_window_view


def max_pool2d_forward(x, kernel_size, stride=None):
    k = kernel_size
    s = k if stride is None else stride
    dense = sliding_window_view(x, (k, k), axis=(2, 3)).max(axis=(-2, -1))  # every position
    return dense[:, :, ::s, ::s]
