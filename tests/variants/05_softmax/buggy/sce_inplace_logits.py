"""softmax_cross_entropy: `logits -= logits.max(...)` (course code's scores -= max) shifts
the caller's array in place; every value returned is right.

expect: softmax_cross_entropy ~ in.?place|modif|mutat|input|unchanged|overwr|logits
"""
import numpy as np


def softmax_cross_entropy(logits, labels):
    N = logits.shape[0]
    logits -= np.max(logits, axis=1, keepdims=True)
    log_probs = logits - np.log(np.sum(np.exp(logits), axis=1, keepdims=True))
    loss = -np.mean(log_probs[np.arange(N), labels])
    dx = np.exp(log_probs)
    dx[np.arange(N), labels] -= 1
    return loss, dx / N
