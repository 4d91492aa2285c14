"""Hostile: at import the module makes numpy.allclose/isclose/array_equal, the numpy.testing asserts, numpy.isfinite/isnan and math.isclose all answer "equal, finite", then returns wrong values from sigmoid (0.5 + x/4); comparisons happen in the grader's own process, so the patches change nothing: sigmoid loses marks on the mismatch and the others keep full marks.

expect: sigmoid ~ mismatch|expected|match|differ|wrong
"""
import math

import numpy as np
import numpy.testing


def _always_true(*args, **kwargs):
    return True


def _never_fails(*args, **kwargs):
    return None


def _all_true(a, *args, **kwargs):
    return np.ones(np.shape(a), dtype=bool)


def _all_false(a, *args, **kwargs):
    return np.zeros(np.shape(a), dtype=bool)


def _isclose(a, b, *args, **kwargs):
    return np.ones(np.broadcast_shapes(np.shape(a), np.shape(b)), dtype=bool)


np.allclose = _always_true
np.array_equal = _always_true
np.array_equiv = _always_true
np.isclose = _isclose
np.isfinite = _all_true
np.isnan = _all_false
np.isinf = _all_false
for _name in ("assert_allclose", "assert_array_equal", "assert_array_almost_equal",
              "assert_almost_equal", "assert_equal", "assert_array_less",
              "assert_array_max_ulp", "assert_array_almost_equal_nulp", "assert_approx_equal"):
    setattr(numpy.testing, _name, _never_fails)
math.isclose = _always_true


def sigmoid(x):
    return 0.5 + x / 4
