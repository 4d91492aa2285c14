"""Hostile: sigmoid computes the right answer, overwrites the caller's x with it and returns x itself, so a grader that derives the expected values from x after the call would see agreement; the reference must be computed from the grader's own copy and the inputs_unchanged check must catch the in-place write (or the write fails on a read-only input), so sigmoid loses marks and the others keep full marks.

expect: sigmoid ~ modif|in place|in-place|unchanged|changed|read-only|read only|writeable
"""
import numpy as np


def sigmoid(x):
    z = np.exp(-np.abs(x))
    s = np.where(x >= 0, 1 / (1 + z), z / (1 + z))
    x[...] = s
    return x
