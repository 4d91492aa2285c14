"""Loss returned as a 0-d array of the logits' dtype (np.array(...)); the gradient subtracts
the one-hot with a boolean mask built by comparing labels to np.arange(C).

expect: full
"""
import numpy as np


def softmax_cross_entropy(logits, labels):
    N, C = logits.shape
    is_label = labels[:, None] == np.arange(C)[None, :]
    m = np.max(logits, axis=1, keepdims=True)
    lse = np.log(np.sum(np.exp(logits - m), axis=1, keepdims=True))
    logp = logits - m - lse
    loss = np.array(-np.sum(logp[is_label]) / N, dtype=logits.dtype)
    probs = np.exp(logp)
    dlogits = (probs - is_label) / N
    return loss, dlogits
