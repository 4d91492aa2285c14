"""max_pool2d_forward through torch's max_pool2d, torch imported inside a helper the
exercise calls (banned "directly or through a helper").

expect: max_pool2d_forward = 0 ~ torch|not allowed|banned|forbidden
"""

import numpy as np


def _pool_with_library(x, k, s):
    import torch

    return torch.nn.functional.max_pool2d(torch.as_tensor(x), k, s).numpy()


def max_pool2d_forward(x, kernel_size, stride=None):
    return _pool_with_library(x, kernel_size, kernel_size if stride is None else stride)
