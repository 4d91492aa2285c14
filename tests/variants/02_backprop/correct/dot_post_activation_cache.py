"""np.dot with defensive copies in the cache; relu caches its OUTPUT and masks with
out > 0 (equivalent to x > 0, so correct, the gradient at 0 included); the net uses a one-hot
matrix np.eye(C, dtype=X.dtype)[y].

expect: full
"""
import numpy as np


def affine_forward(x, w, b):
    out = np.dot(x, w) + b
    return out, (x.copy(), w.copy(), b.copy())


def affine_backward(dout, cache):
    x, w, b = cache
    dx = np.dot(dout, w.T)
    dw = np.dot(x.T, dout)
    db = dout.sum(axis=0)
    return dx, dw, db


def relu_forward(x):
    out = np.maximum(x, 0)
    return out, out


def relu_backward(dout, cache):
    out = cache
    return dout * (out > 0)


def two_layer_net(X, y, params, reg=0.0):
    W1, b1, W2, b2 = (params[k] for k in ('W1', 'b1', 'W2', 'b2'))
    N = X.shape[0]
    C = W2.shape[1]
    z1 = np.dot(X, W1) + b1
    a1 = np.maximum(z1, 0)
    scores = np.dot(a1, W2) + b2
    onehot = np.eye(C, dtype=X.dtype)[y]
    shifted = scores - scores.max(axis=1, keepdims=True)
    lse = np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    logp = shifted - lse
    loss = -np.sum(onehot * logp) / N + reg * (np.sum(W1 ** 2) + np.sum(W2 ** 2))
    dscores = (np.exp(logp) - onehot) / N
    dW2 = a1.T @ dscores + 2 * reg * W2
    db2 = dscores.sum(axis=0)
    da1 = dscores @ W2.T
    dz1 = da1 * (z1 > 0)
    dW1 = X.T @ dz1 + 2 * reg * W1
    db1 = dz1.sum(axis=0)
    return loss, {'W1': dW1, 'b1': db1, 'W2': dW2, 'b2': db2}
