"""Hostile: softmax_cross_entropy returns the right loss and, as dlogits, a zero-strided broadcast view of shape (2**14, 2**15) (a few bytes of memory, 2 GiB in float32 / 4 GiB in float64 once copied or serialized, and np.save / tofile may fallocate all of it on disk at once, past RLIMIT_FSIZE); the worker must check shape and size before copying or sending it and the grader must cap what it reads, so softmax_cross_entropy loses marks while the grader, its memory and its disk survive, and the other exercises keep full marks (the size is bounded so a naive grader cannot fill a disk).

expect: softmax_cross_entropy ~ shape|size|large|big|limit|memory|space|time|timed out|timeout|mismatch|expected
"""
import numpy as np


def softmax_cross_entropy(logits, labels):
    n = logits.shape[0]
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    loss = float(-log_probs[np.arange(n), labels].mean())
    huge = np.broadcast_to(np.zeros((), dtype=logits.dtype), (2**14, 2**15))
    return loss, huge
