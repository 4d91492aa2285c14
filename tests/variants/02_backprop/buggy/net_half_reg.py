r"""two_layer_net: CS231n's 0.5 * reg * sum(W**2) with gradient reg * W: self-consistent,
but half the contract's term (the contract is reg * sum(W**2), gradient 2 * reg * W).

expect: two_layer_net ~ reg|half|0\.5|factor|regulari
"""
import numpy as np


def two_layer_net(X, y, params, reg=0.0):
    W1, b1, W2, b2 = params['W1'], params['b1'], params['W2'], params['b2']
    N = X.shape[0]
    hidden = np.maximum(0, X.dot(W1) + b1)
    scores = hidden.dot(W2) + b2
    scores = scores - np.max(scores, axis=1, keepdims=True)
    log_probs = scores - np.log(np.sum(np.exp(scores), axis=1, keepdims=True))
    loss = -np.sum(log_probs[range(N), y]) / N
    loss += 0.5 * reg * (np.sum(W1 * W1) + np.sum(W2 * W2))
    dscores = np.exp(log_probs)
    dscores[range(N), y] -= 1
    dscores /= N
    grads = {'W2': hidden.T.dot(dscores) + reg * W2, 'b2': np.sum(dscores, axis=0)}
    dhidden = dscores.dot(W2.T)
    dhidden[hidden <= 0] = 0
    grads['W1'] = X.T.dot(dhidden) + reg * W1
    grads['b1'] = np.sum(dhidden, axis=0)
    return loss, grads
