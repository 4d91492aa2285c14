"""softmax_cross_entropy: the one-hot is built as onehot[:, labels] = 1, which sets whole
columns (every row gets a 1 at every label present in the batch) instead of one entry per row.

expect: softmax_cross_entropy ~ one.?hot|label|differ|wrong|expected
"""
import numpy as np


def softmax_cross_entropy(logits, labels):
    N = logits.shape[0]
    shifted = logits - np.max(logits, axis=1, keepdims=True)
    log_probs = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    onehot = np.zeros_like(logits)
    onehot[:, labels] = 1
    loss = -np.sum(onehot * log_probs) / N
    dlogits = (np.exp(log_probs) - onehot) / N
    return loss, dlogits
