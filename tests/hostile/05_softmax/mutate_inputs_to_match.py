"""Hostile: softmax_cross_entropy overwrites the caller's logits with zeros and labels with class 0, then returns the exact loss and gradient for those mutated inputs (log C and (1/C - onehot_0)/N), so a grader that computes its reference from the arrays after the call would agree; the reference must come from the grader's own copy and the in-place writes must be caught (or fail on read-only inputs), so softmax_cross_entropy loses marks and the other exercises keep full marks.

expect: softmax_cross_entropy ~ modif|in place|in-place|unchanged|changed|read-only|read only|writeable
"""
import numpy as np


def softmax_cross_entropy(logits, labels):
    n, c = logits.shape
    logits[...] = 0
    labels[...] = 0
    loss = float(np.log(c))
    dlogits = np.full_like(logits, 1.0 / c)
    dlogits[:, 0] -= 1
    dlogits /= n
    return loss, dlogits
