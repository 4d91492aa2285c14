"""relu caches its output and the backward masks with out >= 0, which is always true
(out = max(x, 0) is never negative): the gradient flows through negative inputs too.

expect: relu_backward ~ mask|negative|relu|zero|differ|wrong|expected
"""
import numpy as np


def relu_forward(x):
    out = np.maximum(x, 0)
    return out, out


def relu_backward(dout, cache):
    out = cache
    return dout * (out >= 0)


def two_layer_net(X, y, params, reg=0.0):
    # self-contained (calls none of the layer functions), so only the layer bug loses marks
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    N = X.shape[0]
    z1 = X @ W1 + b1
    h1 = np.maximum(z1, 0)
    scores = h1 @ W2 + b2
    shifted = scores - scores.max(axis=1, keepdims=True)
    logp = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    loss = -logp[np.arange(N), y].mean() + reg * (np.sum(W1 * W1) + np.sum(W2 * W2))
    dscores = np.exp(logp)
    dscores[np.arange(N), y] -= 1
    dscores /= N
    dh1 = dscores @ W2.T
    dz1 = dh1 * (z1 > 0)
    return loss, {"W1": X.T @ dz1 + 2 * reg * W1, "b1": dz1.sum(axis=0),
                  "W2": h1.T @ dscores + 2 * reg * W2, "b2": dscores.sum(axis=0)}

