""""Deep Learning from Scratch" (Saito) ch. 5 re-typed: Affine / Relu / SoftmaxWithLoss layer
classes with forward/backward methods; the forward functions return the LAYER OBJECT itself as
the cache. Relu keeps `self.mask = (x <= 0)` and works on copies (the book's `dout[self.mask] = 0`
would write into the caller's dout); the net is an OrderedDict of layers walked in reverse.
The book's cross_entropy_error (log(y + 1e-7)) is replaced by a log-softmax, as the contract's
stability asks, and its 0.5 * lambda weight decay by the contract's reg * sum(W**2).

expect: full
"""
from collections import OrderedDict

import numpy as np


class Affine:
    def __init__(self, W, b):
        self.W = W
        self.b = b
        self.x = None
        self.original_x_shape = None
        self.dW = None
        self.db = None

    def forward(self, x):
        self.original_x_shape = x.shape
        x = x.reshape(x.shape[0], -1)
        self.x = x
        out = np.dot(self.x, self.W) + self.b
        return out

    def backward(self, dout):
        dx = np.dot(dout, self.W.T)
        self.dW = np.dot(self.x.T, dout)
        self.db = np.sum(dout, axis=0)
        dx = dx.reshape(*self.original_x_shape)
        return dx


class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = (x <= 0)
        out = x.copy()
        out[self.mask] = 0
        return out

    def backward(self, dout):
        dx = dout.copy()
        dx[self.mask] = 0
        return dx


def log_softmax(x):
    x = x - np.max(x, axis=-1, keepdims=True)
    return x - np.log(np.sum(np.exp(x), axis=-1, keepdims=True))


class SoftmaxWithLoss:
    def __init__(self):
        self.loss = None
        self.y = None
        self.t = None

    def forward(self, x, t):
        self.t = t
        logp = log_softmax(x)
        self.y = np.exp(logp)
        batch_size = x.shape[0]
        self.loss = -np.sum(logp[np.arange(batch_size), t]) / batch_size
        return self.loss

    def backward(self, dout=1):
        batch_size = self.t.shape[0]
        dx = self.y.copy()
        dx[np.arange(batch_size), self.t] -= 1
        dx = dx * dout / batch_size
        return dx


def affine_forward(x, w, b):
    layer = Affine(w, b)
    return layer.forward(x), layer


def affine_backward(dout, cache):
    layer = cache
    dx = layer.backward(dout)
    return dx, layer.dW, layer.db


def relu_forward(x):
    layer = Relu()
    return layer.forward(x), layer


def relu_backward(dout, cache):
    return cache.backward(dout)


def two_layer_net(X, y, params, reg=0.0):
    layers = OrderedDict()
    layers['Affine1'] = Affine(params['W1'], params['b1'])
    layers['Relu1'] = Relu()
    layers['Affine2'] = Affine(params['W2'], params['b2'])
    last_layer = SoftmaxWithLoss()

    x = X
    for layer in layers.values():
        x = layer.forward(x)
    weight_decay = 0
    for idx in (1, 2):
        W = params['W' + str(idx)]
        weight_decay += reg * np.sum(W ** 2)
    loss = last_layer.forward(x, y) + weight_decay

    dout = last_layer.backward(1)
    for layer in reversed(list(layers.values())):
        dout = layer.backward(dout)

    grads = {}
    grads['W1'] = layers['Affine1'].dW + 2 * reg * layers['Affine1'].W
    grads['b1'] = layers['Affine1'].db
    grads['W2'] = layers['Affine2'].dW + 2 * reg * layers['Affine2'].W
    grads['b2'] = layers['Affine2'].db
    return loss, grads
