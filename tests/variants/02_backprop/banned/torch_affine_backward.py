"""affine_backward replays the forward in torch and calls .backward() (torch inside a
numpy exercise). affine_forward and two_layer_net are plain numpy and do not call it,
so only affine_backward scores zero.

expect: affine_backward = 0 ~ torch|autograd|not allowed|banned|forbidden|numpy only
"""
import numpy as np
import torch


def affine_forward(x, w, b):
    return x @ w + b, (x, w, b)


def affine_backward(dout, cache):
    x, w, b = (torch.tensor(a, requires_grad=True) for a in cache)
    out = x @ w + b
    out.backward(torch.from_numpy(dout))
    return x.grad.numpy(), w.grad.numpy(), b.grad.numpy()


def two_layer_net(X, y, params, reg=0.0):
    W1, b1, W2, b2 = params['W1'], params['b1'], params['W2'], params['b2']
    N = X.shape[0]
    z1 = X @ W1 + b1
    h1 = np.maximum(z1, 0)
    scores = h1 @ W2 + b2
    shifted = scores - scores.max(axis=1, keepdims=True)
    logp = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    loss = -logp[np.arange(N), y].mean() + reg * (np.sum(W1 * W1) + np.sum(W2 * W2))
    dscores = np.exp(logp)
    dscores[np.arange(N), y] -= 1
    dscores /= N
    dz1 = (dscores @ W2.T) * (z1 > 0)
    return loss, {'W1': X.T @ dz1 + 2 * reg * W1, 'b1': dz1.sum(axis=0),
                  'W2': h1.T @ dscores + 2 * reg * W2, 'b2': dscores.sum(axis=0)}
