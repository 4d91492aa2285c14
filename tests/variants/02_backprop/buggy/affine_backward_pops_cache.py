"""affine_backward: unpacks a dict cache with cache.pop('x'), cache.pop('w'): values right,
but the cache is emptied, so a second backward with the same cache (a gradient check, a
second loss) raises KeyError. The cache is an input of the backward and must stay as it was.

expect: affine_backward ~ cache|in.?place|pop|removed|modif
"""
import numpy as np


def affine_forward(x, w, b):
    return x @ w + b, {'x': x, 'w': w}


def affine_backward(dout, cache):
    x = cache.pop('x')
    w = cache.pop('w')
    return dout @ w.T, x.T @ dout, dout.sum(axis=0)
