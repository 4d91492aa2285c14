r"""two_layer_net: the loss is the mean, but dscores is never divided by N, so every
gradient is N times too large (N = 1 hides it).

expect: two_layer_net ~ average|mean|divid|\bN\b|batch|scale
"""
import numpy as np


def two_layer_net(X, y, params, reg=0.0):
    W1, b1, W2, b2 = params['W1'], params['b1'], params['W2'], params['b2']
    N = X.shape[0]
    hidden = np.maximum(0, X.dot(W1) + b1)
    scores = hidden.dot(W2) + b2
    scores = scores - np.max(scores, axis=1, keepdims=True)
    log_probs = scores - np.log(np.sum(np.exp(scores), axis=1, keepdims=True))
    loss = -np.mean(log_probs[range(N), y]) + reg * (np.sum(W1 * W1) + np.sum(W2 * W2))
    dscores = np.exp(log_probs)
    dscores[range(N), y] -= 1
    dhidden = dscores.dot(W2.T)
    dhidden[hidden <= 0] = 0
    return loss, {'W1': X.T.dot(dhidden) + 2 * reg * W1, 'b1': dhidden.sum(axis=0),
                  'W2': hidden.T.dot(dscores) + 2 * reg * W2, 'b2': dscores.sum(axis=0)}
