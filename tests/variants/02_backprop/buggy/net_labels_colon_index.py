r"""two_layer_net: the true-class entries picked with log_probs[:, y] instead of
log_probs[np.arange(N), y]: an (N, N) block whose mean mixes every row with every label,
and dscores[:, y] -= 1 subtracts 1 in every row at every label's column.

expect: two_layer_net ~ arange|\[:, ?y\]|range\(N\)|label|index
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
    loss = -np.mean(log_probs[:, y]) + reg * (np.sum(W1 ** 2) + np.sum(W2 ** 2))
    dscores = np.exp(log_probs)
    dscores[:, y] -= 1
    dscores /= N
    dh = dscores @ W2.T
    dz1 = dh * (z1 > 0)
    grads = {'W1': X.T @ dz1 + 2 * reg * W1, 'b1': dz1.sum(axis=0),
             'W2': h.T @ dscores + 2 * reg * W2, 'b2': dscores.sum(axis=0)}
    return loss, grads
