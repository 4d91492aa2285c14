"""Hostile: numerical_gradient returns np.zeros_like(x) without calling f, so x trivially holds exactly its old values and the result has the right shape and dtype. Property checks give no points to a function that returns zeros: the job gate fails, restores_input and keeps_dtype are not run, and numerical_gradient scores zero; the other exercises keep full marks.

expect: numerical_gradient = 0 ~ does not do the job at all
"""
import numpy as np


def numerical_gradient(f, x, h=1e-5):
    return np.zeros_like(x)
