"""CS231n-style two-layer net whose backward pass adds the regularization's gradient
2 * reg * W to dW1 and dW2, but whose loss forgets the term reg * (sum(W1**2) + sum(W2**2)).
The gradients are right for every reg; the loss is right only at reg = 0. The values check
fails, and earns the share of the part that is right (grads).

expect: two_layer_net ~ the loss does not|grads matches on every case tried
"""
import numpy as np


def two_layer_net(X, y, params, reg=0.0):
    W1, b1 = params["W1"], params["b1"]
    W2, b2 = params["W2"], params["b2"]
    N = X.shape[0]

    hidden = np.maximum(0, X.dot(W1) + b1)
    scores = hidden.dot(W2) + b2
    scores = scores - np.max(scores, axis=1, keepdims=True)
    exp_scores = np.exp(scores)
    sums = np.sum(exp_scores, axis=1, keepdims=True)
    probs = exp_scores / sums
    loss = np.mean(np.log(sums[:, 0]) - scores[np.arange(N), y])

    grads = {}
    dscores = probs.copy()
    dscores[np.arange(N), y] -= 1
    dscores /= N
    grads["W2"] = hidden.T.dot(dscores) + 2 * reg * W2
    grads["b2"] = np.sum(dscores, axis=0)
    dhidden = dscores.dot(W2.T)
    dhidden[hidden <= 0] = 0
    grads["W1"] = X.T.dot(dhidden) + 2 * reg * W1
    grads["b1"] = np.sum(dhidden, axis=0)
    return loss, grads
