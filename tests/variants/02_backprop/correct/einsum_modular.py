"""einsum everywhere, caches as dicts, relu caching its boolean mask, and a two-layer net
built from the module's own layer functions (CS231n's layer_utils style) with a small
softmax-loss helper that uses np.take_along_axis.

expect: full
"""
import numpy as np


def affine_forward(x, w, b):
    out = np.einsum('nd,dm->nm', x, w) + b
    return out, {'x': x, 'w': w}


def affine_backward(dout, cache):
    x, w = cache['x'], cache['w']
    dx = np.einsum('nm,dm->nd', dout, w)
    dw = np.einsum('nd,nm->dm', x, dout)
    db = np.einsum('nm->m', dout)
    return dx, dw, db


def relu_forward(x):
    mask = x > 0
    return x * mask, {'mask': mask}


def relu_backward(dout, cache):
    return dout * cache['mask']


def _softmax_loss(scores, y):
    n = scores.shape[0]
    z = scores - scores.max(axis=1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    loss = -np.take_along_axis(logp, y[:, None], axis=1).mean()
    dz = np.exp(logp)
    dz[np.arange(n), y] -= 1
    return loss, dz / n


def two_layer_net(X, y, params, reg=0.0):
    a1, fc1 = affine_forward(X, params['W1'], params['b1'])
    h1, r1 = relu_forward(a1)
    scores, fc2 = affine_forward(h1, params['W2'], params['b2'])
    loss, dscores = _softmax_loss(scores, y)
    loss += reg * (np.sum(params['W1'] ** 2) + np.sum(params['W2'] ** 2))
    dh1, dW2, db2 = affine_backward(dscores, fc2)
    da1 = relu_backward(dh1, r1)
    _, dW1, db1 = affine_backward(da1, fc1)
    return loss, {'W1': dW1 + 2 * reg * params['W1'], 'b1': db1,
                  'W2': dW2 + 2 * reg * params['W2'], 'b2': db2}
