"""The textbook forms: subtract the max along axis (keepdims), exponentiate, normalize;
log_softmax as shifted - log(sum(exp(shifted))); cross-entropy as CS231n's softmax_loss
(log-probabilities, fancy indexing, dx = probs.copy(); dx[range(N), y] -= 1; dx /= N).

expect: full
"""
import numpy as np


def softmax(logits, axis=-1):
    shifted = logits - np.max(logits, axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=axis, keepdims=True)


def log_softmax(logits, axis=-1):
    shifted = logits - np.max(logits, axis=axis, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))


def softmax_cross_entropy(logits, labels):
    shifted_logits = logits - np.max(logits, axis=1, keepdims=True)
    Z = np.sum(np.exp(shifted_logits), axis=1, keepdims=True)
    log_probs = shifted_logits - np.log(Z)
    probs = np.exp(log_probs)
    N = logits.shape[0]
    loss = -np.sum(log_probs[np.arange(N), labels]) / N
    dx = probs.copy()
    dx[np.arange(N), labels] -= 1
    dx /= N
    return loss, dx
