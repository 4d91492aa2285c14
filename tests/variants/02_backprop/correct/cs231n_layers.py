"""CS231n's layers.py and neural_net.py, adapted to the contract: affine with x reshaped
to (N, -1) (works for any trailing shape), cache (x, w, b); relu caching x; the two-layer
net written out with scores, shifted log-probabilities, dscores = probs.copy();
dscores[range(N), y] -= 1; dscores /= N; and the contract's 2 * reg * W gradients.

expect: full
"""
import numpy as np


def affine_forward(x, w, b):
    out = x.reshape(x.shape[0], -1).dot(w) + b
    cache = (x, w, b)
    return out, cache


def affine_backward(dout, cache):
    x, w, b = cache
    dx = dout.dot(w.T).reshape(x.shape)
    dw = x.reshape(x.shape[0], -1).T.dot(dout)
    db = np.sum(dout, axis=0)
    return dx, dw, db


def relu_forward(x):
    out = np.maximum(0, x)
    cache = x
    return out, cache


def relu_backward(dout, cache):
    x = cache
    dx = (x > 0) * dout
    return dx


def two_layer_net(X, y, params, reg=0.0):
    W1, b1 = params['W1'], params['b1']
    W2, b2 = params['W2'], params['b2']
    N = X.shape[0]

    hidden_layer = np.maximum(0, X.dot(W1) + b1)
    scores = hidden_layer.dot(W2) + b2

    scores = scores - np.max(scores, axis=1, keepdims=True)
    log_probs = scores - np.log(np.sum(np.exp(scores), axis=1, keepdims=True))
    probs = np.exp(log_probs)
    data_loss = -np.sum(log_probs[range(N), y]) / N
    reg_loss = reg * (np.sum(W1 * W1) + np.sum(W2 * W2))
    loss = data_loss + reg_loss

    grads = {}
    dscores = probs.copy()
    dscores[range(N), y] -= 1
    dscores /= N
    grads['W2'] = hidden_layer.T.dot(dscores) + 2 * reg * W2
    grads['b2'] = np.sum(dscores, axis=0)
    dhidden = dscores.dot(W2.T)
    dhidden[hidden_layer <= 0] = 0
    grads['W1'] = X.T.dot(dhidden) + 2 * reg * W1
    grads['b1'] = np.sum(dhidden, axis=0)
    return loss, grads
