"""Less common numpy routines: np.matmul with w.swapaxes, np.add(..., out=) on the fresh
product; relu via np.clip(x, 0, None) and its backward via np.heaviside(x, 0) (0 at exactly 0);
the net's log-sum-exp through np.logaddexp.reduce (no explicit max shift) and the regularizer
through np.linalg.norm(W) ** 2.

expect: full
"""
import numpy as np


def affine_forward(x, w, b):
    out = np.matmul(x, w)
    np.add(out, b, out=out)
    return out, (x, w)


def affine_backward(dout, cache):
    x, w = cache
    dx = np.matmul(dout, w.swapaxes(0, 1))
    dw = np.matmul(x.swapaxes(0, 1), dout)
    db = np.add.reduce(dout, axis=0)
    return dx, dw, db


def relu_forward(x):
    return np.clip(x, 0, None), x


def relu_backward(dout, cache):
    return dout * np.heaviside(cache, 0)


def two_layer_net(X, y, params, reg=0.0):
    W1, b1, W2, b2 = params['W1'], params['b1'], params['W2'], params['b2']
    N = X.shape[0]
    rows = np.arange(N)
    z1 = np.matmul(X, W1) + b1
    h1 = np.clip(z1, 0, None)
    scores = np.matmul(h1, W2) + b2
    lse = np.logaddexp.reduce(scores, axis=1, keepdims=True)
    log_probs = scores - lse
    loss = -np.mean(log_probs[rows, y]) + reg * (np.linalg.norm(W1) ** 2 + np.linalg.norm(W2) ** 2)

    dscores = np.exp(log_probs)
    dscores[rows, y] -= 1
    dscores /= N
    dh1 = np.matmul(dscores, W2.T)
    dz1 = dh1 * np.heaviside(z1, 0)
    grads = {'W1': np.matmul(X.T, dz1) + 2 * reg * W1, 'b1': np.add.reduce(dz1, axis=0),
             'W2': np.matmul(h1.T, dscores) + 2 * reg * W2, 'b2': np.add.reduce(dscores, axis=0)}
    return loss, grads
