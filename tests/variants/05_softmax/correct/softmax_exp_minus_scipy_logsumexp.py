"""softmax = exp(x - logsumexp(x)) with scipy's logsumexp re-typed (max + log(sum(exp(x - max)))):
the form of scipy.special.softmax. In float32 with large logits the logsumexp is rounded at
the logits' scale, so each probability carries a relative error of about |max| * eps: the
same rounding PyTorch's own float32 log_softmax has, so it counts as correct.

expect: full
"""
import numpy as np


def softmax(logits, axis=-1):
    m = logits.max(axis=axis, keepdims=True)
    lse = m + np.log(np.exp(logits - m).sum(axis=axis, keepdims=True))
    return np.exp(logits - lse)
