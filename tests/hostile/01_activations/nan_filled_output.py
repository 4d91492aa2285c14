"""Hostile: sigmoid returns an array of NaNs of the right shape and dtype; NaN compares false to everything, so a check written as `not (abs(got - want) > tol)` would pass it: a finite-valued contract must treat NaN as wrong, so sigmoid loses marks with a NaN / non-finite message and the others keep full marks.

expect: sigmoid ~ nan|finite
"""
import numpy as np


def sigmoid(x):
    return np.full_like(x, np.nan)
