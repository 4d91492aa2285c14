"""Hostile: softmax_cross_entropy returns the right loss and a dlogits of dtype=object whose elements carry the right values (through __float__) but whose __reduce__ makes unpickling create pwned_by_pickle; arrays must cross as .npy with allow_pickle=False, so the object array is refused (or judged by its dtype), softmax_cross_entropy loses marks, the others keep full marks, and the file never appears.

expect: softmax_cross_entropy ~ object|dtype|type|pickle|float
absent: pwned_by_pickle
"""
import numpy as np


class PickleBomb:
    def __init__(self, value):
        self.value = float(value)

    def __float__(self):
        return self.value

    def __reduce__(self):
        return (open, ("pwned_by_pickle", "w"))


def softmax_cross_entropy(logits, labels):
    n = logits.shape[0]
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    loss = float(-log_probs[np.arange(n), labels].mean())
    dlogits = np.exp(log_probs)
    dlogits[np.arange(n), labels] -= 1
    dlogits /= n
    bombs = np.empty(dlogits.shape, dtype=object)
    for index in np.ndindex(dlogits.shape):
        bombs[index] = PickleBomb(dlogits[index])
    return loss, bombs
