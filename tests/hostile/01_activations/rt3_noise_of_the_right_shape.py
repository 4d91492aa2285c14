"""Hostile (class 8, points for nothing; red team): relu returns random noise of the input's shape and dtype: never zeros, never the input, never the same twice, so it looked like "a wrong formula of its own" and kept its dtype and inputs-unchanged points. A result that changes for the same input computes nothing from it: relu scores zero and every other exercise keeps full marks.

expect: relu = 0 ~ different each time|does not do the job
"""
import numpy as np

_rng = np.random.default_rng()


def relu(x):
    return _rng.standard_normal(np.shape(x)).astype(np.asarray(x).dtype)
