"""The @ operator with an explicit b[None, :]; relu and its backward through np.where;
the net keeps the pre-activation for the mask and returns the loss as a Python float.

expect: full
"""
import numpy as np


def affine_forward(x, w, b):
    return x @ w + b[None, :], (x, w, b)


def affine_backward(dout, cache):
    x, w, _ = cache
    return dout @ w.T, x.T @ dout, dout.sum(0)


def relu_forward(x):
    return np.where(x > 0, x, 0), x


def relu_backward(dout, cache):
    return np.where(cache > 0, dout, 0)


def two_layer_net(X, y, params, reg=0.0):
    W1, b1, W2, b2 = params['W1'], params['b1'], params['W2'], params['b2']
    n = len(y)
    pre = X @ W1 + b1[None, :]
    hid = np.where(pre > 0, pre, 0)
    s = hid @ W2 + b2[None, :]
    s = s - s.max(axis=1)[:, None]
    logp = s - np.log(np.exp(s).sum(axis=1))[:, None]
    data_loss = -logp[np.arange(n), y].sum() / n
    loss = float(data_loss + reg * ((W1 * W1).sum() + (W2 * W2).sum()))
    ds = np.exp(logp)
    ds[np.arange(n), y] -= 1
    ds = ds / n
    dhid = ds @ W2.T
    dpre = np.where(pre > 0, dhid, 0)
    return loss, {
        'W1': X.T @ dpre + 2 * reg * W1,
        'b1': dpre.sum(0),
        'W2': hid.T @ ds + 2 * reg * W2,
        'b2': ds.sum(0),
    }
