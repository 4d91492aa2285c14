"""two_layer_net: grads = params, then grads['W1'] = dW1 ...: the "new" dict IS the caller's
params dict, so after the call params holds the gradients instead of the weights (a training
loop would then update gradients with gradients). Values returned are right.

expect: two_layer_net ~ in.?place|modif|params|unchanged|caller|copy
"""
import numpy as np


def two_layer_net(X, y, params, reg=0.0):
    W1, b1, W2, b2 = params['W1'], params['b1'], params['W2'], params['b2']
    N = X.shape[0]
    z1 = X @ W1 + b1
    h = np.maximum(z1, 0)
    scores = h @ W2 + b2
    shifted = scores - scores.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    loss = -np.mean(log_probs[np.arange(N), y]) + reg * (np.sum(W1 ** 2) + np.sum(W2 ** 2))
    dscores = np.exp(log_probs)
    dscores[np.arange(N), y] -= 1
    dscores /= N
    dz1 = (dscores @ W2.T) * (z1 > 0)
    grads = params
    grads['W1'] = X.T @ dz1 + 2 * reg * W1
    grads['b1'] = dz1.sum(axis=0)
    grads['W2'] = h.T @ dscores + 2 * reg * W2
    grads['b2'] = dscores.sum(axis=0)
    return loss, grads
