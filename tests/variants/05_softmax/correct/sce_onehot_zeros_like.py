"""Deep Learning from Scratch's SoftmaxWithLoss: a one-hot t built with np.zeros_like(logits)
and t[np.arange(N), labels] = 1; loss -sum(t * log y) / N from log-softmax, dx = (y - t) / N.

expect: full
"""
import numpy as np


def softmax_cross_entropy(logits, labels):
    batch_size = logits.shape[0]
    t = np.zeros_like(logits)
    t[np.arange(batch_size), labels] = 1
    a = logits - np.max(logits, axis=1, keepdims=True)
    log_y = a - np.log(np.sum(np.exp(a), axis=1, keepdims=True))
    y = np.exp(log_y)
    loss = -np.sum(t * log_y) / batch_size
    dx = (y - t) / batch_size
    return loss, dx
