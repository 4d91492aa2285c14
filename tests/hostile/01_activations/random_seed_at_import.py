"""Hostile (harmless): at import the module seeds numpy's and Python's global random generators (np.random.seed(0), random.seed(0)) and swaps np.random.default_rng for one that always starts from seed 0; inputs are drawn in the grader's process, so nothing changes and every exercise keeps full marks.

expect: full
"""
import random

import numpy as np

np.random.seed(0)
random.seed(0)
_real_default_rng = np.random.default_rng
np.random.default_rng = lambda *args, **kwargs: _real_default_rng(0)
