"""two_layer_net normalizes the scores with scipy.special.logsumexp (imported at the top):
two_layer_net scores zero, the layer functions are untouched.

expect: two_layer_net = 0 ~ scipy|logsumexp|not allowed|banned|forbidden
"""
import numpy as np
from scipy.special import logsumexp


def two_layer_net(X, y, params, reg=0.0):
    W1, b1, W2, b2 = params['W1'], params['b1'], params['W2'], params['b2']
    N = X.shape[0]
    z1 = X @ W1 + b1
    h1 = np.maximum(z1, 0)
    scores = h1 @ W2 + b2
    logp = scores - logsumexp(scores, axis=1, keepdims=True)
    loss = -logp[np.arange(N), y].mean() + reg * (np.sum(W1 * W1) + np.sum(W2 * W2))
    dscores = np.exp(logp)
    dscores[np.arange(N), y] -= 1
    dscores /= N
    dz1 = (dscores @ W2.T) * (z1 > 0)
    return loss, {'W1': X.T @ dz1 + 2 * reg * W1, 'b1': dz1.sum(axis=0),
                  'W2': h1.T @ dscores + 2 * reg * W2, 'b2': dscores.sum(axis=0)}
