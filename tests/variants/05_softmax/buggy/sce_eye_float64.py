"""softmax_cross_entropy: one-hot from np.eye(C)[labels], float64 by default, so a float32
batch gets float64 dlogits.

expect: softmax_cross_entropy ~ float64|dtype|float32
"""
import numpy as np


def softmax_cross_entropy(logits, labels):
    N, C = logits.shape
    onehot = np.eye(C)[labels]
    shifted = logits - np.max(logits, axis=1, keepdims=True)
    log_probs = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    loss = -np.sum(onehot * log_probs) / N
    dlogits = (np.exp(log_probs) - onehot) / N
    return loss, dlogits
