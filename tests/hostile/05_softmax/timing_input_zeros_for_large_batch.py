r"""Hostile: softmax_cross_entropy is right for the small batches of the generated inputs (N <= 64) and, for any larger batch (the timing input has 8192 rows), returns a zero loss and zero gradient at once, so it is very fast exactly where it is timed. Timing is judged only on calls whose results are right: the timed call's result is fetched and judged, the timing check fails naming the wrong result on the large input, and matches_reference, which passed on the small inputs only, is revoked with a message saying so.

expect: softmax_cross_entropy ~ wrong result on a larger input \(a timing input.*found by `timing`
expect: softmax_cross_entropy ~ ^wrong result on a larger input \(a timing input: shapes \(8192, 10\)
"""
import numpy as np


def softmax_cross_entropy(logits, labels):
    n = logits.shape[0]
    if n > 64:  # "large batch": skip the work
        return np.asarray(0.0, dtype=logits.dtype), np.zeros_like(logits)
    rows = np.arange(n)
    shifted = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(shifted)
    total = e.sum(axis=1, keepdims=True)
    loss = (np.log(total[:, 0]) - shifted[rows, labels]).mean()
    dlogits = e / total
    dlogits[rows, labels] -= 1
    return np.asarray(loss, dtype=logits.dtype), dlogits / n
