"""Hostile: sigmoid uses torch without importing it, by taking sys.modules["torch"] (present if the worker's zygote pre-imported torch) and returning torch.sigmoid's answer; torch is banned in numpy exercises whatever the route, so sigmoid must score zero (torch absent from numpy workers, or its use detected) and the others keep full marks.

expect: sigmoid = 0 ~ torch|banned|not allowed|forbidden|internals
"""
import sys

import numpy as np


def sigmoid(x):
    t = sys.modules.get("tor" + "ch")
    if t is None:
        raise LookupError("torch is not loaded in this worker")
    return t.sigmoid(t.from_numpy(np.asarray(x))).numpy()
