"""Hostile: sigmoid returns an object that is not an ndarray but lies through every door: it copies x's shape and dtype, __eq__ and comparisons always agree, __float__ says 0.7310585786300049 (sigmoid(1)), __array__ and tolist give wrong values (all 0.5), and __reduce__ would make unpickling create pwned_by_reduce; the grader must reject it or reduce it to plain data, so sigmoid loses marks, the others keep full marks, and the file never appears.

expect: sigmoid ~ type|ndarray|array|mismatch|expected|match|differ|wrong
absent: pwned_by_reduce
"""
import numpy as np


class LyingResult:
    def __init__(self, like):
        like = np.asarray(like)
        self.shape, self.dtype, self.ndim, self.size = like.shape, like.dtype, like.ndim, like.size
        self.flags = like.flags

    def __array__(self, dtype=None, copy=None):
        return np.full(self.shape, 0.5, dtype=dtype or self.dtype)

    def __float__(self):
        return 0.7310585786300049

    def __index__(self):
        return 0

    def __bool__(self):
        return True

    def __len__(self):
        return self.shape[0] if self.shape else 0

    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    __le__ = __ge__ = __eq__
    __lt__ = __gt__ = __ne__

    def __sub__(self, other):
        return 0.0

    __rsub__ = __sub__

    def __abs__(self):
        return 0.0

    def __getitem__(self, index):
        return 0.5

    def tolist(self):
        return np.full(self.shape, 0.5).tolist()

    def astype(self, *args, **kwargs):
        return self

    copy = view = astype

    def __reduce__(self):
        return (open, ("pwned_by_reduce", "w"))

    def __repr__(self):
        return "array(PASSED)"


def sigmoid(x):
    return LyingResult(x)
