"""In-place arithmetic, but only on a copy (logits itself is never touched): z -= max,
np.exp(z, out=z), z /= sum. log_softmax uses np.logaddexp.reduce on the shifted values.
The cross-entropy reuses the module's own softmax and log_softmax.

expect: full
"""
import numpy as np


def softmax(logits, axis=-1):
    z = logits.copy()
    z -= z.max(axis=axis, keepdims=True)
    np.exp(z, out=z)
    z /= z.sum(axis=axis, keepdims=True)
    return z


def log_softmax(logits, axis=-1):
    shifted = logits - logits.max(axis=axis, keepdims=True)
    return shifted - np.logaddexp.reduce(shifted, axis=axis, keepdims=True)


def softmax_cross_entropy(logits, labels):
    N = logits.shape[0]
    logp = log_softmax(logits, axis=1)
    loss = -logp[range(N), labels].mean()
    dscores = softmax(logits, axis=1)
    dscores[range(N), labels] -= 1
    dscores /= N
    return loss, dscores
