"""softmax_cross_entropy assembled from Deep Learning from Scratch's pieces: its softmax, its
`cross_entropy_error` with delta = 1e-7 inside the log, and SoftmaxWithLoss's backward
(y - t) / batch_size. The gradient is exactly right; only the loss is biased by the 1e-7, so
matches_reference fails but earns the share of the part that is right (dlogits).

expect: softmax_cross_entropy ~ 1e-0?7.*log-softmax|dlogits matches on every case tried
"""
import numpy as np


def cross_entropy_error(y, t):
    if y.ndim == 1:
        t = t.reshape(1, t.size)
        y = y.reshape(1, y.size)
    # (the book's one-hot branch `if t.size == y.size: t = t.argmax(axis=1)` dropped: labels are ints)
    batch_size = y.shape[0]
    return -np.sum(np.log(y[np.arange(batch_size), t] + 1e-7)) / batch_size


def softmax_cross_entropy(logits, labels):
    y = softmax(logits)
    loss = cross_entropy_error(y, labels)
    batch_size = labels.shape[0]
    dx = y.copy()
    dx[np.arange(batch_size), labels] -= 1
    return loss, dx / batch_size
