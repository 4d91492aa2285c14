r"""affine_backward: deeplearning.ai's dW = (1/m) * dZ @ A_prev.T and db = (1/m) * sum(dZ)
copied into a layer: dw and db divided by the batch size, although dout already carries the
loss's averaging (a layer's backward must not average again).

expect: affine_backward ~ divid|\bN\b|batch size|1/N|average|mean
"""
import numpy as np


def affine_backward(dout, cache):
    x, w = cache
    m = x.shape[0]
    dx = dout @ w.T
    dw = (1 / m) * (x.T @ dout)
    db = (1 / m) * np.sum(dout, axis=0)
    return dx, dw, db
