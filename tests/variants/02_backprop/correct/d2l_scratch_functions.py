"""d2l.ai "from scratch" style: relu as np.maximum(X, np.zeros_like(X)), the net's input
flattened with X.reshape((-1, num_inputs)), softmax through X_exp / partition, and the
cross-entropy taken from log(partition) relative to the row max (d2l's
-log(y_hat[range(len(y_hat)), y]) would underflow). The backward is written by hand with
`len(y_hat)` as the batch size; caches are lists.

expect: full
"""
import numpy as np


def affine_forward(x, w, b):
    num_inputs = w.shape[0]
    out = np.dot(x.reshape((-1, num_inputs)), w) + b
    return out, [x, w, b]


def affine_backward(dout, cache):
    x, w, b = cache
    dx = np.dot(dout, w.T).reshape(x.shape)
    dw = np.dot(x.reshape((-1, w.shape[0])).T, dout)
    db = dout.sum(0)
    return dx, dw, db


def relu(X):
    a = np.zeros_like(X)
    return np.maximum(X, a)


def relu_forward(x):
    return relu(x), [x]


def relu_backward(dout, cache):
    (x,) = cache
    return dout * (x > 0).astype(dout.dtype)


def softmax(X):
    X_exp = np.exp(X - X.max(1, keepdims=True))
    partition = X_exp.sum(1, keepdims=True)
    return X_exp / partition, partition


def two_layer_net(X, y, params, reg=0.0):
    W1, b1, W2, b2 = params['W1'], params['b1'], params['W2'], params['b2']
    num_inputs = W1.shape[0]
    X = X.reshape((-1, num_inputs))
    H_pre = np.dot(X, W1) + b1
    H = relu(H_pre)
    O = np.dot(H, W2) + b2
    y_hat, partition = softmax(O)
    n = len(y_hat)
    shifted = O - O.max(1, keepdims=True)
    l = np.log(partition[:, 0]) - shifted[range(n), y]
    loss = l.sum() / n + reg * ((W1 ** 2).sum() + (W2 ** 2).sum())

    dO = y_hat.copy()
    dO[range(n), y] -= 1
    dO = dO / n
    dW2 = np.dot(H.T, dO) + 2 * reg * W2
    db2 = dO.sum(0)
    dH = np.dot(dO, W2.T)
    dH_pre = dH * (H_pre > 0)
    dW1 = np.dot(X.T, dH_pre) + 2 * reg * W1
    db1 = dH_pre.sum(0)
    return loss, {'W1': dW1, 'b1': db1, 'W2': dW2, 'b2': db2}
