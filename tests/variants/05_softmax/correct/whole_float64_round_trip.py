"""A whole file that computes everything in float64 (np.asarray(..., dtype=np.float64)) and casts results back with .astype(logits.dtype); the loss returned as float(...).

composition: whole
expect: full
"""
import numpy as np


def softmax(logits, axis=-1):
    z = np.asarray(logits, dtype=np.float64)
    z = z - z.max(axis=axis, keepdims=True)
    e = np.exp(z)
    return (e / e.sum(axis=axis, keepdims=True)).astype(logits.dtype)


def log_softmax(logits, axis=-1):
    z = np.asarray(logits, dtype=np.float64)
    z = z - z.max(axis=axis, keepdims=True)
    return (z - np.log(np.exp(z).sum(axis=axis, keepdims=True))).astype(logits.dtype)


def softmax_cross_entropy(logits, labels):
    z = logits.astype(np.float64)
    n = z.shape[0]
    z = z - z.max(axis=1, keepdims=True)
    lse = np.log(np.exp(z).sum(axis=1, keepdims=True))
    logp = z - lse
    rows = np.arange(n)
    loss = -logp[rows, labels].mean()
    grad = np.exp(logp)
    grad[rows, labels] -= 1.0
    grad /= n
    return float(loss), grad.astype(logits.dtype)
