"""A whole file built on a keepdims logsumexp helper: log_softmax = x - logsumexp, softmax = exp(x - max) / sum, the loss as an einsum of an np.eye(C, dtype) one-hot with the log-probs.

composition: whole
expect: full
"""
import numpy as np


def _logsumexp(z, axis):
    m = z.max(axis=axis, keepdims=True)
    return m + np.log(np.exp(z - m).sum(axis=axis, keepdims=True))


def softmax(logits, axis=-1):
    e = np.exp(logits - logits.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def log_softmax(logits, axis=-1):
    return logits - _logsumexp(logits, axis)


def softmax_cross_entropy(logits, labels):
    n, c = logits.shape
    logp = log_softmax(logits, axis=1)
    onehot = np.eye(c, dtype=logits.dtype)[labels]
    loss = -np.einsum("nc,nc->", onehot, logp) / n
    dlogits = (np.exp(logp) - onehot) / n
    return loss, dlogits
