"""np.tensordot for the affine layer; relu_backward copies dout and zeroes the copy where
x <= 0; the net's loss uses a logsumexp kept relative to the row max.

expect: full
"""
import numpy as np


def affine_forward(x, w, b):
    out = np.tensordot(x, w, axes=([1], [0])) + b
    return out, (x, w, b)


def affine_backward(dout, cache):
    x, w, b = cache
    dx = np.tensordot(dout, w, axes=([1], [1]))
    dw = np.tensordot(x, dout, axes=([0], [0]))
    db = np.sum(dout, axis=0)
    return dx, dw, db


def relu_forward(x):
    out = x.copy()
    out[out < 0] = 0
    return out, x


def relu_backward(dout, cache):
    dx = dout.copy()
    dx[cache <= 0] = 0
    return dx


def two_layer_net(X, y, params, reg=0.0):
    W1, b1, W2, b2 = params['W1'], params['b1'], params['W2'], params['b2']
    N = X.shape[0]
    z = X.dot(W1) + b1
    h = z.copy()
    h[h < 0] = 0
    scores = h.dot(W2) + b2
    m = scores.max(axis=1, keepdims=True)
    rel_lse = np.log(np.sum(np.exp(scores - m), axis=1, keepdims=True))
    correct = scores[np.arange(N), y][:, None]
    loss = np.mean(rel_lse - (correct - m)) + reg * (np.sum(W1 * W1) + np.sum(W2 * W2))
    probs = np.exp(scores - m - rel_lse)
    dscores = probs
    dscores[np.arange(N), y] -= 1
    dscores /= N
    dh = dscores.dot(W2.T)
    dz = dh.copy()
    dz[z <= 0] = 0
    grads = {'W2': h.T.dot(dscores) + 2 * reg * W2, 'b2': dscores.sum(axis=0),
             'W1': X.T.dot(dz) + 2 * reg * W1, 'b1': dz.sum(axis=0)}
    return loss, grads
