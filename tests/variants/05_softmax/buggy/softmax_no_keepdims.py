"""softmax: reductions without keepdims=True: (N, C) - (N,) does not broadcast (a
ValueError), and when the sizes happen to agree it subtracts/divides along the wrong axis.

expect: softmax ~ keepdims|broadcast|shape|axis
"""
import numpy as np


def softmax(logits, axis=-1):
    shifted = logits - np.max(logits, axis=axis)
    e = np.exp(shifted)
    return e / np.sum(e, axis=axis)


def log_softmax(logits, axis=-1):
    # self-contained (does not call softmax), so only softmax loses marks
    shifted = logits - np.max(logits, axis=axis, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))


def softmax_cross_entropy(logits, labels):
    # self-contained, so the bug above costs only its own exercise
    N = logits.shape[0]
    shifted = logits - np.max(logits, axis=1, keepdims=True)
    log_probs = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    loss = -np.mean(log_probs[np.arange(N), labels])
    dx = np.exp(log_probs)
    dx[np.arange(N), labels] -= 1
    return loss, dx / N

