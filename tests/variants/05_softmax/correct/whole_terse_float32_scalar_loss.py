"""A terse whole file using positional axis arguments (x.max(axis, keepdims=True)); the loss is -lp[r, labels].mean(), a numpy float32 scalar for float32 logits.

composition: whole
expect: full
"""
import numpy as np


def softmax(logits, axis=-1):
    e = np.exp(logits - logits.max(axis, keepdims=True))
    return e / e.sum(axis, keepdims=True)


def log_softmax(logits, axis=-1):
    z = logits - logits.max(axis, keepdims=True)
    return z - np.log(np.exp(z).sum(axis, keepdims=True))


def softmax_cross_entropy(logits, labels):
    lp, r = log_softmax(logits), np.arange(len(labels))
    d = np.exp(lp)
    d[r, labels] -= 1
    return -lp[r, labels].mean(), d / len(labels)
