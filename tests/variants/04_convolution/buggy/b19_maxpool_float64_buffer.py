"""Max pool with a running maximum started from np.full(shape, -np.inf): float64, so a
float32 input comes back float64.

expect: max_pool2d_forward ~ float64|float32|dtype
"""

import numpy as np


def max_pool2d_forward(x, kernel_size, stride=None):
    k = kernel_size
    s = k if stride is None else stride
    N, C, H, W = x.shape
    Ho, Wo = (H - k) // s + 1, (W - k) // s + 1
    out = np.full((N, C, Ho, Wo), -np.inf)
    for i in range(k):
        for j in range(k):
            out = np.maximum(out, x[:, :, i : i + s * (Ho - 1) + 1 : s, j : j + s * (Wo - 1) + 1 : s])
    return out
