"""Hostile: softmax_cross_entropy returns the right gradient but a loss that is a float subclass worth 0.0 whose __float__ says -1.0, whose repr shows a plausible 2.302585, and whose ==, <=, -, abs() always report a perfect match; the loss must be reduced to its plain value (or rejected) in the worker and compared in the grader, so softmax_cross_entropy loses marks on the loss and the other exercises keep full marks.

expect: softmax_cross_entropy ~ type|float|loss|mismatch|expected|match|differ|wrong
"""
import numpy as np


class LyingLoss(float):
    def __float__(self):
        return -1.0

    def __repr__(self):
        return "2.302585"

    __str__ = __repr__

    def __format__(self, spec):
        return "2.302585"

    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    def __le__(self, other):
        return True

    __ge__ = __le__
    __lt__ = __gt__ = __ne__

    def __sub__(self, other):
        return 0.0

    __rsub__ = __sub__

    def __abs__(self):
        return 0.0

    def __hash__(self):
        return 0


def softmax_cross_entropy(logits, labels):
    n = logits.shape[0]
    shifted = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(shifted)
    probs = e / e.sum(axis=1, keepdims=True)
    dlogits = probs.copy()
    dlogits[np.arange(n), labels] -= 1
    dlogits /= n
    return LyingLoss(0.0), dlogits
