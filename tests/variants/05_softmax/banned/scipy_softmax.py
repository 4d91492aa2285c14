"""softmax is scipy.special.softmax (imported at the top). log_softmax and the
cross-entropy are plain numpy that do not call softmax, so only softmax scores zero.

expect: softmax = 0 ~ scipy|not allowed|banned|forbidden
"""
import numpy as np
from scipy.special import softmax as _scipy_softmax


def softmax(logits, axis=-1):
    return _scipy_softmax(logits, axis=axis)


def log_softmax(logits, axis=-1):
    shifted = logits - np.max(logits, axis=axis, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))


def softmax_cross_entropy(logits, labels):
    N = logits.shape[0]
    logp = log_softmax(logits, axis=1)
    loss = -np.mean(logp[np.arange(N), labels])
    d = np.exp(logp)
    d[np.arange(N), labels] -= 1
    return loss, d / N
