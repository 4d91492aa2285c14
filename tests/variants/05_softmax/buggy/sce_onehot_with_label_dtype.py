"""softmax_cross_entropy: stable and right, but the one-hot matrix is np.eye(C, dtype=labels.dtype),
an int64 array, so float32 probabilities minus it are float64: the report must name integer
arrays (the labels' dtype) as the cause.

expect: softmax_cross_entropy ~ integer array|labels
"""
import numpy as np


def softmax_cross_entropy(logits, labels):
    N, C = logits.shape
    shifted = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(shifted)
    p = e / e.sum(axis=1, keepdims=True)
    onehot = np.eye(C, dtype=labels.dtype)[labels]
    loss = -np.mean(np.log(p[np.arange(N), labels]))
    return float(loss), (p - onehot) / N
