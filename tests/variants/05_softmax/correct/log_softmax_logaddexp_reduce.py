"""log_softmax with np.logaddexp.reduce along axis on the raw logits: logaddexp is stable
pairwise, so no explicit max shift is needed.

expect: full
"""
import numpy as np


def log_softmax(logits, axis=-1):
    return logits - np.logaddexp.reduce(logits, axis=axis, keepdims=True)
