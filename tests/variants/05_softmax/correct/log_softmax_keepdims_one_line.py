"""log_softmax in one line, x - max - log(sum(exp(x - max))), with keepdims=True on both
reductions so they broadcast back along any axis.

expect: full
"""
import numpy as np


def log_softmax(logits, axis=-1):
    m = np.max(logits, axis=axis, keepdims=True)
    return logits - m - np.log(np.sum(np.exp(logits - m), axis=axis, keepdims=True))
