"""Whole module of module-level lambdas for the layers (relu caching its boolean mask) and a semicolon-packed two_layer_net that does not reuse them.

composition: whole
expect: full
"""
import numpy as np

affine_forward = lambda x, w, b: (x @ w + b, (x, w))
affine_backward = lambda dout, c: (dout @ c[1].T, c[0].T @ dout, dout.sum(0))
relu_forward = lambda x: (np.maximum(x, 0), x > 0)
relu_backward = lambda dout, m: dout * m


def two_layer_net(X, y, p, reg=0.0):
    h = X @ p['W1'] + p['b1']; a = np.maximum(h, 0); s = a @ p['W2'] + p['b2']
    s = s - s.max(1, keepdims=True); lp = s - np.log(np.exp(s).sum(1, keepdims=True))
    n = len(y); r = np.arange(n)
    loss = -lp[r, y].mean() + reg * ((p['W1'] ** 2).sum() + (p['W2'] ** 2).sum())
    ds = np.exp(lp); ds[r, y] -= 1; ds /= n
    dh = (ds @ p['W2'].T) * (h > 0)
    return loss, {'W1': X.T @ dh + 2 * reg * p['W1'], 'b1': dh.sum(0),
                  'W2': a.T @ ds + 2 * reg * p['W2'], 'b2': ds.sum(0)}
