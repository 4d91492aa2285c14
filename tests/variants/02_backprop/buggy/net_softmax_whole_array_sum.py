"""two_layer_net: the 1-D softmax of "Deep Learning from Scratch" (exp_a / np.sum(exp_a),
max = np.max(a)) applied to the (N, C) batch: the sum and max run over the WHOLE array, so
each row is divided by the total of all rows (probabilities of a row do not sum to 1).

expect: two_layer_net ~ axis|row|whole|per.?example|sum to 1|normali
"""
import numpy as np


def _softmax(a):
    c = np.max(a)
    exp_a = np.exp(a - c)
    return exp_a / np.sum(exp_a)


def two_layer_net(X, y, params, reg=0.0):
    W1, b1, W2, b2 = params['W1'], params['b1'], params['W2'], params['b2']
    N = X.shape[0]
    z1 = X @ W1 + b1
    h = np.maximum(z1, 0)
    scores = h @ W2 + b2
    shifted = scores - np.max(scores)
    log_probs = shifted - np.log(np.sum(np.exp(shifted)))
    probs = _softmax(scores)
    loss = -np.mean(log_probs[np.arange(N), y]) + reg * (np.sum(W1 ** 2) + np.sum(W2 ** 2))
    dscores = probs.copy()
    dscores[np.arange(N), y] -= 1
    dscores /= N
    dh = dscores @ W2.T
    dz1 = dh * (z1 > 0)
    grads = {'W1': X.T @ dz1 + 2 * reg * W1, 'b1': dz1.sum(axis=0),
             'W2': h.T @ dscores + 2 * reg * W2, 'b2': dscores.sum(axis=0)}
    return loss, grads
