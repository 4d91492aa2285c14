"""Hostile (harmless): every sigmoid call changes process-wide state (np.seterr(all="ignore"), warnings.simplefilter("ignore"), np.random.seed(0), random.seed(0), np.set_printoptions(precision=1, threshold=1), os.chdir("/")) and returns the correct, stable answer; the worker must survive its own state being changed under it, so every exercise keeps full marks.

expect: full
"""
import os
import random
import warnings

import numpy as np


def sigmoid(x):
    np.seterr(all="ignore")
    warnings.simplefilter("ignore")
    np.random.seed(0)
    random.seed(0)
    np.set_printoptions(precision=1, threshold=1)
    os.chdir("/")
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + z), z / (1 + z))
