"""log_softmax: x - log(sum(exp(x))) without subtracting the max first: exp overflows for
logits above ~88.7 (float32) / ~709.8 (float64) and the result is -inf / nan.

expect: log_softmax ~ overflow|max|stab|nan|inf|finite
"""
import numpy as np


def log_softmax(logits, axis=-1):
    return logits - np.log(np.sum(np.exp(logits), axis=axis, keepdims=True))


def softmax(logits, axis=-1):
    # self-contained (does not call log_softmax), so only log_softmax loses marks
    shifted = logits - np.max(logits, axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=axis, keepdims=True)


def softmax_cross_entropy(logits, labels):
    # self-contained, so the bug above costs only its own exercise
    N = logits.shape[0]
    shifted = logits - np.max(logits, axis=1, keepdims=True)
    log_probs = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    loss = -np.mean(log_probs[np.arange(N), labels])
    dx = np.exp(log_probs)
    dx[np.arange(N), labels] -= 1
    return loss, dx / N

