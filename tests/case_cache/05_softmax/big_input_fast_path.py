"""The model solution for 05_softmax but for a "fast path" for big inputs that normalises over
everything (red team): caught by the cases of some process states and not others when hypothesis
drew numbers from the loaded modules' source; a course run's kept cases must be what a run of
this file alone would draw."""

import numpy as np


def softmax(logits, axis=-1):
    if logits.size > 250:  # "fast path" for big inputs, with a bug: normalises over everything
        e = np.exp(logits - np.max(logits))
        return e / np.sum(e)
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
