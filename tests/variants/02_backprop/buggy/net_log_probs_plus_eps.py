r"""two_layer_net: "Deep Learning from Scratch"'s cross_entropy_error,
-sum(log(y[arange(N), t] + 1e-7)) / N, on a correctly shifted softmax: biased by the
epsilon, and it saturates at -log(1e-7) ~ 16.1 per row when the true class's probability
underflows (large logits), instead of growing with the logits.

expect: two_layer_net ~ 1e-7|1e-07|epsilon|\beps\b|log\(p|saturat
"""
import numpy as np


def two_layer_net(X, y, params, reg=0.0):
    W1, b1, W2, b2 = params['W1'], params['b1'], params['W2'], params['b2']
    batch_size = X.shape[0]
    z1 = X @ W1 + b1
    h = np.maximum(z1, 0)
    scores = h @ W2 + b2
    e = np.exp(scores - np.max(scores, axis=1, keepdims=True))
    probs = e / np.sum(e, axis=1, keepdims=True)
    loss = -np.sum(np.log(probs[np.arange(batch_size), y] + 1e-7)) / batch_size
    loss += reg * (np.sum(W1 ** 2) + np.sum(W2 ** 2))
    dscores = probs.copy()
    dscores[np.arange(batch_size), y] -= 1
    dscores /= batch_size
    dh = dscores @ W2.T
    dz1 = dh * (z1 > 0)
    grads = {'W1': X.T @ dz1 + 2 * reg * W1, 'b1': dz1.sum(axis=0),
             'W2': h.T @ dscores + 2 * reg * W2, 'b2': dscores.sum(axis=0)}
    return loss, grads
