r"""log_softmax: np.log(softmax(x)): the stable softmax underflows to exactly 0 for entries
far below the max (gap above ~104 in float32, ~745 in float64), and log(0) = -inf with a
divide-by-zero warning.

expect: log_softmax ~ -inf|inf|finite|divide|log ?\(softmax|log of|zero|underflow|stab
"""
import numpy as np


def log_softmax(logits, axis=-1):
    return np.log(softmax(logits, axis=axis))


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

