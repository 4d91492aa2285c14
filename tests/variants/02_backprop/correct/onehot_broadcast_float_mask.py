"""One-hot targets by broadcasting (y[:, None] == np.arange(C)).astype(scores.dtype), loss as
-sum(onehot * log_probs) / N and dscores = (probs - onehot) / N; relu caches a FLOAT mask
(x > 0).astype(x.dtype) and multiplies it in; relu_forward is x * (x > 0); the
regularizer uses np.vdot(W, W); the affine bias is added through b.reshape(1, -1).

expect: full
"""
import numpy as np


def affine_forward(x, w, b):
    out = x.dot(w) + b.reshape(1, -1)
    return out, {'input': x, 'weight': w}


def affine_backward(dout, cache):
    x, w = cache['input'], cache['weight']
    return dout.dot(w.T), x.T.dot(dout), np.ones(dout.shape[0], dtype=dout.dtype).dot(dout)


def relu_forward(x):
    mask = (x > 0).astype(x.dtype)
    return x * (x > 0), mask


def relu_backward(dout, cache):
    mask = cache
    return dout * mask


def two_layer_net(X, y, params, reg=0.0):
    W1, b1, W2, b2 = params['W1'], params['b1'], params['W2'], params['b2']
    N, C = X.shape[0], W2.shape[1]
    h_in = X.dot(W1) + b1.reshape(1, -1)
    mask = (h_in > 0).astype(h_in.dtype)
    h = h_in * mask
    scores = h.dot(W2) + b2.reshape(1, -1)
    onehot = (y[:, None] == np.arange(C)[None, :]).astype(scores.dtype)

    z = scores - scores.max(axis=1, keepdims=True)
    log_probs = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    probs = np.exp(log_probs)
    loss = -np.sum(onehot * log_probs) / N + reg * (np.vdot(W1, W1) + np.vdot(W2, W2))

    dscores = (probs - onehot) / N
    dh = dscores.dot(W2.T) * mask
    return loss, {'W1': X.T.dot(dh) + 2 * reg * W1, 'b1': dh.sum(axis=0),
                  'W2': h.T.dot(dscores) + 2 * reg * W2, 'b2': dscores.sum(axis=0)}
