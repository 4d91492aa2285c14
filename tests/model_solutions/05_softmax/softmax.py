"""Model solution for 05_softmax (numpy only): stable softmax, log-softmax and softmax
cross-entropy with its gradient."""

import numpy as np


def softmax(logits, axis=-1):
    shifted = logits - np.max(logits, axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=axis, keepdims=True)


def log_softmax(logits, axis=-1):
    shifted = logits - np.max(logits, axis=axis, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))


def softmax_cross_entropy(logits, labels):
    N = logits.shape[0]
    rows = np.arange(N)
    labels = np.asarray(labels).astype(np.intp, copy=False)
    shifted = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(shifted)
    total = e.sum(axis=1, keepdims=True)
    # loss_i = log(sum_j e^{z_ij - max_i}) - (z_{i,y_i} - max_i)
    loss = (np.log(total[:, 0]) - shifted[rows, labels]).mean()
    dlogits = e / total
    dlogits[rows, labels] -= 1
    dlogits /= N
    return np.asarray(loss, dtype=logits.dtype), dlogits
