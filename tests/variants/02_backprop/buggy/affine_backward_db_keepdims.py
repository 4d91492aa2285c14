r"""affine_backward: db = np.sum(dout, axis=0, keepdims=True), the deeplearning.ai habit
(biases as column/row vectors): shape (1, M) instead of b's (M,).

expect: affine_backward ~ keepdims|shape|\(1, ?\d
"""
import numpy as np


def affine_backward(dout, cache):
    x, w = cache
    dx = dout @ w.T
    dw = x.T @ dout
    db = np.sum(dout, axis=0, keepdims=True)
    return dx, dw, db
