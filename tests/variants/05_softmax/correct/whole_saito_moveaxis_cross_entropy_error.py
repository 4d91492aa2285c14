"""A whole file after Deep Learning from Scratch: np.moveaxis to axis 0 and Saito's max-subtracted softmax, a cross_entropy_error helper fed with log-softmax, and SoftmaxWithLoss's backward (copy, subtract 1 at the labels, divide by the batch size).

composition: whole
expect: full
"""
import numpy as np


def softmax(logits, axis=-1):
    x = np.moveaxis(logits, axis, 0)
    x = x - np.max(x, axis=0)  # overflow countermeasure
    y = np.exp(x) / np.sum(np.exp(x), axis=0)
    return np.moveaxis(y, 0, axis)


def log_softmax(logits, axis=-1):
    x = np.moveaxis(logits, axis, 0)
    x = x - np.max(x, axis=0)
    y = x - np.log(np.sum(np.exp(x), axis=0))
    return np.moveaxis(y, 0, axis)


def cross_entropy_error(logp, t):
    if logp.ndim == 1:
        t = t.reshape(1, t.size)
        logp = logp.reshape(1, logp.size)
    batch_size = logp.shape[0]
    return -np.sum(logp[np.arange(batch_size), t]) / batch_size


def softmax_cross_entropy(logits, labels):
    y = softmax(logits)
    loss = cross_entropy_error(log_softmax(logits), labels)
    batch_size = labels.shape[0]
    dx = y.copy()
    dx[np.arange(batch_size), labels] -= 1
    dx = dx / batch_size
    return loss, dx
