"""Hostile: at import the module silences numpy (np.seterr(all="ignore")) and Python warnings (warnings.simplefilter("ignore")), and sigmoid is the naive 1/(1+exp(-x)), whose values come out right but whose exp overflows for large negative x; the grader sets its own error state around each call and does not trust the worker's, so the overflow is still seen: sigmoid loses its stability marks and the others keep full marks.

expect: sigmoid ~ overflow|warning
"""
import warnings

import numpy as np

np.seterr(all="ignore")
warnings.simplefilter("ignore")


def sigmoid(x):
    return 1 / (1 + np.exp(-x))
