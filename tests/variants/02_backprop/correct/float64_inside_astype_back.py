"""A careful student who computes everything in float64 internally (x.astype(np.float64)) and
casts each result back with .astype(original dtype) at the end; the loss comes back as a
0-d array of the parameters' dtype via np.asarray(loss, dtype=...).

expect: full
"""
import numpy as np


def affine_forward(x, w, b):
    dtype = x.dtype
    x64, w64, b64 = (np.asarray(a, dtype=np.float64) for a in (x, w, b))
    out = x64 @ w64 + b64
    return out.astype(dtype), (x, w)


def affine_backward(dout, cache):
    x, w = cache
    dtype = dout.dtype
    d64 = dout.astype(np.float64)
    x64 = x.astype(np.float64)
    w64 = w.astype(np.float64)
    dx = (d64 @ w64.T).astype(dtype)
    dw = (x64.T @ d64).astype(dtype)
    db = d64.sum(axis=0).astype(dtype)
    return dx, dw, db


def relu_forward(x):
    out = np.maximum(x.astype(np.float64), 0.0).astype(x.dtype)
    return out, x


def relu_backward(dout, cache):
    x = cache
    return (dout.astype(np.float64) * (x > 0)).astype(dout.dtype)


def two_layer_net(X, y, params, reg=0.0):
    dtype = params['W1'].dtype
    X = X.astype(np.float64)
    W1, b1, W2, b2 = (params[k].astype(np.float64) for k in ('W1', 'b1', 'W2', 'b2'))
    y = np.asarray(y, dtype=np.int64)
    N = X.shape[0]
    reg = np.float64(reg)

    z1 = X @ W1 + b1
    a1 = np.maximum(z1, 0.0)
    scores = a1 @ W2 + b2
    scores = scores - scores.max(axis=1, keepdims=True)
    logsum = np.log(np.exp(scores).sum(axis=1))
    loss = np.mean(logsum - scores[np.arange(N), y]) + reg * (np.sum(W1 ** 2) + np.sum(W2 ** 2))

    probs = np.exp(scores - logsum[:, np.newaxis])
    probs[np.arange(N), y] -= 1.0
    dscores = probs / N
    grads = {
        'W2': a1.T @ dscores + 2.0 * reg * W2,
        'b2': dscores.sum(axis=0),
    }
    dz1 = (dscores @ W2.T) * (z1 > 0)
    grads['W1'] = X.T @ dz1 + 2.0 * reg * W1
    grads['b1'] = dz1.sum(axis=0)
    grads = {k: v.astype(dtype) for k, v in grads.items()}
    return np.asarray(loss, dtype=dtype), grads
