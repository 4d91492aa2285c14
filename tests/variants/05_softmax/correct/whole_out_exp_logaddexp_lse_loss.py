"""A whole file with softmax exponentiated in place (np.exp(out, out=out)) on the freshly subtracted array, log_softmax via np.logaddexp.reduce, and the loss written as mean(lse - logit[label]) with dlogits = exp(logits - lse).

composition: whole
expect: full
"""
import numpy as np


def softmax(logits, axis=-1):
    out = np.subtract(logits, np.max(logits, axis=axis, keepdims=True))
    np.exp(out, out=out)
    out /= out.sum(axis=axis, keepdims=True)
    return out


def log_softmax(logits, axis=-1):
    return logits - np.logaddexp.reduce(logits, axis=axis, keepdims=True)


def softmax_cross_entropy(logits, labels):
    n = logits.shape[0]
    m = logits.max(axis=1, keepdims=True)
    lse = m + np.log(np.exp(logits - m).sum(axis=1, keepdims=True))
    loss = np.mean(lse[:, 0] - logits[np.arange(n), labels])
    p = np.exp(logits - lse)
    p[np.arange(n), labels] -= 1
    return loss, p / n
