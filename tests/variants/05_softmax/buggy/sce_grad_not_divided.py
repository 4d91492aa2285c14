r"""softmax_cross_entropy: the loss is averaged but dlogits = softmax - onehot is not
divided by N.

expect: softmax_cross_entropy ~ average|mean|divid|\bN\b|batch|scale
"""
import numpy as np


def softmax_cross_entropy(logits, labels):
    N = logits.shape[0]
    shifted = logits - np.max(logits, axis=1, keepdims=True)
    log_probs = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    loss = -np.mean(log_probs[np.arange(N), labels])
    dx = np.exp(log_probs)
    dx[np.arange(N), labels] -= 1
    return loss, dx
