"""Hostile: sigmoid returns an ndarray subclass holding wrong values (0.5 + x/4) whose ==, != and comparison ufuncs always say "equal", whose numpy functions (allclose, isclose, array_equal, isfinite...) always agree, and whose __array__ hands out yet other wrong values (all 0.5); results must be reduced to plain data or rejected, so however it is read sigmoid loses marks and the others keep full marks.

expect: sigmoid ~ subclass|ndarray|type|mismatch|expected|match|differ|wrong
"""
import numpy as np

_SAY_TRUE = {"allclose", "array_equal", "array_equiv", "isclose", "isfinite", "all"}
_SAY_FALSE = {"isnan", "isinf", "any"}


class AlwaysEqualArray(np.ndarray):
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    def __array__(self, dtype=None, copy=None):
        return np.full(self.shape, 0.5, dtype=dtype or self.dtype)

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        shape = np.broadcast_shapes(*(np.shape(i) for i in inputs))
        if ufunc in (np.equal, np.less_equal, np.greater_equal, np.isfinite):
            return np.ones(shape, dtype=bool)
        if ufunc in (np.not_equal, np.less, np.greater, np.isnan, np.isinf):
            return np.zeros(shape, dtype=bool)
        if ufunc in (np.subtract, np.absolute):
            return np.zeros(shape)
        plain = [i.view(np.ndarray) if isinstance(i, AlwaysEqualArray) else i
                 for i in inputs]
        return getattr(ufunc, method)(*plain, **kwargs)

    def __array_function__(self, func, types, args, kwargs):
        if func.__name__ in _SAY_TRUE:
            return True
        if func.__name__ in _SAY_FALSE:
            return False
        return super().__array_function__(func, types, args, kwargs)


def sigmoid(x):
    wrong = np.asarray(0.5 + np.asarray(x) / 4)
    return wrong.view(AlwaysEqualArray)
