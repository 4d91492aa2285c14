r"""two_layer_net: the data loss and its gradient are summed over the batch, never divided
by N (self-consistent, but N times the contract's mean).

expect: two_layer_net ~ average|mean|sum|divid|\bN\b|batch|scale
"""
import numpy as np


def two_layer_net(X, y, params, reg=0.0):
    W1, b1, W2, b2 = params['W1'], params['b1'], params['W2'], params['b2']
    N = X.shape[0]
    z1 = X @ W1 + b1
    h1 = np.maximum(z1, 0)
    scores = h1 @ W2 + b2
    shifted = scores - scores.max(axis=1, keepdims=True)
    logp = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    loss = -logp[np.arange(N), y].sum() + reg * (np.sum(W1 * W1) + np.sum(W2 * W2))
    dscores = np.exp(logp)
    dscores[np.arange(N), y] -= 1
    dh1 = dscores @ W2.T
    dz1 = dh1 * (z1 > 0)
    return loss, {'W1': X.T @ dz1 + 2 * reg * W1, 'b1': dz1.sum(axis=0),
                  'W2': h1.T @ dscores + 2 * reg * W2, 'b2': dscores.sum(axis=0)}
