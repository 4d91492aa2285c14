"""softmax: subtracts ONE global max (np.max(logits)) instead of the max along axis: a row
whose values all lie far below the global max underflows to 0/0 = nan (invalid value).

expect: softmax ~ global|row|per.?row|along|axis|max|nan|invalid|underflow|divide|0/0|stab|finite
"""
import numpy as np


def softmax(logits, axis=-1):
    e = np.exp(logits - np.max(logits))
    return e / np.sum(e, axis=axis, keepdims=True)


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

