"""Caches as a namedtuple (affine) and a types.SimpleNamespace (relu); the net's cross-entropy
as logsumexp(scores) - scores[y] with the row max added BACK (m + log(sum(exp(s - m)))), the
scipy-style logsumexp written by hand; softmax from exp(scores - lse); np.squeeze on the
keepdims sums; the batch size taken from len(y).

expect: full
"""
from collections import namedtuple
from types import SimpleNamespace

import numpy as np

AffineCache = namedtuple('AffineCache', ['x', 'w', 'b'])


def affine_forward(x, w, b):
    return x @ w + b, AffineCache(x, w, b)


def affine_backward(dout, cache):
    dx = dout @ cache.w.T
    dw = cache.x.T @ dout
    db = dout.sum(axis=0)
    return dx, dw, db


def relu_forward(x):
    out = np.maximum(x, 0)
    return out, SimpleNamespace(x=x, out=out)


def relu_backward(dout, cache):
    return np.where(cache.x > 0, dout, np.zeros_like(dout))


def logsumexp(a, axis):
    m = np.max(a, axis=axis, keepdims=True)
    return np.squeeze(m + np.log(np.sum(np.exp(a - m), axis=axis, keepdims=True)), axis=axis)


def two_layer_net(X, y, params, reg=0.0):
    n = len(y)
    W1, b1, W2, b2 = params['W1'], params['b1'], params['W2'], params['b2']
    pre = X @ W1 + b1
    hid = np.maximum(pre, 0)
    scores = hid @ W2 + b2
    lse = logsumexp(scores, axis=1)
    loss = np.mean(lse - scores[np.arange(n), y])
    loss = loss + reg * np.sum(W1 ** 2) + reg * np.sum(W2 ** 2)

    probs = np.exp(scores - lse[:, None])
    dscores = probs
    dscores[np.arange(n), y] -= 1
    dscores = dscores / n
    dW2 = hid.T @ dscores + reg * 2 * W2
    db2 = np.sum(dscores, axis=0)
    dhid = dscores @ W2.T
    dpre = np.where(pre > 0, dhid, 0)
    dW1 = X.T @ dpre + reg * 2 * W1
    db1 = np.sum(dpre, axis=0)
    return loss, dict(W1=dW1, b1=db1, W2=dW2, b2=db2)
