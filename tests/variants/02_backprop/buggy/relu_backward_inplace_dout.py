"""relu_backward: dout[x <= 0] = 0 on the upstream gradient itself, then returns it:
values right, dout modified in place.

expect: relu_backward ~ in.?place|modif|mutat|input|unchanged|overwr|dout
"""
import numpy as np


def relu_forward(x):
    return np.maximum(x, 0), x


def relu_backward(dout, cache):
    x = cache
    dout[x <= 0] = 0
    return dout


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

