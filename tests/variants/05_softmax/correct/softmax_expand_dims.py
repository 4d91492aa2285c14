"""Reductions without keepdims, put back with np.expand_dims; the loss is returned as a
Python float; the gradient subtracts the one-hot through fancy indexing on a fresh array.

expect: full
"""
import numpy as np


def softmax(logits, axis=-1):
    m = np.max(logits, axis=axis)
    e = np.exp(logits - np.expand_dims(m, axis))
    s = np.sum(e, axis=axis)
    return e / np.expand_dims(s, axis)


def log_softmax(logits, axis=-1):
    m = np.expand_dims(np.max(logits, axis=axis), axis)
    shifted = logits - m
    lse = np.log(np.sum(np.exp(shifted), axis=axis))
    return shifted - np.expand_dims(lse, axis)


def softmax_cross_entropy(logits, labels):
    N = len(labels)
    rows = np.arange(N)
    m = np.max(logits, axis=1)
    shifted = logits - m[:, None]
    lse = np.log(np.sum(np.exp(shifted), axis=1))
    loss = float(np.mean(lse - shifted[rows, labels]))
    dlogits = np.exp(shifted - lse[:, None])
    dlogits[rows, labels] -= 1
    return loss, dlogits / N
