"""log_softmax subtracts scipy.special.logsumexp (a library routine doing the exercise's
work). softmax and the cross-entropy are plain numpy and do not call log_softmax.

expect: log_softmax = 0 ~ scipy|logsumexp|not allowed|banned|forbidden
"""
import numpy as np
import scipy.special


def log_softmax(logits, axis=-1):
    return logits - scipy.special.logsumexp(logits, axis=axis, keepdims=True)


def softmax(logits, axis=-1):
    e = np.exp(logits - np.max(logits, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


def softmax_cross_entropy(logits, labels):
    N = logits.shape[0]
    shifted = logits - np.max(logits, axis=1, keepdims=True)
    logp = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    loss = -np.mean(logp[np.arange(N), labels])
    d = np.exp(logp)
    d[np.arange(N), labels] -= 1
    return loss, d / N
