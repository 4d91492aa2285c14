"""two_layer_net: the scores shifted by ONE global max, scores - np.max(scores), instead of
each row's max: a row whose scores lie far below the batch's maximum underflows to all zeros
(0/0, log(0)) although every logit is finite.

expect: two_layer_net ~ row|each|axis|stab|finite|underflow|nan|inf
"""
import numpy as np


def two_layer_net(X, y, params, reg=0.0):
    W1, b1, W2, b2 = params['W1'], params['b1'], params['W2'], params['b2']
    N = X.shape[0]
    z1 = X @ W1 + b1
    h = np.maximum(z1, 0)
    scores = h @ W2 + b2
    scores = scores - np.max(scores)
    exp_scores = np.exp(scores)
    sums = np.sum(exp_scores, axis=1, keepdims=True)
    log_probs = scores - np.log(sums)
    probs = exp_scores / sums
    loss = -np.mean(log_probs[np.arange(N), y]) + reg * (np.sum(W1 ** 2) + np.sum(W2 ** 2))
    dscores = probs.copy()
    dscores[np.arange(N), y] -= 1
    dscores /= N
    dh = dscores @ W2.T
    dz1 = dh * (z1 > 0)
    grads = {'W1': X.T @ dz1 + 2 * reg * W1, 'b1': dz1.sum(axis=0),
             'W2': h.T @ dscores + 2 * reg * W2, 'b2': dscores.sum(axis=0)}
    return loss, grads
