"""two_layer_net: one-hot labels from np.eye(C)[y], float64 by default: with float32
parameters dscores and every gradient come out float64.

expect: two_layer_net ~ float64|dtype|float32
"""
import numpy as np


def two_layer_net(X, y, params, reg=0.0):
    W1, b1, W2, b2 = params['W1'], params['b1'], params['W2'], params['b2']
    N, C = X.shape[0], W2.shape[1]
    Y = np.eye(C)[y]
    z1 = X @ W1 + b1
    h1 = np.maximum(z1, 0)
    scores = h1 @ W2 + b2
    shifted = scores - scores.max(axis=1, keepdims=True)
    logp = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    loss = -np.sum(Y * logp) / N + reg * (np.sum(W1 * W1) + np.sum(W2 * W2))
    dscores = (np.exp(logp) - Y) / N
    dz1 = (dscores @ W2.T) * (z1 > 0)
    return loss, {'W1': X.T @ dz1 + 2 * reg * W1, 'b1': dz1.sum(axis=0),
                  'W2': h1.T @ dscores + 2 * reg * W2, 'b2': dscores.sum(axis=0)}
