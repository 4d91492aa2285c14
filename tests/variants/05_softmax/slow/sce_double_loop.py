"""softmax_cross_entropy with a Python double loop over rows and classes (math.exp /
math.log): values and stability are right, but it is far slower than a vectorized version.

expect: softmax_cross_entropy.timing ~ slow|time|timing|vectori|loop|ratio
"""
import math

import numpy as np


def softmax_cross_entropy(logits, labels):
    N, C = logits.shape
    dlogits = np.empty_like(logits)
    loss = 0.0
    for i in range(N):
        m = max(logits[i, j] for j in range(C))
        s = 0.0
        for j in range(C):
            s += math.exp(logits[i, j] - m)
        log_s = math.log(s)
        for j in range(C):
            p = math.exp(logits[i, j] - m - log_s)
            dlogits[i, j] = (p - (1.0 if j == labels[i] else 0.0)) / N
        loss -= logits[i, labels[i]] - m - log_s
    return loss / N, dlogits
