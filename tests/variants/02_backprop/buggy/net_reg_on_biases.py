"""two_layer_net: regularizes every parameter, biases included (loss and gradients), by
looping over params; the contract penalizes W1 and W2 only.

expect: two_layer_net ~ reg|bias|b1|b2|regulari
"""
import numpy as np


def two_layer_net(X, y, params, reg=0.0):
    W1, b1, W2, b2 = params['W1'], params['b1'], params['W2'], params['b2']
    N = X.shape[0]
    z1 = X @ W1 + b1
    h1 = np.maximum(z1, 0)
    scores = h1 @ W2 + b2
    shifted = scores - scores.max(axis=1, keepdims=True)
    logp = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    loss = -logp[np.arange(N), y].mean()
    dscores = np.exp(logp)
    dscores[np.arange(N), y] -= 1
    dscores /= N
    dh1 = dscores @ W2.T
    dz1 = dh1 * (z1 > 0)
    grads = {'W1': X.T @ dz1, 'b1': dz1.sum(axis=0), 'W2': h1.T @ dscores, 'b2': dscores.sum(axis=0)}
    for name, p in params.items():
        loss += reg * np.sum(p * p)
        grads[name] = grads[name] + 2 * reg * p
    return loss, grads
