"""Model solution for 02_backprop (numpy only): affine and ReLU layers with caches, and a
two-layer net whose loss and gradients are computed by hand."""

import numpy as np


def affine_forward(x, w, b):
    out = x @ w + b
    return out, (x, w)


def affine_backward(dout, cache):
    x, w = cache
    dx = dout @ w.T
    dw = x.T @ dout
    db = dout.sum(axis=0)
    return dx, dw, db


def relu_forward(x):
    return np.maximum(x, 0), x


def relu_backward(dout, cache):
    x = cache
    return np.where(x > 0, dout, 0)


def _log_softmax(scores):
    shifted = scores - scores.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def two_layer_net(X, y, params, reg=0.0):
    reg = float(reg)  # a numpy float64 scalar would upcast float32 arrays
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    N = X.shape[0]
    y = np.asarray(y).astype(np.intp, copy=False)
    rows = np.arange(N)

    # forward
    hidden_pre, cache1 = affine_forward(X, W1, b1)
    hidden, cache_relu = relu_forward(hidden_pre)
    scores, cache2 = affine_forward(hidden, W2, b2)
    log_probs = _log_softmax(scores)
    data_loss = -log_probs[rows, y].mean()
    loss = data_loss + reg * (np.sum(W1 * W1) + np.sum(W2 * W2))

    # backward
    dscores = np.exp(log_probs)
    dscores[rows, y] -= 1
    dscores /= N
    dhidden, dW2, db2 = affine_backward(dscores, cache2)
    dhidden_pre = relu_backward(dhidden, cache_relu)
    _, dW1, db1 = affine_backward(dhidden_pre, cache1)
    grads = {
        "W1": dW1 + (2 * reg) * W1,
        "b1": db1,
        "W2": dW2 + (2 * reg) * W2,
        "b2": db2,
    }
    return np.asarray(loss, dtype=scores.dtype), grads
