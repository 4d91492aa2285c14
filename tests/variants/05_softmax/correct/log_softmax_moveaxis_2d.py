"""Move `axis` to the end, flatten everything else into rows, do the row-wise log-softmax
on a 2-D (rows, classes) array, then reshape and move the axis back.

expect: full
"""
import numpy as np


def log_softmax(logits, axis=-1):
    moved = np.moveaxis(logits, axis, -1)
    shape = moved.shape
    rows = moved.reshape(-1, shape[-1])
    shifted = rows - rows.max(axis=1)[:, None]
    out = shifted - np.log(np.exp(shifted).sum(axis=1))[:, None]
    return np.moveaxis(out.reshape(shape), -1, axis)
