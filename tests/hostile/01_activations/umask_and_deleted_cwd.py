"""Hostile (harmless): every sigmoid call sets os.umask(0o777) (files the worker creates afterwards get no permissions) and moves into a fresh directory that it then deletes (the worker's working directory no longer exists), and returns the correct answer; the worker's channel must not depend on either, so every exercise keeps full marks.

expect: full
"""
import os
import tempfile

import numpy as np


def sigmoid(x):
    os.umask(0o777)
    try:
        doomed = tempfile.mkdtemp(dir=".")
        os.chdir(doomed)
        os.rmdir(doomed)
    except OSError:
        pass
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + z), z / (1 + z))
