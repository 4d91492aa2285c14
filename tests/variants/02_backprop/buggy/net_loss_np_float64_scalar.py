"""two_layer_net that accumulates the loss in float64 (np.sum(..., dtype=np.float64)) and
returns that numpy float64 scalar for float32 inputs: unlike a Python float (which the
contract allows), a np.float64 carries a dtype and upcasts float32 arrays under NumPy 2.

expect: two_layer_net ~ float64
"""
import numpy as np


def two_layer_net(X, y, params, reg=0.0):
    W1, b1, W2, b2 = params['W1'], params['b1'], params['W2'], params['b2']
    N = X.shape[0]
    h = X @ W1 + b1
    a = np.maximum(h, 0)
    s = a @ W2 + b2
    s = s - s.max(axis=1, keepdims=True)
    logZ = np.log(np.exp(s).sum(axis=1))
    loss = np.sum(logZ - s[np.arange(N), y], dtype=np.float64) / N
    loss += reg * (np.sum(W1 * W1, dtype=np.float64) + np.sum(W2 * W2, dtype=np.float64))
    p = np.exp(s - logZ[:, None])
    p[np.arange(N), y] -= 1
    p /= N
    dh = (p @ W2.T) * (h > 0)
    return loss, {'W1': X.T @ dh + 2 * reg * W1, 'b1': dh.sum(axis=0),
                  'W2': a.T @ p + 2 * reg * W2, 'b2': p.sum(axis=0)}
