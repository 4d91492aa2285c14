"""two_layer_net with np.logaddexp.reduce for the log-sum-exp (stable without an explicit max
shift), np.take_along_axis / np.put_along_axis for the true-class entries and np.vdot for
the regularization.

expect: full
"""
import numpy as np


def two_layer_net(X, y, params, reg=0.0):
    W1, b1, W2, b2 = params['W1'], params['b1'], params['W2'], params['b2']
    N = X.shape[0]
    z = X @ W1 + b1
    a = np.maximum(z, 0)
    s = a @ W2 + b2
    lse = np.logaddexp.reduce(s, axis=1, keepdims=True)
    logp = s - lse
    loss = -np.take_along_axis(logp, y[:, None], axis=1).mean() + reg * (np.vdot(W1, W1) + np.vdot(W2, W2))
    ds = np.exp(logp)
    np.put_along_axis(ds, y[:, None], np.take_along_axis(ds, y[:, None], axis=1) - 1, axis=1)
    ds /= N
    dz = (ds @ W2.T) * (z > 0)
    return loss, {'W1': X.T @ dz + 2 * reg * W1, 'b1': dz.sum(0), 'W2': a.T @ ds + 2 * reg * W2, 'b2': ds.sum(0)}
