"""A student who writes the layers with explicit Python loops (no timing on the layers):
affine_forward fills np.empty((N, M), dtype=x.dtype) row by row, affine_backward sums
np.outer(x[i], dout[i]) into np.zeros_like(w) and dout rows into np.zeros_like(b); relu loops
over np.ndindex on a copy. The net stays vectorized but walks its two affine layers in a loop.

expect: full
"""
import numpy as np


def affine_forward(x, w, b):
    N, M = x.shape[0], w.shape[1]
    out = np.empty((N, M), dtype=x.dtype)
    for i in range(N):
        out[i] = x[i].dot(w) + b
    return out, (x, w, b)


def affine_backward(dout, cache):
    x, w, b = cache
    dx = np.zeros_like(x)
    dw = np.zeros_like(w)
    db = np.zeros_like(b)
    for i in range(x.shape[0]):
        dx[i] = w.dot(dout[i])
        dw += np.outer(x[i], dout[i])
        db += dout[i]
    return dx, dw, db


def relu_forward(x):
    out = np.array(x, copy=True)
    for idx in np.ndindex(out.shape):
        if out[idx] < 0:
            out[idx] = 0
    return out, x


def relu_backward(dout, cache):
    x = cache
    dx = np.zeros_like(dout)
    for idx in np.ndindex(x.shape):
        if x[idx] > 0:
            dx[idx] = dout[idx]
    return dx


def two_layer_net(X, y, params, reg=0.0):
    N = X.shape[0]
    layers = [(params['W1'], params['b1']), (params['W2'], params['b2'])]
    inputs, pres = [], []
    a = X
    for k, (W, b) in enumerate(layers):
        inputs.append(a)
        z = a @ W + b
        pres.append(z)
        a = np.maximum(z, 0) if k == 0 else z
    scores = a
    shifted = scores - scores.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    loss = -log_probs[np.arange(N), y].mean()
    for W, _ in layers:
        loss += reg * np.sum(W * W)

    delta = np.exp(log_probs)
    delta[np.arange(N), y] -= 1
    delta /= N
    grads = {}
    for k in (1, 0):
        W, _ = layers[k]
        grads['W%d' % (k + 1)] = inputs[k].T @ delta + 2 * reg * W
        grads['b%d' % (k + 1)] = delta.sum(axis=0)
        if k > 0:
            delta = (delta @ W.T) * (pres[k - 1] > 0)
    return loss, grads
