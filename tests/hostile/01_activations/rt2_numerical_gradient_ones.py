"""Hostile (class 8, points for nothing; red team): numerical_gradient returns np.ones_like(x) without ever calling f. It restores x trivially (it never touches it) and is even right when f is a plain sum, so before the fix it kept the restores_input points. A function given f that never calls it does not do the job: numerical_gradient scores zero and every other exercise keeps full marks.

expect: numerical_gradient = 0 ~ never calling|does not do the job|differ
"""
import numpy as np


def numerical_gradient(f, x, h=1e-5):
    return np.ones_like(x)
