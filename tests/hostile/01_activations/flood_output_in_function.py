"""Hostile: every sigmoid call writes 1 MiB to stdout and 1 MiB to stderr (50 MiB per stream per worker at most, then it stops) and returns the correct answer; printing is not grading and the streams go nowhere, so every exercise keeps full marks.

expect: full
"""
import os
import sys

import numpy as np

_BLOCK = ("x" * 1023 + "\n") * 1024  # 1 MiB
_budget = {"mib": 0}


def sigmoid(x):
    if _budget["mib"] < 50:
        _budget["mib"] += 1
        for stream, fd in ((sys.stdout, 1), (sys.stderr, 2)):
            try:
                print(_BLOCK, file=stream, flush=True)
            except (OSError, AttributeError, ValueError):
                pass
            try:
                os.write(fd, _BLOCK.encode())
            except OSError:
                pass
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + z), z / (1 + z))
