"""Hostile: sigmoid computes its first answer correctly and then returns a copy of that same answer forever, whatever x is; a worker lives for the whole exercise and the grader feeds different inputs, so sigmoid loses marks on the mismatches (an "implemented" probe that only calls once must not be fooled) and the others keep full marks.

expect: sigmoid ~ cach|different|same|stale|mismatch|expected|match|differ|wrong|shape
"""
import numpy as np

_first = []


def sigmoid(x):
    if not _first:
        z = np.exp(-np.abs(x))
        _first.append(np.where(x >= 0, 1 / (1 + z), z / (1 + z)))
    return _first[0].copy()
