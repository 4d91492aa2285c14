"""Functional (JAX vjp-like) style: each forward returns a CLOSURE as its cache, a function
that maps dout to the gradients, and each backward just calls it; the net chains the closures
from its own layer functions and a softmax-loss closure.

expect: full
"""
import numpy as np


def affine_forward(x, w, b):
    def vjp(dout):
        return dout @ w.T, x.T @ dout, dout.sum(axis=0)
    return x @ w + b, vjp


def affine_backward(dout, cache):
    return cache(dout)


def relu_forward(x):
    positive = x > 0
    return np.where(positive, x, 0), (lambda dout: np.where(positive, dout, 0))


def relu_backward(dout, cache):
    return cache(dout)


def softmax_loss(scores, y):
    n = scores.shape[0]
    z = scores - scores.max(axis=1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    loss = -logp[np.arange(n), y].mean()

    def vjp():
        d = np.exp(logp)
        d[np.arange(n), y] -= 1
        return d / n
    return loss, vjp


def two_layer_net(X, y, params, reg=0.0):
    W1, W2 = params['W1'], params['W2']
    h, back1 = affine_forward(X, W1, params['b1'])
    a, back_relu = relu_forward(h)
    scores, back2 = affine_forward(a, W2, params['b2'])
    loss, back_loss = softmax_loss(scores, y)
    loss = loss + reg * (np.sum(W1 * W1) + np.sum(W2 * W2))
    da, dW2, db2 = back2(back_loss())
    _, dW1, db1 = back1(back_relu(da))
    return loss, {'W1': dW1 + 2 * reg * W1, 'b1': db1, 'W2': dW2 + 2 * reg * W2, 'b2': db2}
