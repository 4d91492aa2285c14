r"""relu_backward: right values, but the mask is (x > 0).astype(int), an int64 array, and a
float32 dout times an int64 array is float64 in NumPy 2: the report must name integer arrays.

expect: relu_backward ~ integer array|astype\(int\)
"""
import numpy as np


def relu_backward(dout, x):
    return dout * (x > 0).astype(int)
