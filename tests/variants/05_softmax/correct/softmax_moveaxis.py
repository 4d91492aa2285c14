"""Move the softmax axis to the end, work on the last axis with [..., None], move it back.
The cross-entropy builds a one-hot matrix with np.eye(C, dtype=logits.dtype)[labels].

expect: full
"""
import numpy as np


def softmax(logits, axis=-1):
    z = np.moveaxis(logits, axis, -1)
    z = z - z.max(axis=-1)[..., None]
    e = np.exp(z)
    p = e / e.sum(axis=-1)[..., None]
    return np.moveaxis(p, -1, axis)


def log_softmax(logits, axis=-1):
    z = np.moveaxis(logits, axis, -1)
    z = z - z.max(axis=-1)[..., None]
    out = z - np.log(np.exp(z).sum(axis=-1))[..., None]
    return np.moveaxis(out, -1, axis)


def softmax_cross_entropy(logits, labels):
    N, C = logits.shape
    onehot = np.eye(C, dtype=logits.dtype)[labels]
    z = logits - logits.max(axis=1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    loss = -np.sum(onehot * logp) / N
    dlogits = (np.exp(logp) - onehot) / N
    return loss, dlogits
