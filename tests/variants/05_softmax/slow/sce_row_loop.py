"""softmax_cross_entropy with a Python `for i in range(N)` loop over rows (each row
vectorized with numpy, stable): values are right, but the per-row overhead makes it slow.

expect: softmax_cross_entropy.timing ~ slow|time|limit
"""
import numpy as np


def softmax_cross_entropy(logits, labels):
    N = logits.shape[0]
    dlogits = np.empty_like(logits)
    loss = 0.0
    for i in range(N):
        row = logits[i] - np.max(logits[i])
        e = np.exp(row)
        s = np.sum(e)
        loss += np.log(s) - row[labels[i]]
        p = e / s
        p[labels[i]] -= 1
        dlogits[i] = p / N
    return loss / N, dlogits
