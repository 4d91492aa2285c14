r"""softmax_cross_entropy: the loss is summed over the batch instead of averaged (the
gradient is still divided by N).

expect: softmax_cross_entropy ~ average|mean|sum|divid|\bN\b|batch
"""
import numpy as np


def softmax_cross_entropy(logits, labels):
    N = logits.shape[0]
    shifted = logits - np.max(logits, axis=1, keepdims=True)
    log_probs = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    loss = -np.sum(log_probs[np.arange(N), labels])
    dx = np.exp(log_probs)
    dx[np.arange(N), labels] -= 1
    return loss, dx / N
