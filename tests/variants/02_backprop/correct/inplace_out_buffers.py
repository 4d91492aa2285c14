"""In-place numpy on the student's OWN arrays only: out= buffers made with np.empty_like /
np.empty(..., dtype=x.dtype), np.maximum(out, 0, out=out) on a copy, dx *= mask on a copy of
dout, and in the net scores -= max, np.exp(scores, out=scores), probs /= sums,
probs[rows, y] -= 1, dW += 2 * reg * W, all on arrays the function created itself.

expect: full
"""
import numpy as np


def affine_forward(x, w, b):
    out = np.empty((x.shape[0], w.shape[1]), dtype=x.dtype)
    np.dot(x, w, out=out)
    out += b
    return out, (x, w, b)


def affine_backward(dout, cache):
    x, w, b = cache
    dx = np.empty_like(x)
    np.matmul(dout, w.T, out=dx)
    dw = np.empty_like(w)
    np.matmul(x.T, dout, out=dw)
    db = np.empty_like(b)
    np.sum(dout, axis=0, out=db)
    return dx, dw, db


def relu_forward(x):
    out = np.array(x, copy=True)
    np.maximum(out, 0, out=out)
    return out, x


def relu_backward(dout, cache):
    x = cache
    dx = dout.copy()
    dx *= (x > 0)
    return dx


def two_layer_net(X, y, params, reg=0.0):
    W1, b1, W2, b2 = params['W1'], params['b1'], params['W2'], params['b2']
    N = X.shape[0]
    rows = np.arange(N)

    h = X @ W1
    h += b1
    active = h > 0
    h *= active
    scores = h @ W2
    scores += b2

    scores -= scores.max(axis=1, keepdims=True)
    correct = scores[rows, y].copy()
    np.exp(scores, out=scores)
    sums = scores.sum(axis=1)
    loss = np.mean(np.log(sums) - correct)
    loss += reg * (np.sum(W1 * W1) + np.sum(W2 * W2))

    probs = scores
    probs /= sums[:, None]
    probs[rows, y] -= 1
    probs /= N
    dW2 = h.T @ probs
    dW2 += 2 * reg * W2
    db2 = probs.sum(axis=0)
    dh = probs @ W2.T
    dh *= active
    dW1 = X.T @ dh
    dW1 += 2 * reg * W1
    db1 = dh.sum(axis=0)
    return loss, {'W1': dW1, 'b1': db1, 'W2': dW2, 'b2': db2}
