"""two_layer_net with the ReLU mask written inline as (h >= 0): the gradient passes where a
hidden pre-activation is exactly 0, against the course's convention (0 at exactly 0, as in
relu_backward).

expect: two_layer_net ~ exactly 0|z > 0|>= 0
"""
import numpy as np


def two_layer_net(X, y, p, reg=0.0):
    h = X @ p['W1'] + p['b1']; a = np.maximum(h, 0); s = a @ p['W2'] + p['b2']
    s = s - s.max(1, keepdims=True); lp = s - np.log(np.exp(s).sum(1, keepdims=True))
    n = len(y); r = np.arange(n)
    loss = -lp[r, y].mean() + reg * ((p['W1'] ** 2).sum() + (p['W2'] ** 2).sum())
    ds = np.exp(lp); ds[r, y] -= 1; ds /= n
    dh = (ds @ p['W2'].T) * (h >= 0)
    return loss, {'W1': X.T @ dh + 2 * reg * p['W1'], 'b1': dh.sum(0),
                  'W2': a.T @ ds + 2 * reg * p['W2'], 'b2': ds.sum(0)}
