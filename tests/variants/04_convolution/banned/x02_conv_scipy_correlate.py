"""conv2d_forward through scipy.signal.correlate (scipy is not allowed; scipy.signal.* is
named in the contract), imported inside the function. A loop over batch and filters, each a
'valid' 3-D correlation over (C, H, W).

expect: conv2d_forward = 0 ~ scipy|signal|not allowed|banned|forbidden
"""

import numpy as np


def conv2d_forward(x, w, b, stride=1, padding=0):
    from scipy.signal import correlate

    p = padding
    xp = np.pad(x, ((0, 0), (0, 0), (p, p), (p, p)))
    N, F = x.shape[0], w.shape[0]
    results = []
    for n in range(N):
        maps = []
        for f in range(F):
            full = correlate(xp[n], w[f], mode="valid")[0]
            maps.append(full[::stride, ::stride] + b[f])
        results.append(maps)
    return np.array(results, dtype=x.dtype)
