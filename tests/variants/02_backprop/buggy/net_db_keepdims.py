r"""two_layer_net: deeplearning.ai's db = np.sum(dZ, axis=0, keepdims=True) for both biases:
grads['b1'] is (1, H) and grads['b2'] is (1, C) instead of b1's (H,) and b2's (C,).

expect: two_layer_net ~ keepdims|shape|\(1, ?\d
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
    dZ2 = np.exp(log_probs)
    dZ2[np.arange(N), y] -= 1
    dZ2 /= N
    dZ1 = (dZ2 @ W2.T) * (z1 > 0)
    grads = {'W1': X.T @ dZ1 + 2 * reg * W1, 'b1': np.sum(dZ1, axis=0, keepdims=True),
             'W2': h.T @ dZ2 + 2 * reg * W2, 'b2': np.sum(dZ2, axis=0, keepdims=True)}
    return loss, grads
