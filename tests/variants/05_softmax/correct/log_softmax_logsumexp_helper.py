"""A scipy-like logsumexp helper written by hand (max + log(sum(exp(x - max))) without
keepdims), expanded back with np.expand_dims and subtracted from the logits.

expect: full
"""
import numpy as np


def _logsumexp(a, axis):
    m = np.max(a, axis=axis, keepdims=True)
    s = np.sum(np.exp(a - m), axis=axis)
    return np.squeeze(m, axis=axis) + np.log(s)


def log_softmax(logits, axis=-1):
    return logits - np.expand_dims(_logsumexp(logits, axis), axis)
