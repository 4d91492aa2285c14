"""A helper wraps scipy.special.log_softmax (imported inside it); log_softmax and
softmax_cross_entropy call the helper and score zero; softmax is plain numpy and keeps its marks.

expect: log_softmax = 0 ~ scipy|not allowed|banned|forbidden
expect: softmax_cross_entropy = 0 ~ scipy|not allowed|banned|forbidden
"""
import numpy as np


def _logp(z, axis):
    from scipy.special import log_softmax as lsm
    return lsm(z, axis=axis)


def softmax(logits, axis=-1):
    e = np.exp(logits - np.max(logits, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


def log_softmax(logits, axis=-1):
    return _logp(logits, axis)


def softmax_cross_entropy(logits, labels):
    N = logits.shape[0]
    logp = _logp(logits, 1)
    loss = -np.mean(logp[np.arange(N), labels])
    d = np.exp(logp)
    d[np.arange(N), labels] -= 1
    return loss, d / N
