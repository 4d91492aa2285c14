"""Hostile: sigmoid searches sys.modules (which a forked worker inherits from its zygote) for any module whose name or file mentions "reference", or any loaded function named sigmoid that is not its own, and answers correctly only if it finds one; the reference must never be loaded in the worker, so it raises LookupError and sigmoid scores zero: a leak shows up as full marks and fails this test.

expect: sigmoid = 0 ~ LookupError|reference.*not allow|internals
"""
import sys

import numpy as np


def _reference_loaded(own_module):
    for name, module in list(sys.modules.items()):
        if module is None or module is own_module:
            continue
        path = str(getattr(module, "__file__", "") or "")
        if name == "reference" or name.startswith("reference.") or "/reference/" in path:
            return True
        try:
            candidate = vars(module).get("sigmoid")
        except TypeError:
            continue
        if callable(candidate) and "activations" in str(getattr(candidate, "__module__", "")):
            return True
    return False


def sigmoid(x):
    if not _reference_loaded(sys.modules.get(__name__)):
        raise LookupError("no reference module is loaded in the worker")
    z = np.exp(-np.abs(x))  # found: act as if it had given the answer away
    return np.where(x >= 0, 1 / (1 + z), z / (1 + z))
